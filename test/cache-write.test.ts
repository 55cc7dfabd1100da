// The cache's writer: a new file of this user's alone, renamed into place, and nothing left
// beside it when the write or the rename fails.

import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCacheFile } from '../electron/services/cache';
import { tempDir } from './helpers/temp';

describe('writeCacheFile', () => {
  it('writes the text into a 0600 file, made in a 0700 folder', async () => {
    const dir = join(await tempDir('confine-cache-write-'), 'confine');
    const file = join(dir, 'catalog.json');
    await writeCacheFile(file, '{"a":1}');
    expect(await readFile(file, 'utf8')).toBe('{"a":1}');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(await readdir(dir)).toEqual(['catalog.json']);
  });

  it('leaves no temporary file behind when the rename is refused', async () => {
    const dir = await tempDir('confine-cache-write-');
    // A folder where the file should go: the rename of a file over it fails.
    const file = join(dir, 'list-output');
    await mkdir(join(file, 'inside'), { recursive: true });
    await expect(writeCacheFile(file, 'text')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['list-output']);
  });
});

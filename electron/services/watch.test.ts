// The watcher lets go of its watches: once disposed, a change it would have told is not told,
// while a second watcher on the same folder, still open, shows the change did happen.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchFlatpak, type Changed } from './watch';
import { tempDir } from '../../test/helpers/temp';

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('watching Flatpak folders', () => {
  it('tells nothing more once disposed, not even a change noted before', async () => {
    dir = await tempDir('confine-watch-');
    const overrides = join(dir, 'overrides');
    await mkdir(overrides);
    const targets = { overrideDirs: [overrides], installationDirs: [] };
    const gone: Changed[] = [];
    const witness: Changed[] = [];
    const watcher = watchFlatpak(targets, (c) => gone.push(c), 50);
    const open = watchFlatpak(targets, (c) => witness.push(c), 50);
    const settle = () => new Promise((r) => setTimeout(r, 200));
    try {
      await writeFile(join(overrides, 'org.example.A'), '[Context]\n');
      await expect.poll(() => witness.length).toBeGreaterThan(0);
      await expect.poll(() => gone.length).toBeGreaterThan(0);
      await settle();
      watcher.note({ portals: true });
      watcher.dispose();
      const told = gone.length;
      const seen = witness.length;
      await writeFile(join(overrides, 'org.example.B'), '[Context]\n');
      await expect.poll(() => witness.length).toBeGreaterThan(seen);
      // Both debounce alike: had the disposed one still watched, it would have told by now.
      await settle();
      expect(gone).toHaveLength(told);
    } finally {
      open.dispose();
    }
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../shared/i18n';
import { englishWords } from '../../test/helpers/english-words';
import { ReviewStore, stateDir } from './review-store';
import { tempDir } from '../../test/helpers/temp';

const fresh = async () => {
  const dir = await tempDir('confine-review-store-');
  return join(dir, 'state', 'review.json');
};

describe('the review store', () => {
  it('lives in $XDG_STATE_HOME/confine, else ~/.local/state/confine', () => {
    expect(stateDir({ HOME: '/home/ann', XDG_STATE_HOME: '/st' })).toBe('/st/confine');
    expect(stateDir({ HOME: '/home/ann' })).toBe('/home/ann/.local/state/confine');
  });

  it('keeps every entry when two writers (two Confine processes) update it at once', async () => {
    const path = await fresh();
    const writers = [new ReviewStore(path), new ReviewStore(path)];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (writers[i % 2] as ReviewStore).update((s) => {
          (s.seen['/inst'] ??= {})[`org.example.App${i}`] = [`--env=N=${i}`];
          return s;
        }),
      ),
    );
    const seen = (await new ReviewStore(path).read()).seen['/inst'] ?? {};
    expect(Object.keys(seen)).toHaveLength(20);
    expect(seen['org.example.App7']).toEqual(['--env=N=7']);
  });

  it('reports a damaged file, or one of a newer Confine, and never writes over it', async () => {
    const path = await fresh();
    const store = new ReviewStore(path);
    await store.update((s) => s);
    for (const bad of ['{"format":"confine-review","version":1,', '{"format":"confine-review","version":2}']) {
      await writeFile(path, bad);
      await expect(store.read()).rejects.toThrow(path);
      await expect(store.update((s) => ({ ...s, locks: { all: true, apps: [] } }))).rejects.toThrow(
        'Confine leaves it as it is',
      );
      expect(await readFile(path, 'utf8')).toBe(bad);
    }
    // Said in the user's language: under the pseudo-locale only the path and the version stay plain.
    await setLanguage(['en-XA']);
    try {
      const said = await store.read().then(
        () => '',
        (e: Error) => e.message,
      );
      expect(said).toContain(path);
      expect(englishWords(said.replace(path, ' '), { words: ['Confine'] })).toEqual([]);
    } finally {
      await setLanguage([]);
    }
  });

  it('refuses an entry that is not an application ID', async () => {
    const path = await fresh();
    await new ReviewStore(path).update((s) => s);
    const text = (await readFile(path, 'utf8')).replace('"apps": []', '"apps": ["../../.bashrc"]');
    await writeFile(path, text);
    await expect(new ReviewStore(path).read()).rejects.toThrow('locks.apps.0');
  });
});

import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore } from './settings';
import { tempDir } from '../../test/helpers/temp';

let dir: string;
beforeEach(async () => {
  dir = await tempDir('confine-settings-');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function loadFrom(content: object) {
  await writeFile(join(dir, 'settings.json'), JSON.stringify(content));
  const store = SettingsStore.inFolder(dir);
  return { store, settings: await store.load() };
}

describe('the remembered page', () => {
  it('is read from a file of an older build, which held an app ID as selectedApp', async () => {
    const { settings } = await loadFrom({ window: { width: 900, height: 700 }, selectedApp: 'org.example.Editor' });
    expect(settings).toEqual({
      window: { width: 900, height: 700 },
      page: { kind: 'app', appId: 'org.example.Editor' },
    });
  });

  it('maps the old sentinels to their pages, and drops what is neither', async () => {
    expect((await loadFrom({ selectedApp: '*global*' })).settings.page).toEqual({ kind: 'global' });
    expect((await loadFrom({ selectedApp: '*system*' })).settings.page).toEqual({ kind: 'system' });
    expect((await loadFrom({ selectedApp: '../../etc' })).settings.page).toBeUndefined();
  });

  it('is saved as a page, without the old field, and read back', async () => {
    const { store } = await loadFrom({ window: { width: 900, height: 700 }, selectedApp: 'org.example.Editor' });
    await store.update({ page: { kind: 'overview' } });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual({
      window: { width: 900, height: 700 },
      page: { kind: 'overview' },
    });
    expect((await SettingsStore.inFolder(dir).load()).page).toEqual({ kind: 'overview' });
  });

  it('that this build cannot read costs the page only, not the window’s size', async () => {
    const { settings } = await loadFrom({ window: { width: 900, height: 700 }, page: { kind: 'settings-v9' } });
    expect(settings).toEqual({ window: { width: 900, height: 700 } });
  });
});

// Hardening end to end: the audit overview, the preview with an item unticked, apply, undo,
// bulk apply, export and import, each checked with the real flatpak.

import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type ConfineApp } from '../fixtures';
import { appOf, openApp, screenshots } from './steps';

const show = async (confine: ConfineApp, id: string) =>
  (await confine.flatpak(['info', '--user', '--show-permissions', id])).stdout;
const overrideFile = async (confine: ConfineApp, id: string) =>
  (await confine.flatpak(['override', '--user', '--show', id])).stdout;
const line = (text: string, key: string) => text.split('\n').find((l) => l.startsWith(`${key}=`)) ?? '';

test('the overview counts what the apps can reach, worst first', async ({ confine }, testInfo) => {
  const { page } = confine;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  const summary = page.getByRole('list', { name: 'Summary' });
  await expect(summary).toContainText('apps can escape the sandbox');
  const ranking = page.getByRole('list', { name: 'Apps by exposure' });
  const escape = appOf(confine, 'sandbox-escape');
  await expect(ranking.getByRole('listitem').filter({ hasText: escape.name })).toContainText('Sandbox escape');
  // Apps with a way out of the sandbox rank above every app without one.
  const escapes = await ranking
    .getByRole('listitem')
    .evaluateAll((rows) => rows.map((r) => r.textContent?.includes('Sandbox escape') ?? false));
  expect(escapes).toEqual([...escapes].sort((a, b) => Number(b) - Number(a)));
  await expect(page.getByRole('region', { name: 'What Flatpak cannot restrict' })).toContainText('/sys and /proc');
  await screenshots(page, testInfo, 'overview', { fullPage: true });
});

test('apply recommended with one item unticked, then undo', async ({ confine }, testInfo) => {
  const { page } = confine;
  const app = appOf(confine, 'kitchen-sink');
  const before = await show(confine, app.id);
  await openApp(page, app.name);
  await expect(page.getByRole('region', { name: 'Exposure' })).toContainText('Changes your whole home folder');
  await page.getByRole('button', { name: 'Apply recommended…' }).click();
  const dialog = page.getByRole('dialog', { name: `Harden ${app.name}` });
  // Free changes are ticked; those that may cost a feature are shown unticked, with the cost;
  // what the app is for (here the network) is not proposed at all.
  const config = dialog.getByRole('checkbox', { name: /Make ~\/\.config read-only/ });
  await expect(config).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /Revoke access to your keyring/ })).not.toBeChecked();
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Revoke access to your keyring' })).toContainText(
    'May cost a feature',
  );
  await expect(dialog.getByRole('checkbox', { name: /Revoke network access/ })).toHaveCount(0);
  const devices = dialog.getByRole('checkbox', { name: /Revoke access to all devices/ });
  await expect(devices).not.toBeChecked();
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Revoke access to all devices' })).toContainText(
    'It can no longer use webcams',
  );
  const keys = dialog.getByRole('checkbox', { name: /Make ~\/\.ssh and ~\/\.gnupg read-only/ });
  await expect(keys).toBeChecked();
  await keys.uncheck();
  await expect(keys).not.toBeChecked();
  await expect(dialog.locator('.harden-app__command')).not.toContainText('--filesystem=~/.ssh:ro');
  await expect(dialog.locator('.harden-app__command')).toContainText('--filesystem=~/.config:ro');
  await screenshots(page, testInfo, 'preview');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('1 app hardened.');
  const hardened = await show(confine, app.id);
  expect(line(hardened, 'shared')).toContain('network');
  expect(line(hardened, 'devices')).toContain('all');
  expect(line(hardened, 'filesystems')).toMatch(/(^|[=;])~\/\.config:ro(;|$)/);
  expect(line(hardened, 'filesystems')).not.toContain('~/.ssh');
  expect(line(hardened, 'filesystems')).toMatch(/(^|[=;])home(;|$)/);
  // A second preview ticks only what was left out the first time.
  await page.getByRole('button', { name: 'Apply recommended…' }).click();
  await expect(page.getByRole('dialog').getByRole('checkbox', { checked: true })).toHaveCount(1);
  await expect(
    page.getByRole('dialog').getByRole('checkbox', { name: /Make ~\/\.ssh and ~\/\.gnupg read-only/ }),
  ).toBeChecked();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => overrideFile(confine, app.id)).toBe('');
  expect(await show(confine, app.id)).toBe(before);
});

test('bulk apply to several apps, undone in one step', async ({ confine }) => {
  const { page } = confine;
  const apps = [appOf(confine, 'legacy-x11'), appOf(confine, 'wayland-native'), appOf(confine, 'secrets-user')];
  const before = await Promise.all(apps.map((a) => overrideFile(confine, a.id)));
  const ranking = page.getByRole('list', { name: 'Apps by exposure' });
  for (const a of apps) await ranking.getByRole('checkbox', { name: `Select ${a.name}` }).check();
  await page.getByRole('radiogroup', { name: 'Preset' }).getByRole('radio', { name: 'Offline' }).click();
  await page.getByRole('button', { name: 'Preview 3 apps…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Harden 3 apps' });
  await expect(dialog).toContainText('Offline');
  await expect(dialog.getByRole('status')).toContainText('2 apps change');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status')).toContainText('2 apps hardened.');
  for (const a of apps) expect(line(await show(confine, a.id), 'shared')).not.toContain('network');
  await page.getByRole('button', { name: 'Undo: harden 2 apps', exact: true }).click();
  await expect.poll(() => Promise.all(apps.map((a) => overrideFile(confine, a.id)))).toEqual(before);
  await expect(page.getByRole('status')).toContainText('Undone: harden 2 apps.');
});

test('export all overrides, reset them, and import them back', async ({ confine, tempDir }, testInfo) => {
  const { page } = confine;
  const a = appOf(confine, 'legacy-x11');
  const b = appOf(confine, 'network-only');
  await confine.flatpak(['override', '--user', '--nosocket=x11', a.id]);
  await confine.flatpak(['override', '--user', '--filesystem=~/Games:ro', b.id]);
  await confine.flatpak(['override', '--user', '--unshare=ipc']);
  const c = appOf(confine, 'kitchen-sink');
  const sys = confine.systemAppIds[0] ?? '';
  await confine.flatpak(['override', '--system', '--nosocket=x11', sys]);
  const userOverrides = join(confine.env.FLATPAK_USER_DIR ?? '', 'overrides');
  await writeFile(join(userOverrides, c.id), '\ufeff[Context]\nshared=!network;\n');
  const originals = await Promise.all([overrideFile(confine, a.id), overrideFile(confine, b.id)]);
  const dir = await tempDir('confine-export-');
  confine.desktop.dialogAnswer = join(dir, 'overrides.json');
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('status')).toContainText('5 override files exported');
  const exported = JSON.parse(await readFile(join(dir, 'overrides.json'), 'utf8')) as {
    format: string;
    confine: string;
    overrides: { scope: string; app: string | null }[];
  };
  expect(exported.format).toBe('confine-overrides');
  expect(exported.confine).toMatch(/^\d+\.\d+\.\d+$/);
  expect(exported.overrides.filter((o) => o.scope === 'user').map((o) => o.app)).toEqual(
    [a.id, b.id, c.id, null].sort((x, y) => (x ?? 'global').localeCompare(y ?? 'global')),
  );
  expect(exported.overrides.filter((o) => o.scope === 'system').map((o) => o.app)).toEqual([sys]);
  // For many machines: the files of a system override folder with a README and a playbook.
  confine.desktop.dialogAnswer = join(dir, 'fleet');
  await page.getByRole('button', { name: 'Export for many machines…' }).click();
  await expect
    .poll(() => readdir(join(dir, 'fleet')).catch(() => []))
    .toEqual(['README.md', 'inventory.ini', 'overrides', 'playbook.yml']);
  expect(await readFile(join(dir, 'fleet/overrides', a.id), 'utf8')).toBe(originals[0]);
  for (const id of [a.id, b.id, c.id]) await confine.flatpak(['override', '--user', '--reset', id]);
  await confine.flatpak(['override', '--system', '--reset', sys]);
  await confine.flatpak(['override', '--user', '--nosocket=wayland', b.id]);
  confine.desktop.dialogAnswer = join(dir, 'overrides.json');
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import overrides' });
  await expect(dialog.getByRole('checkbox', { name: new RegExp(a.id) })).toBeChecked();
  await expect(dialog).toContainText('Replaces yours');
  await expect(dialog.getByRole('checkbox', { name: /All applications/ })).toBeDisabled();
  // A file Flatpak refuses is restored as it was, and says so; a system override is left to the CLI.
  await expect(dialog).toContainText('Restored exactly as it was, though Flatpak refuses it');
  await expect(dialog).toContainText(`${sys} (system)`);
  await screenshots(page, testInfo, 'import-dialog');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toContainText('3 override files imported.');
  expect(await Promise.all([overrideFile(confine, a.id), overrideFile(confine, b.id)])).toEqual(originals);
  await page.getByRole('button', { name: 'Undo: import 3 files', exact: true }).click();
  // The undo writes the files one after another: wait for the whole batch, not for its first file.
  await expect
    .poll(() => Promise.all([overrideFile(confine, a.id), overrideFile(confine, b.id)]))
    .toEqual(['', '[Context]\nsockets=!wayland;\n']);
});

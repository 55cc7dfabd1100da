// The permission editor end to end: every change lands in a real override file, and the real
// `flatpak info --show-permissions` sees it.

import { mkdir, readlink, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type ConfineApp } from '../fixtures';
import { appOf, openApp, screenshots } from './steps';

/** Waits until flatpak reports what the page shows (saving takes a quarter of a second). */
async function expectFlatpakShows(
  confine: ConfineApp,
  appId: string,
  check: (show: string) => boolean,
): Promise<string> {
  let last = '';
  await expect
    .poll(
      async () => {
        last = (await confine.flatpak(['info', '--user', '--show-permissions', appId])).stdout;
        return check(last);
      },
      { timeout: 3_000 },
    )
    .toBe(true);
  return last;
}

const contextLine = (show: string, key: string) => show.split('\n').find((l) => l.startsWith(`${key}=`)) ?? '';

test('toggling a socket changes what flatpak enforces; turned off where the app does not ask, it stays denied until forgotten', async ({
  confine,
}, testInfo) => {
  const { page } = confine;
  const app = appOf(confine, 'legacy-x11');
  await openApp(page, app.name);
  const x11 = page.getByRole('switch', { name: 'X11 windowing system' });
  await x11.click();
  await expect(x11).toHaveAttribute('aria-checked', 'false');
  await expectFlatpakShows(confine, app.id, (s) => !contextLine(s, 'sockets').includes('x11'));
  await expect(page.getByRole('region', { name: 'Sockets' })).toContainText('This app’s override');
  // Back on: the entry is the app's default again, so the override file goes away.
  await x11.click();
  await expectFlatpakShows(confine, app.id, (s) => contextLine(s, 'sockets').includes('x11'));
  const override = async () => (await confine.flatpak(['override', '--user', '--show', app.id])).stdout;
  await expect.poll(override).toBe('');

  // A socket the app does not ask for, turned on and off again: written as
  // `flatpak override --nosocket=wayland` writes it, so an update that asks for it gets nothing.
  const sockets = page.getByRole('region', { name: 'Sockets' });
  const wayland = sockets.getByRole('switch', { name: 'Wayland windowing system', exact: true });
  const row = sockets
    .locator('.row')
    .filter({ has: page.getByRole('switch', { name: 'Wayland windowing system', exact: true }) });
  await wayland.click();
  await expect.poll(override).toContain('sockets=wayland;');
  await wayland.click();
  await expect.poll(override).toContain('sockets=!wayland;');
  await expect(wayland).toHaveAttribute('aria-checked', 'false');
  await expect(row).toContainText('Denied by you, even if the app asks');
  // The note of the save would cover the row in the picture.
  await page.getByRole('status').getByRole('button', { name: 'Dismiss' }).click();
  await row.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await screenshots(page, testInfo, 'denied-even-if-asked');
  // Forgotten: back to the default, and the file goes.
  await row.getByRole('button', { name: 'Return Wayland windowing system to its default' }).click();
  await expect.poll(override).toBe('');
  await expect(row).toContainText('Not granted');
});

test('adding ~/Games:ro and removing it again', async ({ confine }) => {
  const { page } = confine;
  const app = appOf(confine, 'network-only');
  await openApp(page, app.name);
  const fs = page.getByRole('region', { name: 'Filesystem' });
  await fs.getByLabel('Other file or folder', { exact: true }).fill('~/Games:ro');
  await fs.getByRole('button', { name: 'Add' }).click();
  await expect(fs.getByText('~/Games', { exact: true })).toBeVisible();
  await expect(
    fs.getByRole('radiogroup', { name: 'Access to ~/Games' }).getByRole('radio', { name: 'Read only' }),
  ).toHaveAttribute('aria-checked', 'true');
  await expectFlatpakShows(confine, app.id, (s) => contextLine(s, 'filesystems').includes('~/Games:ro'));
  await fs.getByRole('button', { name: 'Return ~/Games to its default' }).click();
  await expectFlatpakShows(confine, app.id, (s) => !s.includes('~/Games'));
  await expect(fs.getByText('~/Games', { exact: true })).toHaveCount(0);
});

test('an invalid path is explained and never saved', async ({ confine }) => {
  const { page } = confine;
  const app = appOf(confine, 'network-only');
  await openApp(page, app.name);
  const fs = page.getByRole('region', { name: 'Filesystem' });
  const input = fs.getByLabel('Other file or folder', { exact: true });
  for (const [text, message] of [
    ['relative/path', 'Unknown filesystem location relative/path'],
    ['~/a/../../etc', 'contains ".."'],
  ] as const) {
    await input.fill(text);
    await expect(fs.getByRole('alert')).toContainText(message);
    await expect(fs.getByRole('button', { name: 'Add' })).toBeDisabled();
    await input.press('Enter');
  }
  await page.waitForTimeout(600);
  expect((await confine.flatpak(['override', '--user', '--show', app.id])).stdout).toBe('');
});

test('setting and removing an environment variable', async ({ confine }) => {
  const { page } = confine;
  const app = appOf(confine, 'network-only');
  await openApp(page, app.name);
  const env = page.getByRole('region', { name: 'Environment variables' });
  await env.getByLabel('Variable', { exact: true }).fill('CONFINE_TEST');
  await env.getByLabel('Value', { exact: true }).fill('two words');
  await env.getByRole('button', { name: 'Set' }).click();
  await expectFlatpakShows(confine, app.id, (s) => s.includes('CONFINE_TEST=two words'));
  await expect(env.getByRole('textbox', { name: 'Value of CONFINE_TEST' })).toHaveValue('two words');
  await env.getByRole('button', { name: 'Remove', exact: true }).first().click();
  await expectFlatpakShows(confine, app.id, (s) => contextLine(s, 'unset-environment').includes('CONFINE_TEST'));
});

test('a bus policy, added and changed', async ({ confine }) => {
  const { page } = confine;
  const app = appOf(confine, 'network-only');
  await openApp(page, app.name);
  const bus = page.getByRole('region', { name: 'Session bus' });
  await bus.getByLabel('Bus name', { exact: true }).fill('org.example.Service');
  await bus.getByRole('button', { name: 'Add' }).click();
  await expectFlatpakShows(confine, app.id, (s) => s.includes('org.example.Service=talk'));
  await bus
    .getByRole('radiogroup', { name: 'Access to org.example.Service' })
    .getByRole('radio', { name: 'Own' })
    .click();
  await expectFlatpakShows(confine, app.id, (s) => s.includes('org.example.Service=own'));
});

test('the global override shows as the source on another app', async ({ confine }) => {
  const { page } = confine;
  const app = appOf(confine, 'network-only');
  await page.getByRole('option', { name: /All applications/ }).click();
  await page.getByRole('radiogroup', { name: 'Network' }).getByRole('radio', { name: 'Deny' }).click();
  await expect
    .poll(async () => (await confine.flatpak(['override', '--user', '--show'])).stdout)
    .toContain('shared=!network;');
  await openApp(page, app.name);
  await expect(page.getByRole('switch', { name: 'Network' })).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByRole('region', { name: 'Share' })).toContainText('Global override');
  await expectFlatpakShows(confine, app.id, (s) => !s.includes('network'));
});

test('reset removes the override, and undo brings it back byte for byte', async ({ confine }) => {
  const { page } = confine;
  const app = appOf(confine, 'legacy-x11');
  await confine.flatpak(['override', '--user', '--nosocket=x11', '--filesystem=/srv:ro', app.id]);
  const before = (await confine.flatpak(['override', '--user', '--show', app.id])).stdout;
  await openApp(page, app.name);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('status')).toContainText('Your override of this app was removed.');
  expect((await confine.flatpak(['override', '--user', '--show', app.id])).stdout).toBe('');
  await expect(page.getByRole('switch', { name: 'X11 windowing system' })).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await confine.flatpak(['override', '--user', '--show', app.id])).stdout).toBe(before);
  await expect(page.getByRole('switch', { name: 'X11 windowing system' })).toHaveAttribute('aria-checked', 'false');
});

test('Ctrl+Z and Ctrl+Shift+Z undo and redo the last changes', async ({ confine }) => {
  const { page } = confine;
  const app = appOf(confine, 'legacy-x11');
  await openApp(page, app.name);
  const ipc = page.getByRole('switch', { name: 'Inter-process communication' });
  await ipc.click();
  await expectFlatpakShows(confine, app.id, (s) => !contextLine(s, 'shared').includes('ipc'));
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+z');
  await expectFlatpakShows(confine, app.id, (s) => contextLine(s, 'shared').includes('ipc'));
  await expect(ipc).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Control+Shift+z');
  await expectFlatpakShows(confine, app.id, (s) => !contextLine(s, 'shared').includes('ipc'));
  await expect(ipc).toHaveAttribute('aria-checked', 'false');
});

test('the note after a change names it and the app, and so does the undo taken from another app', async ({
  confine,
}, testInfo) => {
  const { page } = confine;
  await page.setViewportSize({ width: 1280, height: 800 });
  const app = appOf(confine, 'legacy-x11');
  const other = appOf(confine, 'network-only');
  await openApp(page, app.name);
  await page.getByRole('switch', { name: 'Network' }).click();
  const note = page.getByRole('status').filter({ hasText: 'Saved:' });
  await expect(note).toContainText(`Saved: revoke Network for ${app.name}.`);
  const undo = note.getByRole('button', { name: `Undo: revoke Network for ${app.name}`, exact: true });
  await expect(undo).toHaveAttribute('title', `Undo: revoke Network for ${app.name} (Ctrl+Z)`);
  await expectFlatpakShows(confine, app.id, (s) => !contextLine(s, 'shared').includes('network'));
  // The pointer on the note keeps it up for both pictures.
  await note.hover();
  await screenshots(page, testInfo, 'toast-saved');
  // One history for every app: undone from another app's page, the note says whose change it was.
  await openApp(page, other.name);
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status').filter({ hasText: 'Undone:' })).toContainText(
    `Undone: revoke Network for ${app.name}.`,
  );
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(app.name);
  await expectFlatpakShows(confine, app.id, (s) => contextLine(s, 'shared').includes('network'));
});

test('the import dialog lists apps by name, the global override as All applications', async ({
  confine,
  tempDir,
}, testInfo) => {
  const { page } = confine;
  await page.setViewportSize({ width: 1280, height: 800 });
  const app = appOf(confine, 'legacy-x11');
  await confine.flatpak(['override', '--user', '--nosocket=x11', app.id]);
  await confine.flatpak(['override', '--user', '--nofilesystem=home']);
  confine.desktop.dialogAnswer = join(await tempDir('confine-undonames-'), 'overrides.json');
  await page.getByRole('option', { name: /Overview/ }).click();
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('status')).toContainText('2 override files exported');
  await confine.flatpak(['override', '--user', '--reset', app.id]);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import overrides' });
  await expect(dialog.getByRole('checkbox', { name: `${app.name} ${app.id}` })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'All applications global override' })).toBeVisible();
  await expect(dialog).toContainText('1 file to import');
  await screenshots(page, testInfo, 'import-names');
});

test('an outside change refreshes the page without losing what is being typed', async ({ confine }) => {
  const { page } = confine;
  const app = appOf(confine, 'legacy-x11');
  await openApp(page, app.name);
  const input = page.getByRole('region', { name: 'Filesystem' }).getByLabel('Other file or folder', { exact: true });
  await input.fill('~/Music:r');
  await confine.flatpak(['override', '--user', '--unshare=network', app.id]);
  // The watcher reports within a second on a quiet machine; the test asserts the refresh, not its speed.
  await expect(page.getByRole('switch', { name: 'Network' })).toHaveAttribute('aria-checked', 'false');
  await expect(input).toHaveValue('~/Music:r');
  await expect(input).toBeFocused();
});

test('a malformed override is shown with Reset, and nothing else can be changed', async ({ confine }, testInfo) => {
  const { page } = confine;
  const app = appOf(confine, 'legacy-x11');
  const { writeFile, mkdir } = await import('node:fs/promises');
  const dir = `${confine.env.FLATPAK_USER_DIR}/overrides`;
  await mkdir(dir, { recursive: true });
  await writeFile(`${dir}/${app.id}`, '[Context]\ngarbage line\n');
  await openApp(page, app.name);
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('Your override file of this app is malformed');
  await expect(banner).toContainText('Key file contains line “garbage line”');
  await screenshots(page, testInfo, 'error-banner');
  // What Flatpak enforces once the file is reset is shown, locked.
  await expect(page.getByRole('region', { name: 'Once the file is reset' })).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Network' })).toBeDisabled();
  await banner.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('switch', { name: 'Network' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('search and keyboard navigation', async ({ confine }) => {
  const { page, apps } = confine;
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.keyboard.press('Control+f');
  const search = page.getByRole('searchbox', { name: /Search apps/ });
  await expect(search).toBeFocused();
  const target = apps[2];
  if (!target) throw new Error('too few apps');
  await page.keyboard.type(target.id.toUpperCase());
  const list = page.getByRole('listbox', { name: 'Installed applications' });
  await expect(list.getByRole('option')).toHaveCount(3);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(target.name);
  await expect(list).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All applications');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  await search.fill('');
  await list.focus();
  await page.keyboard.press('End');
  const sorted = [...apps].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(sorted.at(-1)?.name ?? '');
  await page.keyboard.press('Home');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  // Typing in the list searches.
  await page.keyboard.type('qqq');
  await expect(search).toHaveValue('qqq');
  await expect(list).toContainText('No app matches');
});

test('an override that is a link is shown as one, and a change is refused without touching it', async ({
  confine,
}, testInfo) => {
  const app = appOf(confine, 'legacy-x11');
  const dotfiles = join(confine.env.HOME ?? '', 'dotfiles');
  await mkdir(dotfiles, { recursive: true });
  await writeFile(join(dotfiles, app.id), '[Context]\nsockets=!x11;\n');
  const link = join(confine.env.FLATPAK_USER_DIR ?? '', 'overrides', app.id);
  await symlink(join(dotfiles, app.id), link);
  await openApp(confine.page, app.name);
  await expect(confine.page.getByText('Your override is a link')).toBeVisible();
  await expect(confine.page.getByRole('switch', { name: 'X11 windowing system' })).toHaveAttribute(
    'aria-checked',
    'false',
  );
  await screenshots(confine.page, testInfo, 'override-link');
  await confine.page.getByRole('switch', { name: 'Wayland windowing system' }).click();
  await expect(confine.page.getByRole('status')).toContainText('symbolic link');
  expect(await readlink(link)).toBe(join(dotfiles, app.id));
});

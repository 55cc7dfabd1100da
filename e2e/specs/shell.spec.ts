// The shell: every test bed app listed with its name and icon, its permissions shown when
// selected, and a change made with `flatpak override` in a terminal showing up in the page.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../fixtures';

test('lists every installed app with its name and icon', async ({ confine }) => {
  const { page, apps } = confine;
  const list = page.getByRole('listbox', { name: 'Installed applications' });
  await expect(list.getByRole('option', { name: /All applications/ })).toBeVisible();
  const search = page.getByRole('searchbox', { name: /Search apps/ });
  for (const app of apps) {
    await search.fill(app.id);
    const row = list.getByRole('option', { name: new RegExp(app.name) });
    await expect(row).toBeVisible();
    await expect(row).toContainText(app.id);
    const icon = row.locator('img');
    await expect(icon).toHaveJSProperty('complete', true);
    expect(await icon.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
  }
});

test('shows the permissions of the selected app, as flatpak computes them', async ({ confine }) => {
  const { page, apps } = confine;
  const kitchenSink = apps.find((a) => a.profile === 'kitchen-sink');
  if (!kitchenSink) throw new Error('the test bed has no kitchen-sink app');
  await page.getByRole('searchbox', { name: /Search apps/ }).fill(kitchenSink.name);
  await page.getByRole('option', { name: new RegExp(kitchenSink.name) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(kitchenSink.name);
  await expect(page.getByRole('switch', { name: 'Network' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('switch', { name: 'X11 windowing system' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('switch', { name: 'Bluetooth' })).toHaveAttribute('aria-checked', 'false');
  const shown = await confine.flatpak(['info', '--user', '--show-permissions', kitchenSink.id]);
  expect(shown.stdout).toContain('shared=network;ipc;');
  await expect(page.getByRole('region', { name: 'Session bus' })).toContainText('org.freedesktop.secrets');
});

test('shows a change made outside with flatpak override, without a reload', async ({ confine }) => {
  const { page, apps } = confine;
  const app = apps.find((a) => a.profile === 'legacy-x11');
  if (!app) throw new Error('the test bed has no legacy-x11 app');
  await page.getByRole('searchbox', { name: /Search apps/ }).fill(app.name);
  await page.getByRole('option', { name: new RegExp(app.name) }).click();
  const x11 = page.getByRole('switch', { name: 'X11 windowing system' });
  await expect(x11).toHaveAttribute('aria-checked', 'true');
  const result = await confine.flatpak(['override', '--user', '--nosocket=x11', app.id]);
  expect(result.code).toBe(0);
  // The default wait, not a deadline: a test asserts what happens, not how fast on a loaded machine.
  await expect(x11).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByRole('region', { name: 'Sockets' })).toContainText('This app\u2019s override');
});

test('a second start of Confine opens the app it asks for', async ({ confine }) => {
  const { page, apps } = confine;
  const app = apps[5];
  if (!app) throw new Error('no app');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  // What the main process sends when `confine --app ID` starts while the window is open.
  const emit = (appId: string) =>
    page.evaluate(
      (id) =>
        (window as unknown as { __confineEmit: (e: string, p: unknown) => void }).__confineEmit('app:open', {
          appId: id,
        }),
      appId,
    );
  await emit(app.id);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(app.name);
  await emit('org.example.NotInstalled');
  await expect(page.getByRole('alert')).toContainText('org.example.NotInstalled is not installed');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(app.name);
});

test('names on the Overview an installation it could not read, in light and dark', async ({ confine }, testInfo) => {
  const { page, env } = confine;
  // A custom installation whose ID Flatpak ignores: Flatpak lists the rest, and so does Confine.
  const confDir = join(env.FLATPAK_CONFIG_DIR ?? '', 'installations.d');
  await mkdir(confDir, { recursive: true });
  await writeFile(join(confDir, 'broken.conf'), '[Installation "bad id!"]\nPath=/nowhere\n');
  // Confine reads the installations again when something may concern every app, as after an
  // install or a change of the global override.
  await confine.flatpak(['override', '--user', '--nosocket=x11']);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  const banner = page.getByRole('status').filter({ hasText: 'Not every installation could be read' });
  await expect(banner).toContainText('bad installation ID “bad id!”');
  await expect(page.getByRole('list', { name: 'Summary' })).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const path = testInfo.outputPath(`overview-installation-warning-${scheme}.png`);
    await page.screenshot({ path });
    await testInfo.attach(`overview-installation-warning-${scheme}`, { path, contentType: 'image/png' });
  }
});

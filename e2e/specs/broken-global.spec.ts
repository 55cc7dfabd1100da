// A malformed global override of the user's: flatpak then refuses to run every app. The Overview
// names the file in a banner with Reset, still lists and counts every app, and Reset removes it.

import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../fixtures';

test('a malformed global override is named on the Overview, every app still shown, and Reset removes it', async ({
  confine,
}, testInfo) => {
  const { page, env, apps } = confine;
  await page.setViewportSize({ width: 1280, height: 800 });
  const path = join(env.FLATPAK_USER_DIR ?? '', 'overrides/global');
  await writeFile(path, '[Context\nshared=network\n');
  const refused = await confine.flatpak(['info', '--show-permissions', apps[0]?.id ?? '']);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain(path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
  const banner = page.getByRole('alert').filter({ hasText: 'Your global override file is malformed' });
  await expect(banner).toContainText(path);
  await expect(banner).toContainText('Flatpak refuses to run any app');
  await expect(page.getByRole('list', { name: 'Summary' })).toContainText(`of ${apps.length} apps`);
  await expect(page.getByRole('list', { name: 'Apps by exposure' }).getByRole('listitem')).toHaveCount(apps.length);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const shot = testInfo.outputPath(`overview-broken-global-${scheme}.png`);
    await page.screenshot({ path: shot });
    await testInfo.attach(`overview-broken-global-${scheme}`, { path: shot, contentType: 'image/png' });
  }
  const app = apps.find((a) => a.profile === 'kitchen-sink');
  if (!app) throw new Error('no kitchen-sink app');
  await page.getByRole('option', { name: new RegExp(app.name) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(app.name);
  await expect(page.getByRole('alert').filter({ hasText: 'Your global override file is malformed' })).toContainText(
    path,
  );
  // Locked, but still what the app gets once the file is reset: the kitchen sink has the network.
  await expect(page.getByRole('switch', { name: 'Network' })).toHaveAttribute('aria-checked', 'true');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const shot = testInfo.outputPath(`app-broken-global-${scheme}.png`);
    await page.screenshot({ path: shot });
    await testInfo.attach(`app-broken-global-${scheme}`, { path: shot, contentType: 'image/png' });
  }
  await page
    .getByRole('alert')
    .filter({ hasText: 'Your global override file is malformed' })
    .getByRole('button', { name: 'Reset' })
    .click();
  await expect(page.getByRole('alert').filter({ hasText: 'malformed' })).toHaveCount(0);
  expect(existsSync(path)).toBe(false);
  expect((await confine.flatpak(['info', '--show-permissions', app.id])).code).toBe(0);
});

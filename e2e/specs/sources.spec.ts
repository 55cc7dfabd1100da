// Where a value comes from, as the window says it: help under a permission's row, file access
// your own !host:reset removed shown as removed by you (not as never granted), and the
// system-wide global override shown on All applications beside yours.

import { expect, test } from '../fixtures';
import { appOf, openApp, screenshots } from './steps';

test('help opens under its row, and what your !host:reset removed says so', async ({ confine }, testInfo) => {
  const { page } = confine;
  const app = appOf(confine, 'kitchen-sink');
  const reset = await confine.flatpak(['override', '--user', '--nofilesystem=host:reset', app.id]);
  expect(reset.code, reset.stderr).toBe(0);
  // Flatpak itself no longer grants the home folder the app asks for.
  const shown = await confine.flatpak(['info', '--show-permissions', app.id]);
  expect(shown.stdout).not.toMatch(/filesystems=.*\bhome\b/);
  await openApp(page, app.name);

  const files = page.getByRole('region', { name: 'Filesystem' });
  const about = files.getByRole('button', { name: 'About Home folder' });
  await expect(about).toHaveAttribute('aria-expanded', 'false');
  await about.focus();
  await page.keyboard.press('Enter');
  await expect(about).toHaveAttribute('aria-expanded', 'true');
  const help = page.locator(`#${await about.getAttribute('aria-controls')}`);
  await expect(help).toBeVisible();
  await expect(help).toContainText('What it allows.');
  await expect(help).toContainText('Without it.');

  const home = page.locator('.row').filter({ has: page.getByRole('button', { name: 'About Home folder' }) });
  await expect(home).toContainText('Removed by you');
  await expect(home).not.toContainText('Not granted');
  // A plain path the app asked for keeps its row, removed too.
  const games = page.locator('.row').filter({ has: page.locator('.row__title', { hasText: /^~\/Games$/ }) });
  await expect(games).toContainText('Removed by you');
  await expect(files.locator('.row').filter({ hasText: 'Forget inherited file access' })).toContainText(
    'Removed 4 permissions granted below',
  );

  await home.scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('.content')?.scrollBy(0, -120));
  await screenshots(page, testInfo, 'sources-removed-help');
});

test('All applications shows the system-wide global override beside yours', async ({ confine }, testInfo) => {
  const { page } = confine;
  const sys = await confine.flatpak(['override', '--system', '--nosocket=x11', '--filesystem=xdg-music:ro']);
  expect(sys.code, sys.stderr).toBe(0);
  await page.getByRole('option', { name: /All applications/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All applications');

  await expect(page.getByRole('status').filter({ hasText: 'A system-wide global override is set' })).toContainText(
    `${confine.env.FLATPAK_SYSTEM_DIR}/overrides/global`,
  );
  const x11 = page.getByRole('radiogroup', { name: 'X11 windowing system' });
  await expect(x11.getByRole('radio', { name: 'Default' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.locator('.row').filter({ has: x11 })).toContainText('System-wide: Deny');
  const music = page.getByRole('radiogroup', { name: 'Access to Music folder' });
  await expect(page.locator('.row').filter({ has: music })).toContainText('System-wide: Read only');
  await screenshots(page, testInfo, 'sources-global-system');
});

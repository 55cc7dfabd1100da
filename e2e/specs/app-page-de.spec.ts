// The app page in German, whose words run longest, at 800×600, light and dark: screenshots for
// people to look at, and no part of the page wider than the window.

import { expect, test } from '../fixtures';

test.use({ viewport: { width: 800, height: 600 } });

test('the app page in German at 800×600, light and dark', async ({ confine }, testInfo) => {
  const { apps } = confine;
  const app = apps.find((a) => a.profile === 'kitchen-sink');
  if (!app) throw new Error('no kitchen-sink app');
  // Changes of the user's own: the changed markers, the reset switch and what it removed.
  await confine.flatpak(['override', '--user', '--nosocket=x11', '--filesystem=xdg-music:ro', app.id]);
  // The window in German, as a German desktop gives it, in a second page of the same harness.
  // Not test.use({ locale: 'de' }): the harness then loads the German catalog in this Node
  // process too, which Node refuses (a JSON import without an import attribute, in
  // shared/i18n/index.ts), so main's own words stay English here.
  const page = await confine.page.context().newPage();
  await page.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['de-DE', 'de'] }));
  await page.goto(confine.page.url());
  await page.getByRole('option', { name: new RegExp(app.name) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(app.name);
  await expect(page.getByRole('button', { name: 'Alle ausklappen' })).toBeVisible();
  // The findings open under the exposure line.
  await page.locator('.exposure__toggle').click();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const shot = async (name: string) => {
      const path = testInfo.outputPath(`${name}-de-${scheme}.png`);
      await page.screenshot({ path });
      await testInfo.attach(`${name}-de-${scheme}`, { path, contentType: 'image/png' });
    };
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await shot('app');
    await page.locator('nav.jump').scrollIntoViewIfNeeded();
    await shot('app-groups');
    await page.locator('#group-filesystems').scrollIntoViewIfNeeded();
    await shot('app-filesystems');
    await page.locator('#group-environment').scrollIntoViewIfNeeded();
    await shot('app-environment');
    await page.locator('#group-verify').scrollIntoViewIfNeeded();
    await shot('app-verify');
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
  await page.close();
});

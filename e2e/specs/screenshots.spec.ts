// Screenshots of every screen, light and dark, at the default size and at 800×600 in 100% and
// 200% scaling, saved with the test results for people to look at.

import { expect, test } from '../fixtures';

for (const scheme of ['light', 'dark'] as const) {
  test(`screens in ${scheme} mode`, async ({ confine }, testInfo) => {
    const { page, apps } = confine;
    await page.emulateMedia({ colorScheme: scheme });
    const shot = async (name: string) => {
      const path = testInfo.outputPath(`${name}-${scheme}.png`);
      await page.screenshot({ path });
      await testInfo.attach(`${name}-${scheme}`, { path, contentType: 'image/png' });
    };
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
    await expect(page.getByRole('list', { name: 'Summary' })).toBeVisible();
    await shot('overview');
    await page.getByRole('option', { name: /All applications/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('All applications');
    await shot('global');
    const app = apps.find((a) => a.profile === 'kitchen-sink');
    if (!app) throw new Error('no kitchen-sink app');
    // One change of the user's own, so the page shows the changed marker and the command.
    await confine.flatpak(['override', '--user', '--nosocket=x11', '--filesystem=xdg-music:ro', app.id]);
    await page.getByRole('option', { name: new RegExp(app.name) }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(app.name);
    await shot('app');
    await page.getByRole('region', { name: 'Filesystem' }).scrollIntoViewIfNeeded();
    await shot('app-filesystem');
    await page.getByRole('region', { name: 'Command line' }).scrollIntoViewIfNeeded();
    await shot('app-bottom');
    await page.getByRole('searchbox', { name: /Search apps/ }).fill('player');
    await shot('list-search');
    await page.setViewportSize({ width: 800, height: 600 });
    await shot('app-800x600');
  });
}

test('at 200% scaling in a 800×600 window', async ({ confine }, testInfo) => {
  const { page, apps } = confine;
  const app = apps.find((a) => a.profile === 'filesystem-heavy');
  if (!app) throw new Error('no filesystem-heavy app');
  await page.setViewportSize({ width: 800, height: 600 });
  // 200% scaling: the same CSS size drawn with twice the pixels, and text twice as large on screen.
  const client = await page
    .context()
    .newCDPSession(page)
    .catch(() => undefined);
  await client?.send('Emulation.setDeviceMetricsOverride', {
    width: 800,
    height: 600,
    deviceScaleFactor: 2,
    mobile: false,
  });
  await page.getByRole('option', { name: new RegExp(app.name) }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(app.name);
  const path = testInfo.outputPath('app-800x600-200pc.png');
  await page.screenshot({ path });
  await testInfo.attach('app-800x600-200pc', { path, contentType: 'image/png' });
  // Nothing wider than the window: no sideways scrolling at this size.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
});

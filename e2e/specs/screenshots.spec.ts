// Screenshots of every screen, light and dark, saved with the test results for people to look at.

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
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('All applications');
    await shot('global');
    const app = apps.find((a) => a.profile === 'kitchen-sink');
    if (!app) throw new Error('no kitchen-sink app');
    await page.getByRole('option', { name: new RegExp(app.name) }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(app.name);
    await shot('app');
    await page.getByRole('region', { name: 'Filesystem' }).scrollIntoViewIfNeeded();
    await shot('app-filesystem');
  });
}

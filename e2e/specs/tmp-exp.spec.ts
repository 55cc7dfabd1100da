import { expect, test } from '../fixtures';

test.describe('exp', () => {
  test.use({ heldChannels: ['catalog:marks'] });
  test('overview rows with marks held', async ({ confine }) => {
    const { page } = confine;
    await page.locator('.app-row', { hasText: 'Overview' }).first().click();
    await page.waitForTimeout(3000);
    const rows = await page.locator('.ranking__row').count();
    const stats = await page.locator('.page').first().innerText();
    console.log('ROWS', rows, stats.slice(0, 300).replace(/\n/g, ' | '));
    confine.release();
    await expect(page.locator('.ranking__row').first()).toBeVisible();
  });
});

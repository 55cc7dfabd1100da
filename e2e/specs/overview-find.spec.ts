// The Overview's ranking by keyboard and by its own find box (issue 15). At a thousand apps most
// rows are not drawn, so neither Tab through drawn rows nor the browser's find can reach them:
// the ranking is one Tab stop whose rows the arrow keys, Home and End reach, and Ctrl+F within
// the page searches every row. Run at the test bed's size, where the same code paths apply.

import { expect, test } from '../fixtures';
import { screenshots } from './steps';

const SIZES = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '800x600', width: 800, height: 600 },
  { name: '360', width: 360, height: 640 },
] as const;

test('Ctrl+F in the Overview finds any app; Tab enters the ranking once, the arrows reach every row', async ({
  confine,
}, testInfo) => {
  const { page } = confine;
  const ranking = page.getByRole('list', { name: 'Apps by exposure' });
  const rows = ranking.getByRole('listitem');
  await expect(rows.first()).toBeVisible();
  const total = Number(await rows.first().getAttribute('aria-setsize'));
  // Every app of the test bed (those installed system-wide among them) is ranked.
  expect(total).toBe(confine.apps.length);

  // Ctrl+F from within the page goes to the ranking's find box.
  await page.getByRole('button', { name: 'Import…' }).focus();
  await page.keyboard.press('Control+f');
  const find = page.getByRole('searchbox', { name: 'Find an app in the ranking' });
  await expect(find).toBeFocused();
  const wanted = confine.apps[confine.apps.length - 1];
  if (!wanted) throw new Error('no apps in the test bed');
  await page.keyboard.type(wanted.id.toUpperCase());
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(wanted.name);
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await find.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await screenshots(page, testInfo, `overview-find-${size.name}`);
  }
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.keyboard.type('-no-such-app');
  await expect(page.getByText(/No app in the ranking matches/)).toBeVisible();
  // Escape clears the box: every app is back.
  await page.keyboard.press('Escape');
  await expect(find).toHaveValue('');
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(total));

  // One Tab stop for the whole ranking: its first row, then the arrows.
  await page.keyboard.press('Tab');
  const focusedRow = () =>
    page.evaluate(() => document.activeElement?.closest('[aria-posinset]')?.getAttribute('aria-posinset') ?? null);
  await expect.poll(focusedRow).toBe('1');
  await page.keyboard.press('End');
  await expect.poll(focusedRow).toBe(String(total));
  await page.keyboard.press('ArrowUp');
  await expect.poll(focusedRow).toBe(String(total - 1));
  // Tab goes on to the row's name, then leaves the ranking; Shift+Tab comes back to that row.
  await page.keyboard.press('Tab');
  await expect.poll(focusedRow).toBe(String(total - 1));
  await page.keyboard.press('Tab');
  await expect.poll(focusedRow).toBeNull();
  await page.keyboard.press('Shift+Tab');
  await expect.poll(focusedRow).toBe(String(total - 1));
  await page.keyboard.press('Home');
  await expect.poll(focusedRow).toBe('1');
  await expect(ranking.getByRole('button').first()).toBeFocused();
});

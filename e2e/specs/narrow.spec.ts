// A phone-sized window (issue 15): below 600 px the list and the page take turns at the full
// width, as in libadwaita's navigation split view, with a Back button, Alt+Left and Escape to
// return to the list. A roomy window keeps both panes. Nothing is wider than the window on any
// screen, and screenshots of each are saved for people to look at.

import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { appOf, screenshots } from './steps';

/** The elements (the page, and each pane or dialog body shown) whose content is wider than they are. */
async function sidewaysScrolling(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll<HTMLElement>('nav, main, .dialog__body')]
      .filter((e) => e.clientWidth > 0 && e.scrollWidth > e.clientWidth)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`),
  );
}

/** The listbox has focus, on the option named NAME. */
async function expectListFocusedOn(page: Page, list: Locator, name: string): Promise<void> {
  await expect(list).toBeFocused();
  const active = await list.getAttribute('aria-activedescendant');
  expect(active).not.toBeNull();
  const option = page.locator(`[id="${active ?? ''}"]`);
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(option).toContainText(name);
}

test.describe('in a 360×640 window', () => {
  // The System page with warnings and advice, the same on every machine.
  test.use({ viewport: { width: 360, height: 640 }, systemFixture: { name: 'fedora-permissive' } });

  test('the list and the page take turns, and every screen fits', async ({ confine }, testInfo) => {
    const { page } = confine;
    const app = appOf(confine, 'kitchen-sink');
    const list = page.getByRole('listbox', { name: 'Installed applications' });
    const back = page.getByRole('button', { name: 'Back to the list' });
    const heading = page.getByRole('heading', { level: 1 });

    // The sidebar alone, at the full width.
    await expect(list).toBeVisible();
    // The list is then the window's main content; the page's own area is not drawn.
    await expect(page.getByRole('main').getByRole('navigation', { name: 'Applications' })).toBeVisible();
    await expect(page.locator('main')).toBeHidden();
    await expect(back).toHaveCount(0);
    expect((await list.boundingBox())?.width).toBeGreaterThan(340);
    expect(await sidewaysScrolling(page)).toEqual([]);
    await screenshots(page, testInfo, 'narrow-list');

    // Picking an app shows its page alone, read from its heading.
    await page.getByRole('searchbox', { name: /Search apps/ }).fill(app.name);
    await list.getByRole('option', { name: new RegExp(app.name) }).click();
    await expect(heading).toHaveText(app.name);
    await expect(heading).toBeFocused();
    await expect(list).toBeHidden();
    await expect(back).toBeVisible();
    expect(await sidewaysScrolling(page)).toEqual([]);
    await screenshots(page, testInfo, 'narrow-app');
    await page.getByRole('region', { name: 'Filesystem' }).scrollIntoViewIfNeeded();
    expect(await sidewaysScrolling(page)).toEqual([]);
    await screenshots(page, testInfo, 'narrow-app-filesystem');

    // The Harden dialog fits; Escape closes it and leaves the page where it was.
    await page.getByRole('button', { name: 'Apply recommended…' }).click();
    const harden = page.getByRole('dialog', { name: `Harden ${app.name}` });
    await expect(harden.getByRole('checkbox', { name: /Make ~\/\.config read-only/ })).toBeChecked();
    const box = await harden.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 360 && box.y >= 0 && box.y + box.height <= 640).toBe(true);
    await expect(harden.getByRole('button', { name: 'Apply' })).toBeInViewport();
    expect(await sidewaysScrolling(page)).toEqual([]);
    await screenshots(page, testInfo, 'narrow-harden');
    await page.keyboard.press('Escape');
    await expect(harden).toHaveCount(0);
    await expect(heading).toHaveText(app.name);

    // Back with the mouse: the list again, with focus on the app that was open.
    await back.click();
    await expect(back).toHaveCount(0);
    await expectListFocusedOn(page, list, app.name);

    // Forward with Enter, back with Alt+Left; forward again, back with Escape.
    await page.keyboard.press('Enter');
    await expect(heading).toBeFocused();
    await expect(heading).toHaveText(app.name);
    await page.keyboard.press('Alt+ArrowLeft');
    await expectListFocusedOn(page, list, app.name);
    await page.keyboard.press('Enter');
    await expect(heading).toBeFocused();
    await page.keyboard.press('Escape');
    await expectListFocusedOn(page, list, app.name);

    await page.getByRole('searchbox', { name: /Search apps/ }).fill('');
    await list.getByRole('option', { name: /Overview/ }).click();
    await expect(heading).toHaveText('Overview');
    await expect(page.getByRole('list', { name: 'Apps by exposure' })).toBeVisible();
    expect(await sidewaysScrolling(page)).toEqual([]);
    await screenshots(page, testInfo, 'narrow-overview');

    await back.click();
    await page.getByRole('button', { name: /^System protection:/ }).click();
    await expect(heading).toHaveText('System');
    await expect(heading).toBeFocused();
    await expect(page.getByRole('status', { name: 'Verdict' })).toBeVisible();
    expect(await sidewaysScrolling(page)).toEqual([]);
    await screenshots(page, testInfo, 'narrow-system');

    // Widened, the window shows both panes again and the page that was open.
    await page.setViewportSize({ width: 800, height: 600 });
    await expect(list).toBeVisible();
    await expect(back).toHaveCount(0);
    await expect(heading).toHaveText('System');
    await list.getByRole('option', { name: /Overview/ }).click();
    await expect(heading).toHaveText('Overview');
    expect(await sidewaysScrolling(page)).toEqual([]);
    await screenshots(page, testInfo, 'overview-800x600');
    await list.getByRole('option', { name: /All applications/ }).click();
    await page.getByRole('searchbox', { name: /Search apps/ }).fill(app.name);
    await list.getByRole('option', { name: new RegExp(app.name) }).click();
    await expect(heading).toHaveText(app.name);
    expect(await sidewaysScrolling(page)).toEqual([]);
    await screenshots(page, testInfo, 'app-800x600');
  });
});

test.describe('in a 1280×800 window', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the list and the page are side by side, with no Back', async ({ confine }) => {
    const { page } = confine;
    const app = appOf(confine, 'kitchen-sink');
    const list = page.getByRole('listbox', { name: 'Installed applications' });
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText('Overview');
    await expect(list).toBeVisible();
    await list.getByRole('option', { name: new RegExp(app.name) }).click();
    await expect(heading).toHaveText(app.name);
    await expect(list).toBeVisible();
    await expect(page.getByRole('button', { name: /^Back/ })).toHaveCount(0);
    // Neither key hides the list in a wide window.
    await page.keyboard.press('Alt+ArrowLeft');
    await page.keyboard.press('Escape');
    await expect(list).toBeVisible();
    await expect(heading).toHaveText(app.name);
    expect(await sidewaysScrolling(page)).toEqual([]);
  });
});

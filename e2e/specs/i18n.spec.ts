// The window in German (the longest strings), in the accented pseudo-locale and in the
// right-to-left one, light and dark, at 1280×800 and 800×600: the Overview, an app's page, the
// System page and the harden and import dialogs. Screenshots go with the test's results for
// people to look at; nothing may run wider than the window or be cut off without an ellipsis.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from '../fixtures';
import { appOf, screenshots } from './steps';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
] as const;

/** What runs wider than the window, or text cut off by its box where no ellipsis says so. */
function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth)
      found.push(`the page is ${root.scrollWidth} px wide in ${root.clientWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      // Hidden, or for screen readers only (drawn 1 px wide on purpose).
      if (el.getClientRects().length === 0 || el.closest('[aria-hidden="true"], .visually-hidden')) continue;
      const style = getComputedStyle(el);
      const cuts = ['hidden', 'clip'].includes(style.overflowX);
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!cuts || !ownText || style.textOverflow === 'ellipsis') continue;
      if (el.scrollWidth > el.clientWidth + 1)
        found.push(
          `${el.className || el.tagName}: “${el.textContent?.trim().slice(0, 60)}” needs ${el.scrollWidth} px of ${el.clientWidth}`,
        );
    }
    return found;
  });
}

// The parts of the window whose words are this suite's to check under en-XA: the sidebar's own
// words, the Overview's header and counts, and the dialogs' titles and buttons. To cover the
// whole window once every part is translated, widen this to 'body' (keeping the exclusions).
const OWN = [
  '.sidebar__header',
  '.app-row--fixed',
  '.system-indicator__title',
  '.page-header',
  '.stats',
  '.bulk-bar',
  '.dialog__title',
  '.dialog__footer',
];
// Inside those: names and IDs of apps, and words that other parts of the window translate.
const NOT_OWN = ['.app-row__name[title]', '.badge', '.chip', '.severity', '.bulk-bar .segmented__option'];

/** Words of three or more plain ASCII letters in our parts: English that skipped the catalog. */
function plainEnglish(page: Page, parts: readonly string[]): Promise<string[]> {
  return page.evaluate(
    ({ own, notOwn }) => {
      const found: string[] = [];
      for (const part of document.querySelectorAll<HTMLElement>(own.join(','))) {
        const copy = part.cloneNode(true) as HTMLElement;
        for (const el of copy.querySelectorAll(notOwn.join(','))) el.remove();
        const texts = [copy.textContent ?? ''];
        for (const el of [copy, ...copy.querySelectorAll('*')])
          for (const attr of ['aria-label', 'title', 'placeholder']) texts.push(el.getAttribute(attr) ?? '');
        for (const text of texts) {
          // App IDs, and the numbers and names of the test bed's apps, are not words to translate.
          const rest = text.replace(/\b[a-z]+(\.[\w-]+){2,}\b/g, ' ');
          const words = rest.match(/[A-Za-z]{3,}/g);
          if (words) found.push(...words);
        }
      }
      return [...new Set(found)];
    },
    { own: parts, notOwn: NOT_OWN },
  );
}

// On an app's page and the System page only the sidebar is ours: their pages are translated elsewhere.
const SIDEBAR = OWN.slice(0, 3);

async function check(
  page: Page,
  testInfo: TestInfo,
  name: string,
  { pseudo, parts = OWN, dark = true }: { pseudo: boolean; parts?: readonly string[]; dark?: boolean },
) {
  if (dark) await screenshots(page, testInfo, name);
  else {
    // The smaller size of a page in light only: the theme changes colours, not the layout.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: testInfo.outputPath(`${name}-light.png`) });
  }
  expect(await overflows(page), name).toEqual([]);
  if (pseudo) expect(await plainEnglish(page, parts), name).toEqual([]);
}

async function dialogReady(dialog: Locator) {
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('checkbox').first()).toBeVisible();
}

for (const locale of ['de', 'en-XA', 'ar-XB'] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test('the Overview, an app, the System page and the dialogs fit and are translated', async ({
      confine,
    }, testInfo) => {
      // Three pages and two dialogs at two sizes, each looked at whole, on a machine shared with others.
      test.setTimeout(150_000);
      const { page } = confine;
      const pseudo = locale === 'en-XA';
      const app = appOf(confine, 'legacy-x11');
      await confine.flatpak(['override', '--user', '--nosocket=x11', app.id]);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar-XB' ? 'rtl' : 'ltr');
      await expect(page.locator('.stats')).toBeVisible();
      await expect(page.locator('.ranking__row').first()).toBeVisible();

      for (const size of SIZES) {
        await page.setViewportSize(size);
        await check(page, testInfo, `${locale}-overview-${size.width}`, { pseudo, dark: size.width > 800 });
      }

      // The harden dialog for the exposed apps, at the smaller size.
      await page.locator('.bulk-bar .button').first().click();
      await page.locator('.bulk-bar .button--suggested').click();
      const harden = page.getByRole('dialog');
      await dialogReady(harden);
      await check(page, testInfo, `${locale}-harden-800`, { pseudo });
      await page.keyboard.press('Escape');
      await expect(harden).toHaveCount(0);

      // The import dialog, of an export just made.
      confine.desktop.dialogAnswer = join(await mkdtemp(join(tmpdir(), 'confine-i18n-')), 'overrides.json');
      const actions = page.locator('.page-header__actions .button');
      await actions.nth(1).click();
      await expect(page.locator('.toast')).toBeVisible();
      await page.locator('.toast .icon-button').click();
      await actions.nth(0).click();
      const importing = page.getByRole('dialog');
      await dialogReady(importing);
      await check(page, testInfo, `${locale}-import-800`, { pseudo });
      await page.keyboard.press('Escape');
      await expect(importing).toHaveCount(0);

      await page.getByRole('searchbox').first().fill(app.name);
      await page
        .getByRole('option', { name: new RegExp(app.name) })
        .first()
        .click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(app.name);
      for (const size of [...SIZES].reverse()) {
        await page.setViewportSize(size);
        await check(page, testInfo, `${locale}-app-${size.width}`, { pseudo, parts: SIDEBAR, dark: size.width > 800 });
      }

      await page.locator('.system-indicator').click();
      await expect(page.locator('.system-card, .banner').first()).toBeVisible();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await check(page, testInfo, `${locale}-system-${size.width}`, {
          pseudo,
          parts: SIDEBAR,
          dark: size.width > 800,
        });
      }
    });
  });
}

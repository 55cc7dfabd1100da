// Steps the specs share: open an app by name, find a test-bed app by its shape, and take a
// screenshot in light and dark for people to look at.

import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, type ConfineApp } from '../fixtures';

/** `search`: the list's search field, for a window whose words are not English. */
export async function openApp(
  page: Page,
  name: string,
  search: Locator = page.getByRole('searchbox', { name: /Search apps/ }),
): Promise<void> {
  await search.fill(name);
  await page
    .getByRole('option', { name: new RegExp(name) })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

export function appOf(confine: ConfineApp, profile: string) {
  const app = confine.apps.find((a) => a.profile === profile);
  if (!app) throw new Error(`no ${profile} app in the test bed`);
  return app;
}

/** Saves NAME-light.png and NAME-dark.png with the test's results. */
export async function screenshots(
  page: Page,
  testInfo: TestInfo,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const path = testInfo.outputPath(`${name}-${scheme}.png`);
    await page.screenshot({ path, ...options });
    await testInfo.attach(`${name}-${scheme}`, { path, contentType: 'image/png' });
  }
}

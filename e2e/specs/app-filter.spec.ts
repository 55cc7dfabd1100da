// The app list's filter by what apps can do, combined with the search and used by keyboard, and
// the marker on the apps whose permissions the user changed. The answers follow from the test
// bed's finish-args and from overrides written by the real `flatpak override`.

import { expect, test } from '../fixtures';
import { appOf, screenshots } from './steps';

test.use({ viewport: { width: 1280, height: 800 } });

test('filters the list by permission with the search, by keyboard, and marks the apps you changed', async ({
  confine,
}, testInfo) => {
  const { page, apps } = confine;
  const list = page.getByRole('listbox', { name: 'Installed applications' });
  const appRows = list.getByRole('option').filter({ hasText: /org\.confine\.Test/ });
  const search = page.getByRole('searchbox', { name: /Search apps/ });
  const networkOnly = appOf(confine, 'network-only');
  const escape = appOf(confine, 'sandbox-escape');
  const none = appOf(confine, 'none');

  // Changed by the user, in a terminal: one loses the network, one loses what it never had.
  for (const app of [networkOnly, escape])
    expect((await confine.flatpak(['override', '--user', '--unshare=network', app.id])).code).toBe(0);
  await search.fill(networkOnly.name);
  const changedMark = list.getByRole('img', { name: 'changed by you' });
  await expect(changedMark).toHaveCount(1);
  await search.fill(none.name);
  await expect(appRows).toHaveCount(1);
  await expect(changedMark).toHaveCount(0);
  await search.fill('');

  // Open the filter and press Network, all from the keyboard.
  const toggle = page.getByRole('button', { name: 'Filter by permission' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const chips = page.getByRole('group', { name: 'Show only apps that can use' });
  await page.keyboard.press('Tab');
  await expect(chips.getByRole('button', { name: 'Network' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(chips.getByRole('button', { name: 'Network' })).toHaveAttribute('aria-pressed', 'true');

  // With the search: the app whose network the user took away is no longer found.
  await search.fill(networkOnly.name);
  await expect(list).toContainText(`No app matches “${networkOnly.name}” and the filter.`);
  await expect(appRows).toHaveCount(0);
  const legacy = appOf(confine, 'legacy-x11');
  await search.fill(legacy.name);
  await expect(appRows).toHaveCount(1);
  await search.fill('');

  // Network off, the unfiltered session bus on: exactly the apps built with it.
  await chips.getByRole('button', { name: 'Network' }).press('Space');
  await chips.getByRole('button', { name: 'Session bus' }).press('Enter');
  const bus = apps.filter((a) => a.finishArgs.includes('--socket=session-bus'));
  expect(bus.map((a) => a.id)).toContain(escape.id);
  await expect(appRows).toHaveCount(bus.length);
  for (const app of bus) await expect(appRows.filter({ hasText: app.id })).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^Can: Session bus/ })).toBeVisible();
  await expect(appRows.filter({ hasText: escape.id }).getByRole('img', { name: 'changed by you' })).toHaveCount(1);
  await screenshots(page, testInfo, 'app-filter');

  // Clear brings every app back.
  await page.getByRole('button', { name: 'Clear the permission filter' }).click();
  await expect(page.getByRole('button', { name: 'Filter by permission' })).toBeVisible();
  await search.fill(none.name);
  await expect(appRows).toHaveCount(1);
});

// While the installed apps are first read (issue 15): the window is never blank. The harness
// holds back main's answers for the list, the Overview's audit and an app's permissions until
// the spec lets them go; meanwhile the list and the page say what is being read and are marked
// busy for assistive technology, and then the apps take their place.

import { stat } from 'node:fs/promises';
import { join } from 'node:path';

import { expect, test } from '../fixtures';
import { appOf, openApp, screenshots } from './steps';

const SIZES = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '800x600', width: 800, height: 600 },
  { name: '360', width: 360, height: 640 },
] as const;

test.use({ heldChannels: ['catalog:list', 'catalog:marks', 'audit:load', 'permissions:get'] });

test('the list and the Overview show a loading state, then the apps', async ({ confine }, testInfo) => {
  const { page } = confine;
  const list = page.getByRole('listbox', { name: 'Installed applications' });
  const main = page.getByRole('main');
  const status = main.getByRole('status');

  await expect(list).toHaveAttribute('aria-busy', 'true');
  await expect(list).toContainText('Reading installed apps…');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(status).toHaveAttribute('aria-busy', 'true');
  await expect(status).toContainText('Auditing the apps…');
  // Nothing of the apps yet: the answers are held.
  await expect(page.locator('.ranking__row')).toHaveCount(0);

  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await screenshots(page, testInfo, `loading-${size.name}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // An app picked while the list is still being read: its page says it is reading.
  await list.getByRole('option', { name: /All applications/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'All applications' })).toBeVisible();
  await expect(status).toContainText('Reading the permissions…');
  await expect(status).toHaveAttribute('aria-busy', 'true');

  confine.release();
  await expect(list).toHaveAttribute('aria-busy', 'false');
  await expect(list.getByRole('option', { name: new RegExp(confine.apps[0]?.name ?? '') }).first()).toBeVisible();
  await expect(status).toHaveCount(0);
  await expect(main.getByText('X11 windowing system', { exact: true })).toBeVisible();

  await list.getByRole('option', { name: /Overview/ }).click();
  await expect(page.locator('.ranking__row').first()).toBeVisible();
  await expect(status).toHaveCount(0);
});

test.describe('the apps listed before their audits are read', () => {
  test.use({ heldChannels: ['catalog:marks'] });

  test('shows them by name at once, their marks once audited, and waits to sort by exposure', async ({
    confine,
  }, testInfo) => {
    const { page } = confine;
    const list = page.getByRole('listbox', { name: 'Installed applications' });
    const escapes = appOf(confine, 'kitchen-sink');
    const row = list.getByRole('option', { name: new RegExp(escapes.name) }).first();
    await expect(row).toBeVisible();
    await expect(list).toHaveAttribute('aria-busy', 'false');
    // Its audit is held back: no exposure mark yet, rather than a wrong one.
    await expect(row.locator('.exposure-dot')).toHaveCount(0);
    await screenshots(page, testInfo, 'listed-before-audits');
    // The order by exposure is not known yet: the list says it is reading rather than guess.
    await page.getByRole('radio', { name: 'Exposure' }).click();
    await expect(list).toHaveAttribute('aria-busy', 'true');
    await expect(list).toContainText('Reading installed apps…');

    confine.release();
    await expect(list).toHaveAttribute('aria-busy', 'false');
    await expect(row.locator('.exposure-dot')).toBeVisible();
    // Most exposed first: the app with ways out of its sandbox leads.
    await expect(list.getByRole('option').nth(2)).toContainText(escapes.name);
  });
});

test.describe('an app picked while its permissions are read', () => {
  test.use({ heldChannels: ['permissions:get'] });

  test('shows no control until its permissions are there, so the first switch is a permission', async ({ confine }) => {
    const { page } = confine;
    const app = appOf(confine, 'kitchen-sink');
    // The window reads what updates changed once its first page is shown, and keeps that first
    // look in its state file: from then on an app's lock is known before its permissions are.
    const review = join(confine.env.XDG_STATE_HOME ?? '', 'confine', 'review.json');
    await expect
      .poll(() =>
        stat(review).then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    await openApp(page, app.name, page.getByRole('searchbox').first());
    const status = page.getByRole('main').getByRole('status');
    await expect(status).toContainText('Reading the permissions…');
    // The lock row, below the permissions, would otherwise stand alone under the loading note
    // and be the first switch a quick click meets.
    await expect(page.getByRole('switch')).toHaveCount(0);
    await expect(page.locator('.lock-row')).toHaveCount(0);

    confine.release();
    await expect(status).toHaveCount(0);
    await expect(page.locator('.lock-row')).toBeVisible();
    const first = page.getByRole('switch').first();
    await expect(first).not.toHaveAccessibleName(/^Lock: deny anything an update adds/);
    await expect(page.locator('.lock-row').getByRole('switch')).toHaveAccessibleName(
      /^Lock: deny anything an update adds/,
    );
  });
});

test.describe('a change heard while the Overview is first read', () => {
  test.use({ heldChannels: ['audit:load'] });

  test('shows in the Overview, though the read under way was asked before it', async ({ confine }) => {
    const { page } = confine;
    const status = page.getByRole('main').getByRole('status');
    await expect(status).toContainText('Auditing the apps…');
    // Another page while the Overview's first read is held; a terminal gives the app a way out
    // of its sandbox, which its page shows once the window has heard of it.
    const app = appOf(confine, 'network-only');
    await openApp(page, app.name);
    await confine.flatpak(['override', '--user', '--talk-name=org.freedesktop.Flatpak', app.id]);
    await expect(page.getByRole('region', { name: 'Exposure' })).toContainText('Sandbox escape');
    // Back to the Overview while that first read is still under way: what it shows once the
    // answers come is the machine after the change.
    await page
      .getByRole('listbox', { name: 'Installed applications' })
      .getByRole('option', { name: /Overview/ })
      .click();
    await expect(status).toContainText('Auditing the apps…');
    confine.release();
    const ranking = page.getByRole('list', { name: 'Apps by exposure' });
    await expect(ranking.getByRole('listitem').filter({ hasText: app.name })).toContainText('Sandbox escape');
  });
});

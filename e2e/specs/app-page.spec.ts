// The app page of a busy app: the permissions start on the first screen, groups fold by mouse and
// keyboard, the jump list reaches a group, and the filesystem form completes the home's folders.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { appOf, openApp, screenshots } from './steps';

test.use({ viewport: { width: 1280, height: 800 } });

const heading = (page: Page, name: string) =>
  page.getByRole('region', { name, exact: true }).getByRole('button', { name, exact: true });

test('a busy app: the first group shows without scrolling, and groups fold', async ({ confine }, testInfo) => {
  const { page } = confine;
  const app = appOf(confine, 'kitchen-sink');
  await openApp(page, app.name);
  const summary = page.getByRole('region', { name: 'Exposure' }).getByRole('button', { name: /findings:/ });
  await expect(summary).toHaveAttribute('aria-expanded', 'false');
  await expect(summary).toContainText('worst:');
  // The first permission group and its first switch are on the first screen.
  await expect(heading(page, 'Share')).toBeInViewport();
  await expect(page.getByRole('switch', { name: 'Network' })).toBeInViewport();
  expect(await page.locator('.content').evaluate((e) => e.scrollTop)).toBe(0);
  await screenshots(page, testInfo, 'app-page-summary');

  // The summary opens into every finding, and closes again, from the keyboard.
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(summary).toHaveAttribute('aria-expanded', 'true');
  const findings = page.locator(`#${await summary.getAttribute('aria-controls')}`);
  await expect(findings).toBeVisible();
  await expect(findings.locator('.row').first()).toBeVisible();
  await screenshots(page, testInfo, 'app-page-findings');
  await page.keyboard.press('Space');
  await expect(findings).toBeHidden();

  // Fold with the mouse, unfold with Enter, fold again with Space.
  const devices = heading(page, 'Devices');
  await devices.click();
  await expect(devices).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('switch', { name: 'GPU acceleration' })).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(devices).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('switch', { name: 'GPU acceleration' })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(devices).toHaveAttribute('aria-expanded', 'false');
  await screenshots(page, testInfo, 'app-page-folded');

  // The fold is kept on the next app's page while the window runs.
  await openApp(page, appOf(confine, 'network-only').name);
  await expect(heading(page, 'Devices')).toHaveAttribute('aria-expanded', 'false');
  await openApp(page, app.name);

  const nav = page.getByRole('navigation', { name: 'Permission groups' });
  await nav.getByRole('button', { name: 'Collapse all' }).click();
  for (const name of ['Share', 'Filesystem', 'System bus', 'Portals'])
    await expect(heading(page, name)).toHaveAttribute('aria-expanded', 'false');
  await nav.getByRole('button', { name: 'Expand all' }).click();
  for (const name of ['Share', 'Devices', 'Filesystem', 'System bus'])
    await expect(heading(page, name)).toHaveAttribute('aria-expanded', 'true');

  // The jump list unfolds a folded group, scrolls to it and puts the focus on its heading.
  const bus = heading(page, 'System bus');
  await bus.click();
  await expect(bus).toHaveAttribute('aria-expanded', 'false');
  await page.locator('.content').evaluate((e) => e.scrollTo(0, 0));
  const link = nav.getByRole('link', { name: /^System bus, 1 granted/ });
  await link.click();
  await expect(bus).toBeFocused();
  await expect(bus).toHaveAttribute('aria-expanded', 'true');
  await expect(bus).toBeInViewport();
  await expect(page.getByRole('radiogroup', { name: 'Access to org.freedesktop.NetworkManager' })).toBeVisible();
  // From the keyboard too.
  await page.locator('.content').evaluate((e) => e.scrollTo(0, 0));
  await nav.getByRole('link', { name: /^Share/ }).focus();
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Share')).toBeFocused();
});

test('typing ~/Do in the filesystem form offers the real folder, and Enter fills it', async ({ confine }, testInfo) => {
  const { page } = confine;
  await mkdir(join(confine.env.HOME ?? '', 'Documents', 'Letters'), { recursive: true });
  const app = appOf(confine, 'kitchen-sink');
  await openApp(page, app.name);
  const field = page.getByRole('combobox', { name: 'Other file or folder' });
  await field.scrollIntoViewIfNeeded();
  await field.pressSequentially('~/Do');
  const list = page.getByRole('listbox', { name: 'Suggestions for Other file or folder' });
  await expect(list).toBeVisible();
  await expect(list.getByRole('option').first()).toContainText('Documents');
  await expect(field).toHaveAttribute('aria-expanded', 'true');
  const chosen = await field.getAttribute('aria-activedescendant');
  expect(chosen).toBe(await list.getByRole('option').first().getAttribute('id'));
  await screenshots(page, testInfo, 'app-page-completion');
  await page.keyboard.press('Enter');
  await expect(field).toHaveValue('~/Documents');
  await expect(list).toBeHidden();
  // On into the folder, and a location word by its friendly name.
  await field.pressSequentially('/');
  await expect(list.getByRole('option')).toHaveText(['Letters~/Documents/Letters']);
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await field.fill('');
  await field.pressSequentially('pict');
  await expect(list.getByRole('option').first()).toContainText('Pictures folder');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(field).toHaveValue('xdg-pictures');

  await page.setViewportSize({ width: 800, height: 600 });
  await field.fill('');
  await field.pressSequentially('~/Do');
  await expect(list).toBeVisible();
  await list.scrollIntoViewIfNeeded();
  await screenshots(page, testInfo, 'app-page-completion-800x600');
});

test('the page at 800×600: the summary and a folded group', async ({ confine }, testInfo) => {
  const { page } = confine;
  await page.setViewportSize({ width: 800, height: 600 });
  await openApp(page, appOf(confine, 'kitchen-sink').name);
  await heading(page, 'Share').click();
  await screenshots(page, testInfo, 'app-page-800x600');
  await page
    .getByRole('region', { name: 'Exposure' })
    .getByRole('button', { name: /findings:/ })
    .click();
  await screenshots(page, testInfo, 'app-page-800x600-findings');
});

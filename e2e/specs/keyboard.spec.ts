// The main tasks walked with the keyboard alone (issue 15): no click anywhere in this file. Each
// step reaches its control with Tab, Shift+Tab, arrows or a shortcut, and what it changed is read
// back from the override file with the real `flatpak override --show`.

import type { Locator, Page } from '@playwright/test';
import { expect, test, type ConfineApp } from '../fixtures';
import { appOf } from './steps';

const overrideFile = async (confine: ConfineApp, id: string) =>
  (await confine.flatpak(['override', '--user', '--show', id])).stdout;

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement).catch(() => false);

/** Presses `key` until `target` has focus; fails after `max` presses. Returns how many it took. */
async function pressUntil(page: Page, target: Locator, key = 'Tab', max = 80): Promise<number> {
  for (let i = 0; i <= max; i++) {
    if (await isFocused(target)) return i;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} × ${max} never reached ${target.toString()}`);
}

/** Ctrl+F, the app's name, Enter: the app page is open. */
async function openByKeyboard(page: Page, name: string) {
  // The window listens for its shortcuts from its first effects, which may run after the page's
  // load event that the fixture waits for; a page heading is shown only after them.
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.keyboard.press('Control+f');
  await expect(page.getByRole('searchbox', { name: /Search apps/ })).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

test('revoke a permission, undo and redo it, by keyboard alone', async ({ confine }) => {
  const { page } = confine;
  const app = appOf(confine, 'network-only');
  await openByKeyboard(page, app.name);
  const network = page.getByRole('switch', { name: 'Network' });
  await expect(network).toHaveAttribute('aria-checked', 'true');
  await pressUntil(page, network);
  await page.keyboard.press('Space');
  await expect(network).toHaveAttribute('aria-checked', 'false');
  await expect.poll(() => overrideFile(confine, app.id)).toContain('shared=!network;');

  // Focus stays on the switch; Ctrl+Z undoes the saved change and Ctrl+Shift+Z makes it again.
  await expect(network).toBeFocused();
  await page.keyboard.press('Control+z');
  await expect(network).toHaveAttribute('aria-checked', 'true');
  await expect.poll(() => overrideFile(confine, app.id)).not.toContain('network');
  await page.keyboard.press('Control+Shift+z');
  await expect(network).toHaveAttribute('aria-checked', 'false');
  await expect.poll(() => overrideFile(confine, app.id)).toContain('shared=!network;');
});

test('harden one app, then reset it and take the reset back, by keyboard alone', async ({ confine }) => {
  const { page } = confine;
  const app = appOf(confine, 'kitchen-sink');
  await openByKeyboard(page, app.name);
  expect(await overrideFile(confine, app.id)).toBe('');

  await pressUntil(page, page.getByRole('button', { name: 'Apply recommended…' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Harden ${app.name}` });
  await expect(dialog).toBeVisible();
  await pressUntil(page, dialog.getByRole('button', { name: 'Apply', exact: true }));
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'hardened' })).toBeVisible();
  const hardened = await overrideFile(confine, app.id);
  expect(hardened).not.toBe('');

  // Focus is back on the dialog's opener; Reset sits before it, beside the app's heading.
  const reset = page.getByRole('button', { name: 'Reset', exact: true });
  await pressUntil(page, reset, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect.poll(() => overrideFile(confine, app.id)).toBe('');
  const undo = page.getByRole('status').filter({ hasText: 'removed' }).getByRole('button', { name: 'Undo' });
  await expect(undo).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => overrideFile(confine, app.id)).toBe(hardened);
});

test('harden several apps from the Overview, then open the System page, by keyboard alone', async ({ confine }) => {
  test.setTimeout(120_000);
  const { page } = confine;
  const picked = [appOf(confine, 'legacy-x11'), appOf(confine, 'secrets-user')];
  const list = page.getByRole('listbox', { name: 'Installed applications' });
  await pressUntil(page, list);
  // Home is the first entry of the list: the Overview.
  await page.keyboard.press('Home');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');

  // The preset by arrow keys: Tab reaches the chosen option, arrows move the choice.
  const presets = page.getByRole('radiogroup', { name: 'Preset' });
  await pressUntil(page, presets.getByRole('radio', { checked: true }));
  await pressUntil(page, presets.getByRole('radio', { name: 'Offline' }), 'ArrowRight', 4);
  await expect(presets.getByRole('radio', { name: 'Offline' })).toBeChecked();

  const ranking = page.getByRole('list', { name: 'Apps by exposure' });
  // The ranking is one Tab stop, on the row last moved to; the arrows reach every row.
  const rankingStop = ranking.locator('input[type="checkbox"][tabindex="0"]');
  await pressUntil(page, rankingStop);
  for (const a of picked) {
    const box = ranking.getByRole('checkbox', { name: `Select ${a.name}` });
    await page.keyboard.press('Home');
    await pressUntil(page, box, 'ArrowDown');
    await page.keyboard.press('Space');
    await expect(box).toBeChecked();
  }
  await pressUntil(page, page.getByRole('button', { name: 'Preview 2 apps…' }), 'Shift+Tab');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Harden 2 apps' });
  await expect(dialog.getByRole('status')).toContainText('2 apps change;');
  await pressUntil(page, dialog.getByRole('button', { name: 'Apply', exact: true }));
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
  for (const a of picked) expect(await overrideFile(confine, a.id)).not.toBe('');

  // Ctrl+Z with focus on a checkbox of the ranking: a checkbox is not typing, so it undoes.
  await pressUntil(page, rankingStop);
  await page.keyboard.press('Control+z');
  for (const a of picked) await expect.poll(() => overrideFile(confine, a.id)).toBe('');

  const system = page.getByRole('button', { name: /System/ }).first();
  // The System button closes the sidebar, which comes before the main area.
  await pressUntil(page, system, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/System/);
});

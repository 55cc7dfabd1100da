// Portal permissions end to end, on a private session bus with the real xdg-permission-store:
// what the page changes, `flatpak permission-show` sees; changes made outside show in the page.

import type { Page } from '@playwright/test';
import { expect, test, type ConfineApp } from '../fixtures';
import { appOf, openApp, screenshots } from './steps';

/** The app's entries as `flatpak permission-show` prints them: table, id, permissions. */
async function entries(confine: ConfineApp, appId: string): Promise<string[]> {
  const r = await confine.flatpak(['permission-show', appId]);
  return r.stdout
    .split('\n')
    .filter((l) => l.split('\t')[2] === appId)
    .map((l) =>
      l
        .split('\t')
        .slice(0, 2)
        .concat(l.split('\t')[3] ?? '')
        .join(' '),
    )
    .sort();
}

/** What a portal would have stored when the app asked. */
async function portalStored(confine: ConfineApp, ...args: string[]): Promise<void> {
  const r = await confine.flatpak(['permission-set', ...args]);
  expect(r.code, r.stderr).toBe(0);
}

const portals = (page: Page) => page.getByRole('region', { name: 'Portals' });

test('allow, deny, forget and undo, as flatpak permission-show sees them', async ({ confine }, testInfo) => {
  const { page } = confine;
  const app = appOf(confine, 'web-browser');
  await portalStored(confine, 'devices', 'camera', app.id, 'yes');
  await portalStored(confine, 'location', 'location', app.id, 'NONE', '0');
  await portalStored(confine, 'notifications', 'notification', app.id, 'yes');
  await portalStored(confine, 'screencast', '0d8c4a52-6b1e-4f4e-9b53-7c1c2f5a9e10', app.id, 'yes');
  await openApp(page, app.name);

  const camera = portals(page).getByRole('radiogroup', { name: 'Camera' });
  await expect(camera.getByRole('radio', { name: 'Allow' })).toHaveAttribute('aria-checked', 'true');
  await expect(
    portals(page).getByRole('radiogroup', { name: 'Location' }).getByRole('radio', { name: 'Deny' }),
  ).toHaveAttribute('aria-checked', 'true');
  // No app has asked for the microphone here, so there is no entry to change.
  await expect(portals(page).getByRole('radiogroup', { name: 'Microphone' })).toHaveCount(0);
  await expect(portals(page).getByText(/^No app has asked for these yet/)).toContainText('Microphone');
  await expect(portals(page)).toContainText('Remembered screen sharing');

  await portals(page).scrollIntoViewIfNeeded();
  await screenshots(page, testInfo, 'portals');

  await camera.getByRole('radio', { name: 'Deny' }).click();
  await expect.poll(() => entries(confine, app.id)).toContain('devices camera no');
  await portals(page).getByRole('radiogroup', { name: 'Location' }).getByRole('radio', { name: 'Allow' }).click();
  await expect.poll(() => entries(confine, app.id)).toContain('location location EXACT,0');
  await portals(page)
    .getByRole('radiogroup', { name: 'Notifications' })
    .getByRole('radio', { name: 'Not set' })
    .click();
  await expect.poll(() => entries(confine, app.id)).not.toContain('notifications notification yes');
  await portals(page)
    .getByRole('button', { name: /^Forget Remembered screen sharing/ })
    .click();
  await expect.poll(async () => (await entries(confine, app.id)).some((e) => e.startsWith('screencast'))).toBe(false);
  await expect(portals(page)).not.toContainText('Remembered screen sharing');

  // Undo walks the changes back, one at a time.
  await page.getByRole('heading', { level: 1 }).click();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Control+z');
  // Four undos, each a write and a reload, queue one after another: give them time on a loaded machine.
  await expect
    .poll(() => entries(confine, app.id), { timeout: 30_000 })
    .toEqual([
      'devices camera yes',
      'location location NONE,0',
      'notifications notification yes',
      'screencast 0d8c4a52-6b1e-4f4e-9b53-7c1c2f5a9e10 yes',
    ]);
  await expect(camera.getByRole('radio', { name: 'Allow' })).toHaveAttribute('aria-checked', 'true');
});

test('a change made outside shows in the page', async ({ confine }) => {
  const { page } = confine;
  const app = appOf(confine, 'web-browser');
  await portalStored(confine, 'devices', 'camera', app.id, 'yes');
  await openApp(page, app.name);
  const allow = portals(page).getByRole('radiogroup', { name: 'Camera' }).getByRole('radio', { name: 'Allow' });
  await expect(allow).toHaveAttribute('aria-checked', 'true');
  await portalStored(confine, 'devices', 'camera', app.id, 'no');
  await expect(
    portals(page).getByRole('radiogroup', { name: 'Camera' }).getByRole('radio', { name: 'Deny' }),
  ).toHaveAttribute('aria-checked', 'true');
  // Allowed without asking, the camera counts in the app's exposure.
  await portalStored(confine, 'devices', 'camera', app.id, 'yes');
  await expect(page.getByRole('region', { name: 'Exposure' })).toContainText('Camera, without asking');
});

test('reset takes the portal permissions too, and undo brings them back', async ({ confine }) => {
  const { page } = confine;
  const app = appOf(confine, 'legacy-x11');
  await confine.flatpak(['override', '--user', '--nosocket=x11', app.id]);
  await portalStored(confine, 'devices', 'camera', app.id, 'yes');
  await portalStored(confine, 'background', 'background', app.id, 'no');
  const before = await entries(confine, app.id);
  await openApp(page, app.name);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('status')).toContainText(
    'Your override and 2 portal permissions of this app were removed.',
  );
  expect(await entries(confine, app.id)).toEqual([]);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => entries(confine, app.id)).toEqual(before);
  // The same undo puts the file back, just after the portal entries.
  await expect
    .poll(async () => (await confine.flatpak(['override', '--user', '--show', app.id])).stdout)
    .toContain('!x11');
});

test.describe('without a session bus', () => {
  test.use({ sessionBus: false });

  test('the page says so, and everything else works', async ({ confine }) => {
    const { page } = confine;
    const app = appOf(confine, 'legacy-x11');
    await openApp(page, app.name);
    await expect(portals(page)).toContainText(
      'There is no D-Bus session bus. Portal permissions cannot be shown; everything else on this page works.',
    );
    await page.getByRole('switch', { name: 'X11 windowing system' }).click();
    await expect
      .poll(async () => (await confine.flatpak(['override', '--user', '--show', app.id])).stdout)
      .toContain('!x11');
  });
});

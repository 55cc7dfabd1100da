// "Verify in the sandbox" on the app page, through the real handler and the real `flatpak run`:
// the test bed's runtimes carry no shell, so the probe stops with the message that says so.

import { expect, test } from '../fixtures';
import { openApp, screenshots } from './steps';

test('says plainly that a runtime without a shell cannot be probed', async ({ confine }, testInfo) => {
  const { page } = confine;
  const app = confine.apps[2];
  if (!app) throw new Error('the test bed has too few apps');
  await openApp(page, app.name);
  const panel = page.getByRole('region', { name: 'What the sandbox really reaches' });
  await expect(panel).toContainText(`creates the app’s data folder (~/.var/app/${app.id})`);
  await panel.getByRole('button', { name: 'Verify in the sandbox' }).click();
  await expect(panel.getByRole('alert')).toHaveText(
    `The runtime of ${app.id} has no /bin/sh, so nothing can be probed inside its sandbox; the probe stopped there.`,
  );
  await expect(panel.getByRole('button', { name: 'Verify again' })).toBeEnabled();
  await panel.scrollIntoViewIfNeeded();
  await screenshots(page, testInfo, 'verify-no-shell');
});

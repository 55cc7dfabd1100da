// A change made by another program between Confine's write and its undo: the undo is refused,
// the other program's change stays, and the note offers Reload, which shows the file as it is.

import { expect, test } from '../fixtures';
import { appOf, openApp, screenshots } from './steps';

test('an undo over a change made elsewhere is refused, and Reload shows what is there now', async ({
  confine,
}, testInfo) => {
  const { page } = confine;
  const app = appOf(confine, 'legacy-x11');
  await openApp(page, app.name);
  const ipc = page.getByRole('switch', { name: 'Inter-process communication' });
  await ipc.click();
  await expect
    .poll(async () => (await confine.flatpak(['override', '--user', '--show', app.id])).stdout)
    .toContain('!ipc');
  // Another program changes the file Confine just wrote.
  const outside = await confine.flatpak(['override', '--user', '--filesystem=/srv:ro', app.id]);
  expect(outside.code, outside.stderr).toBe(0);
  const theirs = (await confine.flatpak(['override', '--user', '--show', app.id])).stdout;
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+z');
  const note = page.getByRole('alert');
  await expect(note).toContainText(`Not undone: `);
  await expect(note).toContainText('changed since Confine wrote it');
  await expect(note.getByRole('button', { name: 'Reload' })).toBeVisible();
  await screenshots(page, testInfo, 'conflict-toast');
  expect((await confine.flatpak(['override', '--user', '--show', app.id])).stdout).toBe(theirs);
  await note.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('region', { name: 'Filesystem' })).toContainText('/srv');
  await expect(ipc).toHaveAttribute('aria-checked', 'false');
});

// "Verify in the sandbox" on the app page, through the real handler and the real `flatpak run`:
// a runtime without a shell stops the probe with the message that says so; the one app whose
// runtime carries busybox is probed for real, hardened, and verified again after applying from
// the offer its page keeps; Stop ends a probe held in its sandbox, and a `flatpak run` that fails
// says why.

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from '../fixtures';
import { heldSandbox, sandboxProcesses, stillRunning } from '../testbed/held-sandbox';
import { appOf, openApp, screenshots } from './steps';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
  { width: 360, height: 640 },
] as const;

/** Light and dark at each size; `show` brings the view back into sight after a resize. */
async function allSizes(page: Page, testInfo: TestInfo, name: string, show: () => Promise<void>): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await show();
    await screenshots(page, testInfo, `${name}-${size.width}`);
  }
  await page.setViewportSize(SIZES[0]);
}

/** Axe's WCAG A/AA rules in light, its colour rules in dark, over one part of the window. */
async function axe(page: Page, within: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const all = new AxeBuilder({ page }).include(within).options({ resultTypes: ['violations'] });
    const builder =
      scheme === 'dark'
        ? all.withRules(['color-contrast', 'link-in-text-block'])
        : all.withTags(['wcag2a', 'wcag2aa', 'wcag21aa']);
    const { violations } = await builder.analyze();
    found.push(
      ...violations.map(
        (v) => `${scheme} ${within}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      ),
    );
  }
  return found;
}

test.use({ viewport: { width: 1280, height: 800 } });

test('probes a sandbox for real, hardens it and shows what applying really closed', async ({ confine }, testInfo) => {
  // Two probes, four axe analyses and twelve screenshots of a long page.
  test.setTimeout(120_000);
  const { page } = confine;
  const app = appOf(confine, 'probe');
  // The places the probe looks at exist only where the home has them.
  const home = confine.env.HOME ?? '';
  for (const d of ['.ssh', 'Documents', '.config/autostart']) await mkdir(join(home, d), { recursive: true });
  await openApp(page, app.name);
  const panel = page.getByRole('region', { name: 'What the sandbox really reaches' });
  await panel.getByRole('button', { name: 'Verify in the sandbox' }).click();
  const table = panel.getByRole('table', { name: 'Everything the probe looked at on this computer' });
  const row = (name: RegExp) => table.getByRole('row', { name });
  // Not shared: the sandbox has its own network namespace, with loopback alone.
  await expect(row(/^Network/)).toContainText('loopback only');
  await expect(row(/^Network/)).toContainText('as the permissions say');
  // ~/Documents:ro under home: the sandbox can read the folder but not write it.
  await expect(row(/~\/Documents/)).toContainText('read-only');
  await expect(row(/~\/Documents/)).not.toContainText('read and write');
  await expect(row(/~\/\.ssh/)).toContainText('read and write');
  await expect(row(/~\/\.config\/autostart/)).toContainText('read and write');
  // Flatpak hides its own folders from an app given home: found, and explained.
  await expect(panel.getByRole('list', { name: 'Differences from the permissions' })).toContainText(
    'Why: Flatpak hides its own folders',
  );
  const found = await axe(page, '#group-verify');
  // The table's end at the window's foot: the summary, the difference and the rows above it.
  await allSizes(page, testInfo, 'verify-result', () => table.evaluate((e) => e.scrollIntoView({ block: 'end' })));
  // Narrow, the table's caption scrolled to the top stays clear of the sticky Back bar.
  await page.setViewportSize(SIZES[2]);
  await table.locator('caption').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  const caption = await table.locator('caption').boundingBox();
  const bar = await page.locator('.content-bar').boundingBox();
  expect(caption && bar && caption.y - (bar.y + bar.height)).toBeGreaterThan(0);
  await screenshots(page, testInfo, 'verify-caption-360');
  await page.setViewportSize(SIZES[0]);

  await page.getByRole('button', { name: 'Apply recommended…' }).click();
  const harden = page.getByRole('dialog', { name: `Harden ${app.name}` });
  await expect(harden.getByRole('checkbox', { name: /Make ~\/\.ssh and ~\/\.gnupg read-only/ })).toBeChecked();
  await expect(harden.getByRole('checkbox', { name: /Make ~\/\.config read-only/ })).toBeChecked();
  await harden.getByRole('button', { name: 'Apply' }).click();
  await expect(harden).toHaveCount(0);
  const note = page.getByRole('status').filter({ hasText: '1 app hardened.' });
  await expect(note).toBeVisible();
  // The note goes after seconds; the app's page keeps the offer, and the keyboard reaches it.
  await note.getByRole('button', { name: 'Dismiss' }).click();
  await expect(note).toHaveCount(0);
  const offer = page.getByRole('region', { name: 'This app was hardened' });
  await allSizes(page, testInfo, 'verify-offer', () => offer.scrollIntoViewIfNeeded());
  await offer.getByRole('button', { name: 'Verify after applying' }).press('Enter');
  const after = page.getByRole('dialog', { name: 'Verify after applying' });
  await expect(after.getByRole('status')).toHaveText('1 app verified.');
  // Over: Close alone (Cancel beside it would do the same).
  await expect(after.getByRole('button')).toHaveText(['Close']);
  await expect(after).toContainText('Compared with the probe made before applying.');
  const closed = after.getByRole('list', { name: 'Closed in the sandbox' });
  await expect(closed.getByRole('listitem')).toHaveText(
    [
      '~/.ssh (SSH keys and configuration): read and write → read-only',
      '~/.config/autostart (Programs started at log-in): read and write → read-only',
    ],
    { useInnerText: true },
  );
  await expect(after.getByRole('list', { name: 'Still reachable although the change should close it' })).toHaveCount(0);
  await expect(after.getByRole('progressbar', { name: 'Apps verified' })).toHaveAttribute('value', '1');
  found.push(...(await axe(page, 'dialog[open]')));
  await allSizes(page, testInfo, 'verify-after', () =>
    after.getByRole('heading', { level: 2 }).scrollIntoViewIfNeeded(),
  );
  await after.getByRole('button', { name: 'Close' }).click();
  await expect(after).toHaveCount(0);
  // Verified: the offer has done its work.
  await expect(offer).toHaveCount(0);
  // The app page shows the newest probe: ~/.ssh is read-only now.
  await expect(row(/~\/\.ssh/)).toContainText('read-only');
  expect(found, found.join('\n')).toEqual([]);
});

test.describe('a probe held in its sandbox', () => {
  test.use({ heldSandbox: true });

  // The fallbacks on one window: the held sandbox changes only the script a shell runs.
  test('says plainly that a runtime has no shell; Stop ends the probe and its sandbox; a failing flatpak run says why', async ({
    confine,
  }, testInfo) => {
    const { page } = confine;
    const plain = confine.apps[2];
    if (!plain) throw new Error('the test bed has too few apps');
    await openApp(page, plain.name);
    const panel = page.getByRole('region', { name: 'What the sandbox really reaches' });
    await expect(panel).toContainText(`creates the app’s data folder (~/.var/app/${plain.id})`);
    await panel.getByRole('button', { name: 'Verify in the sandbox' }).click();
    await expect(panel.getByRole('alert')).toHaveText(
      `The runtime of ${plain.id} has no /bin/sh, so nothing can be probed inside its sandbox; the probe stopped there.`,
    );
    await expect(panel.getByRole('button', { name: 'Verify again' })).toBeEnabled();
    await panel.scrollIntoViewIfNeeded();
    await screenshots(page, testInfo, 'verify-no-shell');

    const app = appOf(confine, 'probe');
    await openApp(page, app.name);
    await panel.getByRole('button', { name: 'Verify in the sandbox' }).click();
    // The probe's targets carry the workspace's runtime folder: bwrap, the shell and its sleep.
    const marker = confine.env.XDG_RUNTIME_DIR ?? '';
    const seen = await heldSandbox(marker);
    await expect(panel.getByRole('button', { name: 'Verifying…' })).toBeDisabled();
    await panel.scrollIntoViewIfNeeded();
    await screenshots(page, testInfo, 'verify-running');
    await panel.getByRole('button', { name: 'Stop' }).click();
    await expect(panel.getByRole('status')).toHaveText(
      `Stopped: the probe of ${app.id} was ended before it finished, and its sandbox with it.`,
    );
    await expect(panel.getByRole('button', { name: 'Stop' })).toHaveCount(0);
    expect(stillRunning(seen)).toEqual([]);
    expect(sandboxProcesses(marker)).toEqual([]);
    await panel.scrollIntoViewIfNeeded();
    await screenshots(page, testInfo, 'verify-stopped');

    // A file where flatpak makes the app's data folder: `flatpak run` itself fails, and says why.
    const data = join(confine.env.HOME ?? '', '.var/app', app.id);
    await rm(data, { recursive: true, force: true });
    await writeFile(data, '');
    await panel.getByRole('button', { name: 'Verify again' }).click();
    await expect(panel.getByRole('alert')).toHaveText(
      `flatpak run ${app.id} failed: error: mkdir(${data}/data): Not a directory`,
    );
  });
});

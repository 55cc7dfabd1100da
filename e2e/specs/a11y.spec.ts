// Axe over every screen and dialog, light and dark, in a roomy and a small window and one as narrow
// as a phone, where the list and the page take turns (issue 15):
// the WCAG 2.0 A and AA and 2.1 AA rules (in dark, the colour rules), and not one violation. One page load for each
// size; the dialogs open over it in turn, and each screen is checked in light, then in dark. On failure the message
// lists every violation with the elements it found and why.

import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { appOf, openApp, screenshots } from './steps';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'];

type Violations = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'];

function readable(screen: string, violations: Violations): string[] {
  return violations.map(
    (v) =>
      `${screen}: ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}\n` +
      v.nodes
        .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n'),
  );
}

const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
  { width: 360, height: 640 },
] as const;

/** Runs axe in the page itself (the app has no frames), loading axe-core into it once: the
 *  builder's default runs each analysis's results through a new blank page of its own and sends
 *  axe-core's 580 kB again every time, which cost more than the analyses. */
async function analyze(page: Page, scheme: 'light' | 'dark', within?: string): Promise<Violations> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  const all = new AxeBuilder({ page, ...(loaded ? { axeSource: ';' } : {}) })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] });
  // The themes differ only in colours: dark checks the rules colours can break, light every
  // rule (names, roles, states and structure are the same DOM).
  const builder = scheme === 'dark' ? all.withRules(['color-contrast', 'link-in-text-block']) : all.withTags(TAGS);
  return (await (within ? builder.include(within) : builder).analyze()).violations;
}

for (const size of SIZES) {
  test.describe(`${size.width}×${size.height}`, () => {
    // A System page with warnings and advice (links, commands), the same on every machine.
    test.use({ viewport: size, systemFixture: { name: 'fedora-permissive' } });

    test('no axe violation on any screen or dialog, in light and dark', async ({ confine, tempDir }, testInfo) => {
      // Fourteen analyses of pages with hundreds of rows (sixteen in a narrow window, with the list
      // alone): each screen in light, then in dark.
      test.setTimeout(180_000);
      const { page } = confine;
      const roomy = size.width >= 1280;
      // Below 600 px the list is shown alone, and a page alone with a Back button to the list.
      const narrow = size.width < 600;
      const toList = async () => {
        if (narrow) await page.getByRole('button', { name: 'Back to the list' }).click();
      };
      const found: string[] = [];
      const check = async (screen: string, within?: string) => {
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          // A colour that eases into the other theme's is measured once it has arrived.
          await page.evaluate(() =>
            Promise.all(
              document
                .getAnimations()
                .flatMap((a) => (a instanceof CSSTransition ? [a.finished.catch(() => undefined)] : [])),
            ),
          );
          found.push(...readable(`${screen} (${scheme})`, await analyze(page, scheme, within)));
        }
      };

      const app = appOf(confine, 'kitchen-sink');
      const other = appOf(confine, 'legacy-x11');
      // Changes of the user's own: the app page shows the changed marker, and Export has files.
      await confine.flatpak(['override', '--user', '--nosocket=x11', '--filesystem=xdg-music:ro', app.id]);
      await confine.flatpak(['override', '--user', '--nosocket=x11', other.id]);
      if (narrow) {
        await expect(page.getByRole('option', { name: /Overview/ })).toHaveAttribute('aria-selected', 'true');
        await check('List');
        await page.getByRole('option', { name: /Overview/ }).click();
      }
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
      const ranking = page.getByRole('list', { name: 'Apps by exposure' });
      await expect(ranking).toBeVisible();
      confine.desktop.dialogAnswer = join(await tempDir('confine-a11y-'), 'overrides.json');
      await page.getByRole('button', { name: 'Export…' }).click();
      // The note stays on the page while the Overview is checked.
      await expect(page.getByRole('status').filter({ hasText: /override files? exported/ })).toBeVisible();
      await check('Overview');

      // Import: one file new again (a box to tick), one the same as now (a disabled box).
      await confine.flatpak(['override', '--user', '--reset', other.id]);
      await page.getByRole('button', { name: 'Import…' }).click();
      const imports = page.getByRole('dialog', { name: 'Import overrides' });
      await expect(imports.getByRole('checkbox', { name: new RegExp(other.id) })).toBeChecked();
      await expect(imports.getByRole('checkbox', { name: new RegExp(app.id) })).toBeDisabled();
      await check('Import dialog', 'dialog[open]');
      await imports.getByRole('button', { name: 'Cancel' }).click();
      await expect(imports).toHaveCount(0);

      for (const p of ['wayland-native', 'secrets-user'])
        await ranking.getByRole('checkbox', { name: `Select ${appOf(confine, p).name}` }).check();
      await page.getByRole('button', { name: 'Preview 2 apps…' }).click();
      const bulk = page.getByRole('dialog', { name: 'Harden 2 apps' });
      await expect(bulk.getByRole('status')).toContainText(/apps? changes?;/);
      await check('Bulk harden dialog', 'dialog[open]');
      await bulk.getByRole('button', { name: 'Cancel' }).click();
      await expect(bulk).toHaveCount(0);

      await toList();
      await page.getByRole('option', { name: /All applications/ }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('All applications');
      await expect(page.getByRole('radiogroup', { name: 'Network' })).toBeVisible();
      await check('All applications');

      await toList();
      await openApp(page, app.name);
      const x11 = page.getByRole('switch', { name: 'X11 windowing system' });
      await expect(x11).toHaveAttribute('aria-checked', 'false');
      // A switch is read with what it does, where its value comes from and that you changed it.
      await expect(x11).toHaveAccessibleDescription(
        /^Show windows through X11, which lets the app read keystrokes .* This app’s override Changed by you$/,
      );
      await check(`App page of ${app.name}`);
      if (roomy) await screenshots(page, testInfo, 'app');

      await page.getByRole('button', { name: 'Apply recommended…' }).click();
      const harden = page.getByRole('dialog', { name: `Harden ${app.name}` });
      await expect(harden.getByRole('checkbox', { name: /Make ~\/\.config read-only/ })).toBeChecked();
      await check('Harden dialog', 'dialog[open]');
      if (roomy) await screenshots(page, testInfo, 'harden');
      await harden.getByRole('button', { name: 'Cancel' }).click();
      await expect(harden).toHaveCount(0);

      await toList();
      await page.getByRole('button', { name: /^System protection:/ }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('System');
      await expect(page.getByRole('status', { name: 'Verdict' })).toBeVisible();
      await check('System');

      expect(found, `axe found:\n\n${found.join('\n\n')}`).toEqual([]);
    });
  });
}

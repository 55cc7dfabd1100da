// The window in German (the longest strings), in the accented pseudo-locale and in the
// right-to-left one: the Overview, the busiest app's page group by group (its portal permissions
// too), the probe app hardened and verified after applying for real (the note after Apply, the
// offer, the dialog and the probed table), the System page and the harden and import dialogs and
// the ranking's find box, at the project's 1100×760 and at 800×600,
// light and dark, and in the pseudo-locales the loading state; in German and the pseudo-locale also
// the toasts after a change, after Reset and after the lock switch, what an update changed (on the
// app page and the Overview), the editor's refusal of a path, the banners of a malformed override (the app's and the
// global one), the All applications page and the 360 px window with its sidebar folded (right
// to left too).
// Screenshots go with the test's results for people to look at; nothing may run wider than the
// window or be cut off without an ellipsis, no path or token may read backwards, and under the
// pseudo-locale no word of Confine's own may be plain English.

import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from '../fixtures';
import { appOf, openApp } from './steps';

/** What runs wider than the window, or text cut off by its box where no ellipsis says so. */
function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth)
      found.push(`the page is ${root.scrollWidth} px wide in ${root.clientWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      // Hidden, or for screen readers only (drawn 1 px wide on purpose).
      if (el.getClientRects().length === 0 || el.closest('[aria-hidden="true"], .visually-hidden')) continue;
      const style = getComputedStyle(el);
      const cuts = ['hidden', 'clip'].includes(style.overflowX);
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!cuts || !ownText || style.textOverflow === 'ellipsis') continue;
      if (el.scrollWidth > el.clientWidth + 1)
        found.push(
          `${el.className || el.tagName}: “${el.textContent?.trim().slice(0, 60)}” needs ${el.scrollWidth} px of ${el.clientWidth}`,
        );
    }
    return found;
  });
}

/** Paths, tokens and commands on one line whose first character is drawn right of their last:
 *  read backwards, as a right-to-left sentence lays out a "~/…" or "--…" nothing isolates. */
function backwardCode(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const box = (text: Node, i: number) => {
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      return range.getBoundingClientRect();
    };
    for (const el of document.querySelectorAll('code, .token')) {
      const text = el.firstChild;
      const length = text?.textContent?.length ?? 0;
      if (!text || el.childNodes.length !== 1 || text.nodeType !== Node.TEXT_NODE || length < 2) continue;
      const first = box(text, 0);
      const last = box(text, length - 1);
      // Not drawn, or wrapped onto more lines than one.
      if (first.width === 0 || Math.abs(first.top - last.top) > 1) continue;
      if (first.left > last.left) found.push(text.textContent ?? '');
    }
    return found;
  });
}

// Left out of the words checked: what is data, not words of Confine's (app names are removed
// by name below), and code spans, which hold Flatpak's tokens and commands as they are typed.
const NOT_WORDS = ['code', 'kbd', 'pre'];

/** Words of three or more plain ASCII letters anywhere in the window (text, labels, tooltips,
 *  placeholders), apart from app names, IDs, paths, options and code: English that skipped the
 *  catalog. Under en-XA every word of Confine's own is accented. */
function plainEnglish(page: Page, names: readonly string[]): Promise<string[]> {
  return page.evaluate(
    ({ notWords, names }) => {
      const found: string[] = [];
      const copy = document.body.cloneNode(true) as HTMLElement;
      for (const el of copy.querySelectorAll(notWords.join(','))) el.remove();
      // Each text node on its own: neighbouring elements' texts would run together.
      const texts: string[] = [];
      const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n.nodeValue ?? '');
      for (const el of [copy, ...copy.querySelectorAll('*')])
        for (const attr of ['aria-label', 'aria-description', 'title', 'placeholder'])
          texts.push(el.getAttribute(attr) ?? '');
      for (const text of texts) {
        // What the apps say of themselves first (it may hold IDs), then IDs, file names, options
        // and paths (a token with punctuation inside, or a path), then names, longest first, so a
        // category does not cut an app's name or an ID in two.
        const longestFirst = [...names].sort((a, b) => b.length - a.length);
        let rest = text;
        for (const name of longestFirst) if (/[^\w ]/.test(name)) rest = rest.split(name).join(' ');
        rest = rest.replace(/\S*\w[/=_.:@-]\w\S*/g, ' ').replace(/(^|[\s(“‘"'])[/~.:!-]\S*/g, ' ');
        for (const name of longestFirst) rest = rest.split(name).join(' ');
        const words = rest.match(/[A-Za-z]{3,}/g);
        if (words) found.push(...words);
      }
      return [...new Set(found)];
    },
    { notWords: NOT_WORDS, names },
  );
}

async function check(
  page: Page,
  testInfo: TestInfo,
  name: string,
  { english, themes = ['light', 'dark'] }: { english?: readonly string[]; themes?: readonly ('light' | 'dark')[] },
) {
  for (const scheme of themes) {
    await page.emulateMedia({ colorScheme: scheme });
    const path = testInfo.outputPath(`${name}-${scheme}.png`);
    await page.screenshot({ path });
    await testInfo.attach(`${name}-${scheme}`, { path, contentType: 'image/png' });
  }
  expect(await overflows(page), name).toEqual([]);
  expect(await backwardCode(page), name).toEqual([]);
  if (english) expect(await plainEnglish(page, english), name).toEqual([]);
}

const PRODUCTS = [
  'Confine',
  'Flatpak',
  'SELinux',
  'AppArmor',
  'bubblewrap',
  'securityfs',
  'Firejail',
  'Docker',
  'Podman',
  'gVisor',
  'runsc',
  'Kata Containers',
];

/** The machine's name for its system, and the container engines' own version lines. */
async function machineFacts(): Promise<string[]> {
  const release = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release)?.[1];
  const versions = await Promise.all(
    ['docker', 'podman'].map((tool) =>
      promisify(execFile)(tool, ['--version']).then(
        (r) => r.stdout.trim(),
        () => '',
      ),
    ),
  );
  return [pretty ?? '', ...versions].filter((f) => f !== '');
}

/** What the review file remembers: installation path → app ID → the declarations last seen. */
type Seen = Record<string, Record<string, string[]>>;

async function dialogReady(dialog: Locator) {
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('checkbox').first()).toBeVisible();
}

// German runs longest, so it is looked at in both themes and sizes; the pseudo-locale proves every
// word went through the catalog; right to left, that the layout mirrors.
for (const locale of ['de', 'en-XA', 'ar-XB'] as const) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test('the Overview, an app, the System page and the dialogs fit and are translated', async ({
      confine,
      tempDir,
    }, testInfo) => {
      const { page } = confine;
      // Data, not words: what the apps say of themselves (AppStream), and the container this machine
      // may run in, named as systemd-detect-virt names it (the System indicator says so).
      const data = [
        ...confine.apps.flatMap((a) => [a.name, a.summary, a.developer, ...a.categories]),
        ...['docker', 'podman', 'lxc', 'openvz', 'wsl', 'proot'],
        // The branch of every test bed app, as Flatpak names it.
        'stable',
        // Names of products, which stay as they are in every language.
        ...PRODUCTS,
        // What the System page reports of this machine, as the machine says it.
        ...(await machineFacts()),
      ];
      const english = locale === 'en-XA' ? data : undefined;
      const themes = ['light', 'dark'] as const;
      const app = appOf(confine, 'kitchen-sink');
      // Changes of the user's own: the changed markers, the reset switch and what it removed.
      await confine.flatpak(['override', '--user', '--nosocket=x11', '--filesystem=xdg-music:ro', app.id]);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(locale === 'ar-XB' ? 'rtl' : 'ltr');
      await expect(page.locator('.stats')).toBeVisible();
      await expect(page.locator('.ranking__row').first()).toBeVisible();
      await check(page, testInfo, `${locale}-overview-1100`, { english, themes });
      await page.setViewportSize({ width: 800, height: 600 });
      await check(page, testInfo, `${locale}-overview-800`, { themes: ['light'] });
      // The ranking's own find box, with a name no app has: what it says when nothing matches.
      const find = page.locator('.ranking-find input');
      await find.fill('zzqx');
      await expect(page.locator('.ranking__row')).toHaveCount(0);
      // At the top, so what it says below it is in view too.
      await find.evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await check(page, testInfo, `${locale}-overview-find-800`, {
        english: english && [...english, 'zzqx'],
        themes: ['light'],
      });
      await find.fill('');

      // The harden dialog for the exposed apps.
      await page.locator('.bulk-bar .button').first().click();
      await page.locator('.bulk-bar .button--suggested').click();
      const harden = page.getByRole('dialog');
      await dialogReady(harden);
      await check(page, testInfo, `${locale}-harden-800`, { english, themes });
      await page.keyboard.press('Escape');
      await expect(harden).toHaveCount(0);

      // The import dialog, of an export just made.
      confine.desktop.dialogAnswer = join(await tempDir('confine-i18n-'), 'overrides.json');
      const actions = page.locator('.page-header__actions .button');
      await actions.nth(1).click();
      await expect(page.locator('.toast')).toBeVisible();
      if (english) expect(await plainEnglish(page, english), 'export toast').toEqual([]);
      await page.locator('.toast .icon-button').click();
      await actions.nth(0).click();
      const importing = page.getByRole('dialog');
      await dialogReady(importing);
      await check(page, testInfo, `${locale}-import-800`, { english, themes: ['light'] });
      await page.keyboard.press('Escape');
      await expect(importing).toHaveCount(0);

      // What the portals remember of the busiest app: allowed, denied, a value of the portal's
      // own (asks every time), an entry Confine only forgets, and the ones no app has asked for.
      await Promise.all(
        [
          ['devices', 'camera', app.id, 'yes'],
          ['location', 'location', app.id, 'NONE', '0'],
          ['notifications', 'notification', app.id, 'ask'],
          ['screencast', '0d8c4a52-6b1e-4f4e-9b53-7c1c2f5a9e10', app.id, 'yes'],
        ].map(async (entry) => expect((await confine.flatpak(['permission-set', ...entry])).code).toBe(0)),
      );

      // The busiest app, its findings open, looked at group by group.
      await openApp(page, app.name, page.getByRole('searchbox').first());
      await page.locator('.exposure__toggle').click();
      // Camera, location and notifications to choose for (the screen sharing entry to forget), so
      // the page's words are checked with its portal permissions read.
      await expect(page.locator('[aria-labelledby="group-portals"] .segmented')).toHaveCount(3);
      await check(page, testInfo, `${locale}-app-800`, { english, themes });
      for (const group of ['filesystems', 'environment', 'portals', 'verify']) {
        await page.locator(`#group-${group}`).evaluate((e) => e.scrollIntoView({ block: 'start' }));
        await check(page, testInfo, `${locale}-app-${group}-800`, { themes });
      }

      // The one app whose runtime has a shell, hardened, then verified after applying from the
      // offer its page keeps: one real probe (a second or so) shows the note after Apply, the
      // offer, the dialog and the probed table. The places the probe looks at exist only where
      // the home has them.
      const probed = appOf(confine, 'probe');
      const home = confine.env.HOME ?? '';
      for (const d of ['.ssh', 'Documents', '.config/autostart']) await mkdir(join(home, d), { recursive: true });
      await openApp(page, probed.name, page.getByRole('searchbox').first());
      await page.locator('.exposure .button--suggested').click();
      const hardenOne = page.getByRole('dialog');
      await dialogReady(hardenOne);
      await hardenOne.locator('.dialog__footer .button--suggested').click();
      await expect(hardenOne).toHaveCount(0);
      // The note after Apply, held by the pointer, with its Verify after applying and Undo.
      await page.locator('.toast').hover();
      await expect(page.locator('.toast .button')).toHaveCount(2);
      await check(page, testInfo, `${locale}-hardened-toast-800`, { english, themes });
      await page.locator('.toast .icon-button').click();
      const offer = page.locator('.banner--info').filter({ has: page.locator('.banner__actions .button--suggested') });
      await offer.scrollIntoViewIfNeeded();
      await check(page, testInfo, `${locale}-verify-offer-800`, { english, themes });
      await offer.locator('.button--suggested').click();
      const after = page.getByRole('dialog');
      await expect(after.locator('progress')).toHaveAttribute('value', '1');
      await expect(after.locator('.verify__difference--closed').first()).toBeVisible();
      await check(page, testInfo, `${locale}-verify-after-800`, { english, themes });
      await after.locator('.dialog__footer .button--suggested').click();
      await expect(after).toHaveCount(0);
      // The app's page shows that probe: its summary, differences and table of every place.
      const table = page.locator('.verify__table');
      await table.evaluate((e) => e.scrollIntoView({ block: 'end' }));
      await check(page, testInfo, `${locale}-verify-table-800`, { english, themes });

      await page.locator('.system-indicator').click();
      await expect(page.locator('.system-card, .banner').first()).toBeVisible();
      await check(page, testInfo, `${locale}-system-800`, { english, themes });

      // The screens met less often, in the longest language and the one that proves the catalog.
      if (locale === 'ar-XB') {
        // The narrow window right to left: its Back button points the way back, to the right.
        await page.setViewportSize({ width: 360, height: 640 });
        await expect(page.locator('.back-button')).toBeVisible();
        await check(page, testInfo, `${locale}-narrow-page-360`, { themes });
        return;
      }
      testInfo.setTimeout(testInfo.timeout + 30_000);
      const search = page.getByRole('searchbox').first();
      const heading = page.getByRole('heading', { level: 1 });
      await search.fill(app.name);
      await page
        .getByRole('option', { name: new RegExp(app.name) })
        .first()
        .click();
      await expect(heading).toHaveText(app.name);
      // The toast after a change, then the one after Reset.
      await page.getByRole('switch').first().click();
      const toast = page.locator('.toast__message');
      await expect(toast).toBeVisible();
      const changed = await toast.textContent();
      await page.locator('.toast').hover();
      await check(page, testInfo, `${locale}-toast-change-800`, { english, themes });
      await page.locator('.page-header__actions .button--destructive').click();
      await expect(toast).not.toHaveText(changed ?? '');
      await page.locator('.toast').hover();
      await check(page, testInfo, `${locale}-toast-reset-800`, { english, themes });
      await page.locator('.toast .icon-button').click();

      // What an update added and took away, as if the app had been updated since the window's
      // first look: two of its declarations forgotten and one it no longer makes remembered.
      // The lock switch reads the review again, and its note says what the lock does.
      const reviewPath = join(confine.env.XDG_STATE_HOME ?? '', 'confine', 'review.json');
      const seen = async () =>
        (JSON.parse(await readFile(reviewPath, 'utf8').catch(() => '{}')) as { seen?: Seen }).seen ?? {};
      await expect.poll(async () => Object.values(await seen()).some((apps) => app.id in apps)).toBe(true);
      const state = JSON.parse(await readFile(reviewPath, 'utf8')) as { seen: Seen };
      for (const apps of Object.values(state.seen))
        if (apps[app.id]) apps[app.id] = [...(apps[app.id] ?? []).slice(2), '--talk-name=org.example.Gone'].sort();
      await writeFile(reviewPath, JSON.stringify(state));
      await page.locator('.lock-row').scrollIntoViewIfNeeded();
      await page.locator('.lock-row').getByRole('switch').click();
      await expect(page.locator('.toast__message code')).toHaveText('confine watch');
      const review = page.getByRole('region').filter({ has: page.locator('#group-review') });
      await expect(review).toContainText('--talk-name=org.example.Gone');
      // Light only: each check costs a second or two, and the dark toast and review are looked at
      // in the other toasts' checks and in review.spec.
      await page.locator('.toast').hover();
      await check(page, testInfo, `${locale}-lock-toast-800`, { english, themes: ['light'] });
      await page.locator('.toast .icon-button').click();

      // A path Flatpak refuses, explained under the field.
      const filesystems = page.getByRole('region').filter({ has: page.locator('#group-filesystems') });
      await filesystems.getByRole('combobox').fill('~/a/../../etc');
      await expect(filesystems.getByRole('alert')).toBeVisible();
      await filesystems.getByRole('alert').scrollIntoViewIfNeeded();
      await check(page, testInfo, `${locale}-path-refused-800`, { english, themes });
      await filesystems.getByRole('combobox').fill('');

      // A malformed override of the app's, then a malformed global one on the All applications
      // page; their lines hold no word, so what the banners say is all Confine's.
      const overrides = join(confine.env.FLATPAK_USER_DIR ?? '', 'overrides');
      await mkdir(overrides, { recursive: true });
      await writeFile(join(overrides, app.id), '[Context]\n12 34\n');
      await expect(page.locator('.banner--error')).toHaveCount(1);
      await heading.scrollIntoViewIfNeeded();
      await check(page, testInfo, `${locale}-broken-app-800`, { english, themes });
      await writeFile(join(overrides, 'global'), '[%%\n');
      await search.fill('');
      await page.locator('.app-row--fixed').nth(1).click();
      await expect(heading).not.toHaveText(app.name);
      await expect(page.locator('.banner--error')).toHaveCount(1);
      await check(page, testInfo, `${locale}-all-apps-broken-800`, { english, themes });

      // The Overview's section of what updates changed, with Keep and Deny for each app.
      await page.locator('.app-row--fixed').first().click();
      await expect(review).toContainText('--talk-name=org.example.Gone');
      await review.scrollIntoViewIfNeeded();
      await check(page, testInfo, `${locale}-review-overview-800`, { english, themes: ['light'] });

      // The narrow window: the page alone, then the list alone (the sidebar folded away).
      await page.setViewportSize({ width: 360, height: 640 });
      await expect(page.locator('.app--narrow')).toBeVisible();
      await check(page, testInfo, `${locale}-narrow-page-360`, { english, themes });
      await heading.click();
      await page.keyboard.press('Alt+ArrowLeft');
      await expect(page.getByRole('listbox').first()).toBeVisible();
      await check(page, testInfo, `${locale}-narrow-list-360`, { english, themes });
    });

    // A window of its own (a few seconds): in the pseudo-locales, which prove the catalog and the
    // mirroring; its German words are short.
    if (locale !== 'de')
      test.describe('while the apps are read', () => {
        test.use({ heldChannels: ['catalog:list', 'catalog:marks', 'audit:load'] });

        test('the loading state fits and is translated', async ({ confine }, testInfo) => {
          const { page } = confine;
          // The list and the Overview both say what they are reading.
          await expect(page.getByRole('listbox').first()).toHaveAttribute('aria-busy', 'true');
          await expect(page.getByRole('main').getByRole('status')).toHaveAttribute('aria-busy', 'true');
          await check(page, testInfo, `${locale}-loading`, {
            english: locale === 'en-XA' ? [] : undefined,
            themes: ['light', 'dark'],
          });
        });
      });
  });
}

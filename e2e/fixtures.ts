// The `confine` fixture: the app, open on a private workspace over the real Flatpak test bed.
// In the `chromium` project the built renderer runs in Debian's Chromium and the real handler
// table answers in this process through exposeBinding, standing in for Electron's IPC (the
// only part that differs from the product). In the `electron` project the built app itself runs.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test as base, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { appIcon, IconRegistry, rendererAsset } from '../electron/ipc/assets';
import { dispatch } from '../electron/ipc/dispatch';
import { createHandlers } from '../electron/ipc/handlers';
import { FlatpakCore } from '../electron/services/core';
import { overridesDir } from '../electron/services/overrides';
import { SettingsStore } from '../electron/services/settings';
import { hostFs, type SystemFs } from '../electron/services/system';
import { watchFlatpak } from '../electron/services/watch';
import { readAhead } from '../electron/services/views';
import { startLockWatcher } from '../electron/services/lock-watch';
import { fixtureFs, MAC_FIXTURES } from './testbed/mac-fixtures';
import { startSessionBus } from './testbed/session-bus';
import { e2eTestbedApps, type TestbedApp } from './testbed/apps';
import { makeWorkspace, type Testbed } from './testbed/build';
import { heldBwrap } from './testbed/held-sandbox';
import { removeTree } from './testbed/remove-tree';
import { setLanguage } from '../shared/i18n';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ConfineApp {
  readonly page: Page;
  readonly env: Record<string, string>;
  readonly apps: readonly TestbedApp[];
  readonly systemAppIds: readonly string[];
  /** Runs the real flatpak in the workspace, as a user in a terminal would. */
  flatpak(args: readonly string[]): Promise<CommandResult>;
  /** What the app asked of the desktop, and what the desktop answers. */
  readonly desktop: Desktop;
  /** Lets the answers on the `heldChannels` go. */
  release(): void;
}

/** Answers on these channels wait until `released` settles, so a spec sees what the window shows meanwhile. */
export interface HeldAnswers {
  readonly channels: readonly string[];
  readonly released: Promise<void>;
}

/** A tree of test/fixtures/mac the System page reads as the machine (the harness's own `/` when null). */
export interface SystemFixture {
  readonly name: string;
  readonly variant?: string;
}

export interface Desktop {
  /** Links the app asked the desktop to open. */
  readonly openedLinks: string[];
  /** What the app put on the clipboard. */
  readonly clipboard: string[];
  /** The path the next file chooser answers with (null: the user cancels). */
  dialogAnswer: string | null;
}

function testbed(): Testbed & { count: number } {
  const raw = process.env.CONFINE_E2E_TESTBED;
  if (!raw) throw new Error('the e2e global setup did not run');
  const t = JSON.parse(raw) as {
    dir: string;
    apps: number;
    systemAppIds: string[];
    userDir: string;
    systemDir: string;
    arch: string;
  };
  return {
    dir: t.dir,
    env: {},
    apps: e2eTestbedApps(t.apps),
    systemAppIds: t.systemAppIds,
    arch: t.arch,
    userDir: t.userDir,
    systemDir: t.systemDir,
    count: t.apps,
  };
}

function runFlatpak(env: Record<string, string>, args: readonly string[]): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile('flatpak', [...args], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Where an Electron binary would be; Playwright's Electron support needs one. */
export function electronBinary(): string | undefined {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  return existsSync(pathFile) ? pathFile : undefined;
}

// Stands in for the preload: the same `window.confine` bridge, over Playwright's binding. The
// answers travel as JSON text (the contract holds nothing else): Playwright's own encoding of a
// megabyte of nested objects took the page a second to decode, where Electron's structured
// clone takes milliseconds, and the window would be measured on the harness's cost.
const BRIDGE = `(() => {
  const listeners = new Map();
  const invoke = window.__confineInvoke;
  window.__confineEmit = (event, payload) => { for (const l of listeners.get(event) ?? []) l(payload); };
  Object.defineProperty(window, 'confine', {
    value: Object.freeze({
      invoke: async (channel, request) => JSON.parse(await invoke(channel, request)),
      subscribe: (event, listener) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    }),
  });
})();`;

export async function openInChromium(
  browser: Browser,
  env: Record<string, string>,
  desktop: Desktop,
  viewport: { width: number; height: number } | null | undefined,
  systemFs: () => Promise<SystemFs>,
  {
    locale,
    held,
    planted,
  }: {
    locale?: string;
    held?: HeldAnswers;
    /** A script run in the page before its own, on every load (the window bench's probes). */
    planted?: string;
  } = {},
): Promise<{ page: Page; close: () => Promise<void> }> {
  // As main does: its own words in the language the page is given.
  await setLanguage(locale ? [locale] : []);
  const corePromise = FlatpakCore.create({ env, saveLater: true });
  const icons = new IconRegistry();
  const settings = new SettingsStore(join(env.XDG_CONFIG_HOME ?? '', 'Confine', 'settings.json'));
  await settings.load();
  const handlers = createHandlers({
    core: () => corePromise,
    icons,
    settings,
    openExternal: (url) => {
      desktop.openedLinks.push(url);
      return Promise.resolve();
    },
    writeClipboard: (text) => desktop.clipboard.push(text),
    dialogs: {
      saveFile: () => Promise.resolve(desktop.dialogAnswer),
      openFile: () => Promise.resolve(desktop.dialogAnswer),
      chooseFolder: () => Promise.resolve(desktop.dialogAnswer),
    },
    systemFs,
    home: env.HOME ?? '',
    ...(env.XDG_CONFIG_HOME ? { configHome: env.XDG_CONFIG_HOME } : {}),
  });
  const rendererDir = join(ROOT, 'out/renderer');
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const icon = /^\/icons\/([^/]+)$/.exec(url.pathname);
    const asset = icon ? appIcon(icons, decodeURIComponent(icon[1] ?? '')) : rendererAsset(rendererDir, url.pathname);
    res.writeHead(asset.status, asset.headers);
    res.end(asset.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const context = await browser.newContext({ ...(viewport ? { viewport } : {}), ...(locale ? { locale } : {}) });
  // The answers being worked out, finished before the core is closed: a page closed right after
  // its first page showed left its later reads (every app's declared permissions, at a thousand
  // apps) running on a removed workspace and into the next window's start (the window bench).
  const underWay = new Set<Promise<unknown>>();
  await context.exposeBinding('__confineInvoke', (source, channel: unknown, payload: unknown) => {
    // As main does: only the top frame of the app's own page may call.
    if (source.frame !== source.page.mainFrame() || !source.frame.url().startsWith(`http://127.0.0.1:${port}/`)) {
      return JSON.stringify({
        ok: false,
        error: { code: 'invalid-input', message: 'Refused: not the app\u2019s own window' },
      });
    }
    const answer = dispatch(handlers, channel, payload).then((r) => JSON.stringify(r));
    underWay.add(answer);
    void answer.finally(() => underWay.delete(answer));
    return typeof channel === 'string' && held?.channels.includes(channel)
      ? Promise.all([answer, held.released]).then(([a]) => a)
      : answer;
  });
  await context.addInitScript(BRIDGE);
  if (planted !== undefined) await context.addInitScript(planted);
  const page = await context.newPage();
  const core = await corePromise;
  const { paths } = core;
  // As main does once its watcher runs (below): reads are shared, a noticed change ends that.
  core.shareReads();
  const { installations } = await core.installations();
  const watcher = watchFlatpak(
    {
      overrideDirs: [overridesDir(paths, 'user'), overridesDir(paths, 'system')],
      installationDirs: installations.map((i) => i.path),
    },
    (changed) => {
      core.noteOutsideChange();
      page
        .evaluate(
          (c) =>
            (window as unknown as { __confineEmit: (e: string, p: unknown) => void }).__confineEmit(
              'flatpak:changed',
              c,
            ),
          changed,
        )
        .catch(() => undefined);
    },
  );
  const portalWatch = await (await corePromise).watchPortals(() => watcher.note({ portals: true }));
  // As main does (start-window.ts): the list is read and audited while the page loads.
  underWay.add(readAhead(core).catch(() => undefined));
  // As main does: the lock watcher of `confine watch`, telling the page what it denied.
  const locks = await startLockWatcher(core, {
    log: () => undefined,
    onDenied: (d) =>
      void page
        .evaluate(
          (p) =>
            (window as unknown as { __confineEmit: (e: string, p: unknown) => void }).__confineEmit('review:denied', p),
          { appId: d.app, items: [...d.items] },
        )
        .catch(() => undefined),
  });
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  return {
    page,
    close: async () => {
      await context.close();
      // Bounded: a probe in a held sandbox (held-sandbox.ts) answers only once let go.
      await Promise.race([Promise.allSettled(underWay), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      portalWatch.dispose();
      locks.dispose();
      await locks.settled();
      watcher.dispose();
      await (await corePromise).close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function openInElectron(env: Record<string, string>): Promise<{ page: Page; close: () => Promise<void> }> {
  const app: ElectronApplication = await _electron.launch({
    args: [join(ROOT, 'out/main/index.js')],
    env: { ...env, DISPLAY: process.env.DISPLAY ?? ':99' },
  });
  const page = await app.firstWindow();
  return { page, close: () => app.close() };
}

export const test = base.extend<
  {
    confine: ConfineApp;
    systemFixture: SystemFixture | null;
    sessionBus: boolean;
    heldChannels: readonly string[];
    heldSandbox: boolean;
    /** Makes a folder of the test's own in the temporary directory, removed when the test ends. */
    tempDir: (prefix: string) => Promise<string>;
  },
  { chromium: Browser | undefined }
>({
  systemFixture: [null, { option: true }],
  /** A private session bus with the real permission store; false shows the app without one. */
  sessionBus: [true, { option: true }],
  /** IPC channels whose answers wait for `confine.release()` (the window's loading states). */
  heldChannels: [[], { option: true }],
  /** Every probe's shell waits in its sandbox (testbed/held-sandbox.ts), for the tests of Stop. */
  heldSandbox: [false, { option: true }],
  // Launched only for the chromium project, so the electron project needs no browser.
  chromium: [
    async ({ playwright }, use, workerInfo) => {
      if (workerInfo.project.name !== 'chromium') {
        await use(undefined);
        return;
      }
      const browser = await playwright.chromium.launch(workerInfo.project.use.launchOptions);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  confine: async (
    { chromium, systemFixture, sessionBus, heldChannels, heldSandbox, viewport, locale },
    use,
    testInfo,
  ) => {
    if (testInfo.project.name === 'electron') {
      test.skip(
        systemFixture !== null,
        "A fixture tree stands in for / only through the harness\u2019s HandlerDeps.systemFs (openInChromium below); the Electron app is launched as built, and electron/main/start-window.ts reads hostFs('/').",
      );
      test.skip(
        heldChannels.length > 0,
        'Answers are held back only by the harness\u2019s own transport (openInChromium below); the Electron app answers through its own IPC.',
      );
      test.skip(
        !electronBinary(),
        'No Electron binary: neither ELECTRON_OVERRIDE_DIST_PATH nor node_modules/electron/path.txt exists (the npm package ships none and CI sets ELECTRON_SKIP_BINARY_DOWNLOAD=1); these specs run in the chromium project, and here wherever Electron is installed.',
      );
    }
    const bed = testbed();
    const workspace = await mkdtemp(join(tmpdir(), 'confine-e2e-'));
    // Removed however the test ends, once the window and the bus that use it have stopped.
    let bus: Awaited<ReturnType<typeof startSessionBus>> | null = null;
    let opened: { page: Page; close: () => Promise<void> } | undefined;
    try {
      const workspaceEnv = await makeWorkspace(bed, workspace);
      bus = sessionBus ? await startSessionBus(workspaceEnv) : null;
      const env = { ...(bus?.env ?? workspaceEnv), ...(heldSandbox ? await heldBwrap(workspace) : {}) };
      const desktop: Desktop = { openedLinks: [], clipboard: [], dialogAnswer: null };
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      opened = chromium
        ? // `viewport` is the project's unless a spec asks for its own with test.use.
          await openInChromium(
            chromium,
            env,
            desktop,
            viewport,
            () =>
              systemFixture
                ? fixtureFs(join(MAC_FIXTURES, systemFixture.name), systemFixture.variant)
                : Promise.resolve(hostFs('/')),
            { ...(locale ? { locale } : {}), held: { channels: heldChannels, released } },
          )
        : await openInElectron(env);
      const problems: string[] = [];
      const page = opened.page;
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });
      await use({
        page,
        env,
        apps: bed.apps,
        systemAppIds: bed.systemAppIds,
        flatpak: (args) => runFlatpak(env, args),
        desktop,
        release,
      });
      // Nothing waits on a held answer once the spec is over.
      release();
      await opened.close();
      opened = undefined;
      await bus?.stop();
      bus = null;
      // A Content-Security-Policy violation or a script error fails the test.
      expect(
        problems.filter((p) => !p.includes('Failed to load resource: the server responded with a status of 404')),
      ).toEqual([]);
    } finally {
      // After a failure on the way: what is still open goes first, then the folder.
      await opened?.close().catch(() => undefined);
      await bus?.stop().catch(() => undefined);
      await removeTree(workspace);
    }
  },
  // Playwright reads what a fixture needs from this pattern; an empty one: nothing.
  // eslint-disable-next-line no-empty-pattern
  tempDir: async ({}, use) => {
    const made: string[] = [];
    await use(async (prefix) => {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    });
    await Promise.all(made.map(removeTree));
  },
});

export { expect };

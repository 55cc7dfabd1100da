// Two projects run the same specs: `chromium` loads the built renderer in Debian's Chromium,
// with the real IPC handler table running in the test process behind exposeBinding in place of
// Electron's transport; `electron` launches the built app wherever an Electron binary exists.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './specs',
  outputDir: '../test-results/e2e',
  globalSetup: './global-setup.ts',
  fullyParallel: true,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['html', { outputFolder: '../playwright-report', open: 'never' }]],
  // A failed test runs once more, with a trace: recording one for every test (and keeping it
  // only on failure) cost a third of the specs' CPU time, for passing tests that keep none. A
  // test that fails and then passes is flaky, and fails the run as a failure would.
  retries: 1,
  failOnFlakyTests: true,
  use: { trace: 'on-first-retry', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'chromium',
      use: {
        viewport: { width: 1100, height: 760 },
        launchOptions: {
          // Debian's build of Chromium's headless shell, the lighter headless mode Playwright itself
          // runs by default: a fifth less CPU than the full browser over the whole suite.
          executablePath: process.env.CONFINE_CHROMIUM ?? '/usr/lib/chromium/chromium-headless-shell',
          // Chromium's background services would only knock on the closed network here.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    { name: 'electron', use: {} },
  ],
});

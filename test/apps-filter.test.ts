// `confine list --can`: the apps that can do something, against the test bed's apps, whose
// answers follow from the finish-args each was built with, and from a user override written
// by the real `flatpak override`.

import { describe, expect, it } from 'vitest';
import type { TestbedApp } from '../e2e/testbed/apps';
import { confine, flatpak, testbed, workspace } from './helpers/testbed';

/** The IDs `confine list` prints (its first column), sorted. */
async function listed(env: Record<string, string>, args: readonly string[]): Promise<string[]> {
  const r = await confine(env, ['list', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t')[0] ?? '')
    .sort();
}

const ids = (apps: readonly TestbedApp[]) => apps.map((a) => a.id).sort();
const grants = (app: TestbedApp, arg: string) => app.finishArgs.includes(arg);
// The one app written by hand carries `shared=network` in its metadata.
const hasNetwork = (app: TestbedApp) => grants(app, '--share=network') || app.profile === 'handwritten';

describe('confine list --can', () => {
  it('lists the apps that have the network, all devices, or both', async () => {
    const env = await workspace();
    const apps = testbed().apps;
    const network = apps.filter(hasNetwork);
    const devices = apps.filter((a) => grants(a, '--device=all'));
    // The bed has apps on both sides of each question, or the test would prove little.
    expect(network.length).toBeGreaterThan(2);
    expect(network.length).toBeLessThan(apps.length);
    expect(devices.length).toBeGreaterThan(0);
    expect(await listed(env, ['--can', 'network'])).toEqual(ids(network));
    expect(await listed(env, ['--can=devices-all'])).toEqual(ids(devices));
    expect(await listed(env, ['--can', 'network,devices-all'])).toEqual(
      ids(network.filter((a) => grants(a, '--device=all'))),
    );
    // `--nodevice=all` in an app's own finish-args gives it nothing.
    const negations = apps.find((a) => a.profile === 'negations');
    expect(await listed(env, ['--can=devices-all'])).not.toContain(negations?.id);
  });

  it('finds the unfiltered session bus, which the audit counts as a way out', async () => {
    const env = await workspace();
    const apps = testbed().apps;
    const bus = apps.filter((a) => grants(a, '--socket=session-bus'));
    expect(bus.map((a) => a.profile)).toEqual(expect.arrayContaining(['everything-else', 'sandbox-escape']));
    expect(await listed(env, ['--can', 'session-bus'])).toEqual(ids(bus));
    const escapes = await listed(env, ['--can', 'escape']);
    for (const app of bus) expect(escapes).toContain(app.id);
    expect(escapes).not.toContain(apps.find((a) => a.profile === 'none')?.id);
  });

  it('follows the user’s override: an app whose network was taken away drops out', async () => {
    const env = await workspace();
    const app = testbed().apps.find((a) => a.profile === 'network-only');
    if (!app) throw new Error('the test bed has no network-only app');
    expect(await listed(env, ['--can=network'])).toContain(app.id);
    expect((await flatpak(env, ['override', '--user', '--unshare=network', app.id])).code).toBe(0);
    expect(await listed(env, ['--can=network'])).not.toContain(app.id);
  });

  it('gives each app’s capabilities in JSON, with its permissions', async () => {
    const env = await workspace();
    const r = await confine(env, ['list', '--can', 'home', '--json']);
    expect(r.code).toBe(0);
    const rows = (JSON.parse(r.stdout) as { apps: { id: string; capabilities: string[]; permissions: unknown }[] })
      .apps;
    const photo = testbed().apps.find((a) => a.profile === 'photo-tool');
    const row = rows.find((a) => a.id === photo?.id);
    // --share=ipc --socket=x11 --filesystem=home --device=dri: a home it can write is a way out
    // (through the start-up files there).
    expect(row?.capabilities).toEqual(['home', 'display-x11', 'escape']);
    expect(row?.permissions).not.toBeNull();
    for (const a of rows) expect(a.capabilities).toContain('home');
    expect(rows.map((a) => a.id)).not.toContain(testbed().apps.find((a) => a.profile === 'none')?.id);
  });

  it('refuses a capability it does not know, naming the ones it does', async () => {
    const env = await workspace();
    const r = await confine(env, ['list', '--can', 'network,webcam']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: Unknown capability webcam; the capabilities are network, camera, /);
  });
});

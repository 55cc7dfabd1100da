// The review state travels with an export (issue 17): what was seen, by installation ID, and the
// locks; an export made before it still imports. `harden --lock` locks the apps it changes.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confine, testbed, workspace } from './helpers/testbed';

const bed = testbed();
const idOf = (profile: string) => bed.apps.find((a) => a.profile === profile)?.id ?? '';
const stateOf = async (env: Record<string, string>) =>
  JSON.parse(await readFile(join(env.XDG_STATE_HOME ?? '', 'confine', 'review.json'), 'utf8')) as {
    seen: Record<string, Record<string, string[]>>;
    locks: { all: boolean; apps: string[] };
  };

describe('the review state in an export', () => {
  it('goes out with installation IDs and comes back into another home, locks and all', async () => {
    const [from, to] = await Promise.all([workspace(), workspace()]);
    const net = idOf('network-only');
    expect((await confine(from, ['lock', net])).code).toBe(0);
    const exported = await confine(from, ['export']);
    expect(exported.code).toBe(0);
    const file = JSON.parse(exported.stdout) as { review?: { seen: Record<string, Record<string, string[]>> } };
    // The app as its metadata declares it (build-finish --share=network), under each
    // installation that has it: the user's, and the system one (`default`) for the bed's first apps.
    const declared = { [net]: ['--share=network'] };
    const inSystem = bed.systemAppIds.includes(net);
    expect(file.review).toEqual({
      seen: { user: declared, ...(inSystem ? { default: declared } : {}) },
      locks: { all: false, apps: [net] },
    });

    const path = join(to.HOME ?? '', 'export.json');
    await writeFile(path, exported.stdout);
    const r = await confine(to, ['import', path]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`merged\treview state (${inSystem ? '2 apps' : '1 app'} seen, 1 lock)`);
    const state = await stateOf(to);
    expect(state.locks).toEqual({ all: false, apps: [net] });
    expect(state.seen[to.FLATPAK_USER_DIR ?? '']).toEqual(declared);
    if (inSystem) expect(state.seen[to.FLATPAK_SYSTEM_DIR ?? '']).toEqual(declared);
  });

  it('is simply absent from an older export, which still imports', async () => {
    const env = await workspace();
    const path = join(env.HOME ?? '', 'old.json');
    const old = {
      format: 'confine-overrides',
      version: 2,
      confine: '0.1.0',
      flatpak: '1.14.10',
      created: '2026-01-01T00:00:00.000Z',
      overrides: [],
    };
    await writeFile(path, JSON.stringify(old));
    // Nothing seen or locked here yet, so nothing of it in an export either.
    expect(JSON.parse((await confine(env, ['export'])).stdout)).not.toHaveProperty('review');
    const r = await confine(env, ['import', path]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});

describe('harden --lock', () => {
  it('locks the apps whose changes it applied, and no others', async () => {
    const env = await workspace();
    const net = idOf('network-only');
    const none = idOf('none');
    const r = await confine(env, ['harden', net, none, '--preset=offline', '--lock']);
    expect(r.code).toBe(0);
    // Offline takes the network: the app that has it is changed, the one without is not.
    expect(r.stdout).toContain(`Locked: ${net}\n`);
    expect((await stateOf(env)).locks).toEqual({ all: false, apps: [net] });
  });

  it('says in its JSON which apps it locked', async () => {
    const env = await workspace();
    const net = idOf('network-only');
    const none = idOf('none');
    const r = await confine(env, ['harden', net, none, '--preset=offline', '--lock', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { locked?: string[] };
    // The same app the state file names: only the one Offline changed.
    expect(out.locked).toEqual([net]);
    expect((await stateOf(env)).locks.apps).toEqual(out.locked);
    // Without --lock the field is absent, so a reader can tell "locked nothing" from "not asked".
    const plain = await confine(await workspace(), ['harden', net, '--preset=offline', '--json']);
    expect(JSON.parse(plain.stdout)).not.toHaveProperty('locked');
  });
});

// A 100 000-entry override, edited through `confine override` on the real test bed: the edit
// must change just the lines it is about, keep every other byte, and mean to the real Flatpak
// what it means to Confine. `confine show` and `confine audit` must read such a file too.
// Nothing here measures time: bench/override-bench.ts does that.

import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { confine, showReading, testbed, workspace } from './helpers/testbed';

const app = testbed().apps[0]?.id ?? '';
const PATHS = 50_000;
const VARIABLES = 25_000;
const NAMES = 25_000;

/** Paths, variables and bus names, with a comment, a repeated name and an unknown policy. */
function largeOverride(): string {
  const paths = Array.from({ length: PATHS }, (_, i) => (i % 7 === 0 ? `~/d${i}:ro;` : `/d${i};`)).join('');
  const variables = Array.from({ length: VARIABLES }, (_, i) => `VAR${i}=value ${i}`).join('\n');
  const names = Array.from(
    { length: NAMES },
    (_, i) => `org.example.N${i}=${['talk', 'see', 'own'][i % 3] ?? 'talk'}`,
  ).join('\n');
  return `# made by hand\n[Context]\nshared=network;\nfilesystems=${paths}\n\n[Environment]\n${variables}\n\n[Session Bus Policy]\n${names}\norg.example.N1=own\norg.example.Odd=sometimes\n`;
}

describe('a 100 000-entry override', () => {
  it('is edited by changing only the lines the edit is about, and Flatpak reads it as Confine does', async () => {
    const env = await workspace();
    const file = join(env.FLATPAK_USER_DIR ?? '', 'overrides', app);
    const before = largeOverride();
    await writeFile(file, before);

    const r = await confine(env, [
      'override',
      app,
      '--filesystem=/x',
      '--env=NEWVAR=1',
      '--no-talk-name=org.example.N5',
    ]);
    expect(r).toMatchObject({ code: 0, stderr: '' });

    const after = await readFile(file, 'utf8');
    const old = before.split('\n');
    const fsLine = old.findIndex((l) => l.startsWith('filesystems='));
    const lastVariable = old.indexOf(`VAR${VARIABLES - 1}=value ${VARIABLES - 1}`);
    const expected = [...old];
    expected[fsLine] = `${old[fsLine] ?? ''}/x;`;
    // The new variable goes after the last one of its group, before the blank line that ends it.
    expected.splice(lastVariable + 1, 0, 'NEWVAR=1');
    // An explicit revoke is kept, written as `flatpak override --no-talk-name` writes it, so an
    // update of the app that asks for the name does not get it (issue 17).
    expected[expected.indexOf('org.example.N5=own')] = 'org.example.N5=none';
    // Compared as one string: a failing comparison of 100 000 lines would print them all.
    expect(after === expected.join('\n')).toBe(true);

    // Flatpak prints all 100 000 entries: more than execFile takes by default.
    const theirs = await promisify(execFile)('flatpak', ['info', '--user', '--show-permissions', app], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    const ours = await confine(env, ['show', app]);
    expect(ours.code).toBe(0);
    expect(showReading(ours.stdout)).toEqual(showReading(theirs.stdout));

    // What Flatpak reads is what the edit asked for.
    const reading = showReading(theirs.stdout) as Record<string, Record<string, unknown>>;
    const filesystems = reading.Context?.filesystems as string[];
    expect(filesystems).toContain('/x');
    expect(filesystems).toContain('~/d7:ro');
    expect(filesystems).toContain(`/d${PATHS - 1}`);
    expect(reading.Environment?.NEWVAR).toBe('1');
    expect(Object.keys(reading.Environment ?? {}).filter((k) => k.startsWith('VAR'))).toHaveLength(VARIABLES);
    const policies = reading['Session Bus Policy'] ?? {};
    // A name denied has no line in Flatpak's report, as one never granted.
    expect(policies['org.example.N5']).toBeUndefined();
    expect(policies['org.example.N1']).toBe('own');
    expect(Object.keys(policies).filter((k) => k.startsWith('org.example.N'))).toHaveLength(NAMES - 1);
  });

  it('is audited like any other', async () => {
    const env = await workspace();
    await writeFile(join(env.FLATPAK_USER_DIR ?? '', 'overrides', app), largeOverride());
    const r = await confine(env, ['audit', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { apps: { id: string; error?: string }[] };
    const audited = report.apps.find((a) => a.id === app);
    expect(audited).toBeDefined();
    expect(audited?.error).toBeUndefined();
  });
});

// Writing and reading large layers: the shortcuts that keep an edit linear in the size of the
// file must give exactly what the plain way gives, and an edit must go through the file once.

import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { layer, loadableKeyfileText, VERSION } from '../../test/arbitraries/context';
import { KeyFile } from '../keyfile/keyfile';
import { unescapedText } from '../keyfile/escape';
import { applyEffectiveChanges } from './edit';
import { checkBusName } from './grammar';
import { emptyContext, loadContext, parsePolicy, sameContext, type BusPolicy, type Context } from './context';
import { writeContext } from './write';

function parse(text: string): KeyFile {
  const r = KeyFile.parse(text);
  if (!r.ok) throw new Error(`unexpected parse error: ${r.error.message}`);
  return r.file;
}

function load(doc: KeyFile): Context {
  const r = loadContext(doc, VERSION);
  if (!r.ok) throw new Error(r.message);
  return r.context;
}

const token = fc
  .tuple(
    fc.constantFrom('', '!'),
    fc.constantFrom(
      'home',
      'host',
      '/mnt',
      '~/Games',
      'xdg-music',
      'xdg-run/pipewire-0',
      '/a',
      '/a/',
      'bogus',
      'host:reset',
      // A colon in a path, escaped for Flatpak; the key file escapes that backslash in turn.
      '/x\\\\:y',
    ),
    fc.constantFrom('', ':ro', ':create', ':bad'),
  )
  .map(([neg, path, suffix]) => neg + path + (path.includes(':') ? '' : suffix));
const BUS_NAMES = ['org.freedesktop.secrets', 'org.example.Foo', 'org.e.*', 'org.x.Y'];
const busLineOf = (names: readonly string[]) =>
  fc
    .tuple(fc.constantFrom(...names), fc.constantFrom('talk', 'own', 'see', 'none', 'bogus', '\\stalk'))
    .map(([n, p]) => `${n}=${p}`);
const envLine = fc
  .tuple(fc.constantFrom('FOO', 'BAR', 'C'), fc.constantFrom('1', 'a b', '', 'x\\\\y'))
  .map(([n, v]) => `${n}=${v}`);

/** Override files with the parts the shortcuts are about: lists of paths, repeated bus names
 *  with policies Flatpak may not know, variables also named in unset-environment. Every one
 *  loads unless a bus name is not one (`bad` among `names`), which Flatpak refuses. */
const overrideFile = (names: readonly string[]) =>
  fc
    .tuple(
      fc.array(token, { maxLength: 6 }),
      fc.array(busLineOf(names), { maxLength: 6 }),
      fc.array(envLine, { maxLength: 4 }),
      fc.constantFrom('', 'unset-environment=FOO;\n', 'unset-environment=Z;\n'),
      fc.array(busLineOf(names), { maxLength: 3 }),
    )
    .map(
      ([fs, bus, env, unset, more]) =>
        `[Context]\nfilesystems=${fs.map((t) => `${t};`).join('')}\n${unset}\n[Session Bus Policy]\n${bus.join('\n')}\n\n[Environment]\n${env.join('\n')}\n[Session Bus Policy]\n${more.join('\n')}\n`,
    );
const overrideText = overrideFile([...BUS_NAMES, 'bad']);
const loadableOverrideText = overrideFile(BUS_NAMES);

describe('writing a layer into a large file', () => {
  it('gives the same file when told what the file already reads as', () => {
    fc.assert(
      fc.property(
        fc.oneof(loadableOverrideText, loadableKeyfileText()),
        layer({ reset: true }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.constantFrom('override' as const, 'flatten' as const),
        (text, other, keep, mode) => {
          const file = parse(text);
          const cur = load(file);
          // Parts kept are the very maps of what the file reads as; the others come from elsewhere.
          const ctx: Context = {
            flags: keep[0] ? cur.flags : other.flags,
            filesystems: keep[1] ? cur.filesystems : other.filesystems,
            persistent: cur.persistent,
            env: keep[2] ? cur.env : other.env,
            bus: {
              session: keep[3] ? cur.bus.session : other.bus.session,
              system: keep[4] ? cur.bus.system : other.bus.system,
            },
            policies: cur.policies,
          };
          expect(writeContext(file, ctx, mode, VERSION, cur).toString()).toBe(
            writeContext(file, ctx, mode, VERSION).toString(),
          );
          // A new path into the list the file has: the list is not parsed again, and must not need to be.
          const grown: Context = { ...cur, filesystems: new Map([...cur.filesystems, ['/new', 'ro']]) };
          expect(writeContext(file, grown, mode, VERSION, cur).toString()).toBe(
            writeContext(file, grown, mode, VERSION).toString(),
          );
        },
      ),
      // Every run reaches the checks now: as many as half of the 3000 unfiltered runs did.
      { numRuns: 1500 },
    );
  });

  it('reads bus policies line by line exactly as by key, repeats and unknown policies included', () => {
    // GLib's reading: each name once, where it first stands, with the policy of its last line.
    const byKey = (doc: KeyFile, group: string): Map<string, BusPolicy> | string => {
      const out = new Map<string, BusPolicy>();
      for (const name of doc.keys(group)) {
        if (checkBusName(name)) return `Invalid dbus name ${name}`;
        const policy = parsePolicy(unescapedText(doc.getRaw(group, name) ?? ''));
        if (policy) out.set(name, policy);
      }
      return out;
    };
    fc.assert(
      fc.property(overrideText, (text) => {
        const doc = parse(text);
        const expected = byKey(doc, 'Session Bus Policy');
        // Nothing else in these files is refused, so any refusal must be the bus name's.
        const got = loadContext(doc, VERSION);
        if (typeof expected === 'string') expect(got).toEqual({ ok: false, message: expected });
        else expect(got.ok && [...got.context.bus.session]).toEqual([...expected]);
      }),
      { numRuns: 3000 },
    );
  });

  it('edits a 100 000-entry override in one pass and rewrites only the line that changes', () => {
    const n = 100_000;
    const paths = Array.from({ length: n / 2 }, (_, i) => `/d${i};`).join('');
    const env = Array.from({ length: n / 4 }, (_, i) => `VAR${i}=value ${i}`).join('\n');
    const bus = Array.from({ length: n / 4 }, (_, i) => `org.example.N${i}=talk`).join('\n');
    const doc = parse(`[Context]\nfilesystems=${paths}\n\n[Environment]\n${env}\n\n[Session Bus Policy]\n${bus}\n`);
    const current = load(doc);
    const wanted = applyEffectiveChanges(emptyContext(), current, [{ kind: 'filesystems', path: '/x', value: 'rw' }]);

    const edit = vi.spyOn(KeyFile.prototype, 'edit');
    const after = writeContext(doc, wanted, 'override', VERSION, current);
    expect(edit).toHaveBeenCalledTimes(1);
    edit.mockRestore();

    // Every line but the list of paths is the very line of the old file, not a copy of it.
    const changed = after.lines.filter((l, i) => l !== doc.lines[i]);
    expect(after.lines).toHaveLength(doc.lines.length);
    expect(changed.map((l) => l.text)).toEqual([`filesystems=${paths}/x;`]);
    expect(sameContext(load(after), wanted)).toBe(true);
  });

  it('writes thousands of changed variables and bus names with one pass over the file', () => {
    const n = 20_000;
    const env = Array.from({ length: n }, (_, i) => `VAR${i}=value ${i}`).join('\n');
    const bus = Array.from({ length: n }, (_, i) => `org.example.N${i}=talk`).join('\n');
    const doc = parse(`[Environment]\n${env}\n\n[Session Bus Policy]\n${bus}\n`);
    const current = load(doc);
    const changes = [
      ...Array.from({ length: n / 2 }, (_, i) => ({
        kind: 'environment' as const,
        name: `VAR${2 * i}`,
        value: 'changed',
      })),
      ...Array.from({ length: n / 2 }, (_, i) => ({
        kind: 'bus' as const,
        bus: 'session' as const,
        name: `org.example.N${2 * i}`,
        value: undefined,
      })),
    ];
    const wanted = applyEffectiveChanges(emptyContext(), current, changes);
    const edit = vi.spyOn(KeyFile.prototype, 'edit');
    const after = writeContext(doc, wanted, 'override', VERSION, current);
    expect(edit).toHaveBeenCalledTimes(1);
    edit.mockRestore();
    const old = new Set(doc.lines);
    expect(after.lines.filter((l) => !old.has(l))).toHaveLength(n / 2);
    expect(after.lines).toHaveLength(doc.lines.length - n / 2);
    expect(sameContext(load(after), wanted)).toBe(true);
  });
});

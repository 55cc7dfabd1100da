// A batch edit keeps its own index of lines, sections and keys up to date as it goes. These
// tests hold that bookkeeping to the plain meaning of the edits: many edits in one draft must
// give, byte for byte and read for read, what the same edits give one at a time, where every
// edit starts from a file indexed afresh. And an edit must not copy the lines it leaves alone.

import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { keyfileText } from '../../test/arbitraries/keyfile';
import { KeyFile } from './keyfile';

type Op =
  | { readonly op: 'set'; readonly group: string; readonly key: string; readonly raw: string }
  | { readonly op: 'remove'; readonly group: string; readonly key: string }
  | { readonly op: 'drop'; readonly group: string };

// Names the generated files use, and some they do not, so edits hit existing and new groups and keys.
const GROUPS = ['Context', 'Environment', 'Session Bus Policy', 'G', 'a b', 'New', 'Other'];
const KEYS = ['shared', 'sockets', 'filesystems', 'FOO', 'Name', 'a b', 'x-y_z.0', 'org.foo.Bar', 'k1', 'k2'];

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      group: fc.constantFrom(...GROUPS),
      key: fc.constantFrom(...KEYS),
      raw: fc.constantFrom('1', '2', 'x;y;', ''),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('remove' as const),
      group: fc.constantFrom(...GROUPS),
      key: fc.constantFrom(...KEYS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('drop' as const), group: fc.constantFrom(...GROUPS) }) },
);

interface Readable {
  groupNames(): string[];
  keys(group: string): string[];
  getRaw(group: string, key: string): string | undefined;
  isGroupEmpty(group: string): boolean;
}

/** Everything a reader can ask, in one comparable value. */
const reads = (f: Readable) => ({
  groups: f.groupNames(),
  each: GROUPS.map((g) => ({
    keys: f.keys(g),
    empty: f.isGroupEmpty(g),
    values: KEYS.map((k) => f.getRaw(g, k) ?? null),
  })),
});

function one(file: KeyFile, o: Op): KeyFile {
  if (o.op === 'set') return file.withRaw(o.group, o.key, o.raw);
  if (o.op === 'remove') return file.withoutKey(o.group, o.key);
  return file.withoutGroup(o.group);
}

function parse(text: string): KeyFile {
  const r = KeyFile.parse(text);
  if (!r.ok) throw new Error(`unexpected parse error: ${r.error.message}`);
  return r.file;
}

describe('KeyFile batch edits', () => {
  it('many edits in one draft mean what they mean one at a time, after every step', () => {
    fc.assert(
      fc.property(keyfileText({ validOnly: true }), fc.array(opArb, { maxLength: 60 }), (text, ops) => {
        const start = KeyFile.parse(text);
        if (!start.ok) return;
        let stepwise = start.file;
        const batched = start.file.edit((d) => {
          for (const o of ops) {
            stepwise = one(stepwise, o);
            if (o.op === 'set') d.setRaw(o.group, o.key, o.raw);
            else if (o.op === 'remove') d.removeKey(o.group, o.key);
            else d.removeGroup(o.group);
            // The draft's reads see its own edits exactly as a file indexed afresh would.
            expect(reads(d)).toEqual(reads(stepwise));
          }
        });
        expect(batched.toString()).toBe(stepwise.toString());
        expect(batched.finalNewline).toBe(stepwise.finalNewline);
        expect(reads(batched)).toEqual(reads(stepwise));
        // And the text it writes reads back as the same file. Only where every line ends with a
        // newline: removing the last line of a file without one can leave a \r at the very end,
        // which then is no line break but part of the line (the one-at-a-time edits always did that).
        if (batched.finalNewline) expect(reads(parse(batched.toString()))).toEqual(reads(batched));
      }),
      { numRuns: 2000 },
    );
  });

  it('grows past the room it starts with', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}`);
    const batched = KeyFile.empty().edit((d) => {
      for (const k of keys) d.setRaw(`G${k.length}`, k, k);
    });
    let stepwise = KeyFile.empty();
    for (const k of keys) stepwise = stepwise.withRaw(`G${k.length}`, k, k);
    expect(batched.toString()).toBe(stepwise.toString());
  });

  it('returns the same file when the edits change nothing', () => {
    const f = parse('[G]\na=1\n');
    expect(f.edit((d) => d.setRaw('G', 'a', '1'))).toBe(f);
    expect(f.edit((d) => d.removeKey('G', 'b'))).toBe(f);
  });

  it('edits thousands of keys of a large file in one pass, leaving every other line as it was', () => {
    const n = 20_000;
    const text = `# kept\n[Environment]\n${Array.from({ length: n }, (_, i) => `V${i}=${i}`).join('\n')}\n\n[Session Bus Policy]\n${Array.from({ length: n }, (_, i) => `org.example.N${i}=talk`).join('\n')}\n`;
    const before = parse(text);
    const edit = vi.spyOn(KeyFile.prototype, 'edit');
    const after = before.edit((d) => {
      for (let i = 0; i < n; i += 10) d.setRaw('Environment', `V${i}`, 'changed');
      for (let i = 1; i < n; i += 10) d.removeKey('Session Bus Policy', `org.example.N${i}`);
      for (let i = 0; i < 100; i++) d.setRaw('Session Bus Policy', `org.example.New${i}`, 'see');
    });
    expect(edit).toHaveBeenCalledTimes(1);
    edit.mockRestore();
    // Lines no edit touched are the very objects of the old file: nothing was copied line by line.
    const old = new Set(before.lines);
    const fresh = after.lines.filter((l) => !old.has(l));
    expect(fresh).toHaveLength(n / 10 + 100);
    expect(after.lines).toHaveLength(before.lines.length - n / 10 + 100);
    expect(after.getRaw('Environment', 'V10')).toBe('changed');
    expect(after.getRaw('Environment', 'V11')).toBe('11');
    expect(after.getRaw('Session Bus Policy', 'org.example.N11')).toBeUndefined();
    expect(after.keys('Session Bus Policy').slice(-1)).toEqual(['org.example.New99']);
    // New keys go after the group's last line, before the blank line that ends it.
    expect(after.toString()).toContain(`V${n - 1}=${n - 1}\n\n[Session Bus Policy]`);
    expect(after.toString().endsWith('org.example.New99=see\n')).toBe(true);
  });
});

// The codec must read every file exactly as GLib does: this compares it with GLib's own
// GKeyFile (libglib through Python's ctypes, byte for byte) on generated files, valid, invalid
// and hostile (BOMs, NULs, invalid UTF-8, CRs, very long lines).

import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeKeyfile, encodeKeyfile } from '../shared/keyfile/bytes';
import { KeyFile } from '../shared/keyfile/keyfile';
import { hostileKeyfileBytes, keyfileText, keyfileWithBadLine } from './arbitraries/keyfile';

interface GlibReading {
  error?: string;
  groups?: { name: string; keys: { key: string; raw: string; string: string | null; list: string[] | null }[] }[];
}

const ORACLE = new URL('./oracle/glib_keyfile.py', import.meta.url).pathname;

/** GLib's answer, every string of which comes back as base64 bytes: decoded as Confine decodes. */
function fromBase64(v: unknown): unknown {
  if (typeof v === 'string') return decodeKeyfile(Buffer.from(v, 'base64'));
  if (Array.isArray(v)) return v.map(fromBase64);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromBase64(x)]));
  return v;
}

function glib(files: (string | Uint8Array)[]): GlibReading[] {
  const bytes = files.map((f) =>
    Buffer.from(typeof f === 'string' ? new TextEncoder().encode(f) : f).toString('base64'),
  );
  // GLib itself warns on stderr about one of its own corner cases; only stdout is the answer.
  const out = execFileSync('/usr/bin/python3', [ORACLE], {
    input: JSON.stringify(bytes),
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  return (JSON.parse(out.toString()) as unknown[]).map((r) => fromBase64(r) as GlibReading);
}

function confine(file: string | Uint8Array): GlibReading {
  const r = KeyFile.parse(typeof file === 'string' ? file : decodeKeyfile(file));
  if (!r.ok) return { error: r.error.message };
  return {
    groups: r.file.groupNames().map((name) => ({
      name,
      keys: r.file.keys(name).map((key) => {
        const s = r.file.getString(name, key);
        const l = r.file.getStringList(name, key);
        return {
          key,
          raw: r.file.getRaw(name, key) ?? '',
          string: s && !s.problem ? s.value : null,
          list: l && !l.problem ? [...l.items] : null,
        };
      }),
    })),
  };
}

describe('the keyfile codec against GLib', () => {
  it('reads 3000 generated files exactly as GLib.KeyFile does', () => {
    const texts = [
      ...fc.sample(keyfileText(), { numRuns: 1500, seed: 20261128 }),
      ...fc.sample(keyfileText({ validOnly: true }), { numRuns: 1500, seed: 20261129 }),
    ];
    const expected = glib(texts);
    let errors = 0;
    texts.forEach((text, i) => {
      const want = expected[i];
      if (want?.error) errors++;
      expect({ text, reading: confine(text) }).toEqual({ text, reading: want });
    });
    // The generator must exercise both outcomes, or this test proves little.
    expect(errors).toBeGreaterThan(100);
    expect(texts.length - errors).toBeGreaterThan(1000);
  });

  // keyfile.test.ts expects these files refused at the planted line; GLib must refuse them too.
  it('refuses, in GLib’s words, every file with one line GLib refuses', () => {
    const texts = fc.sample(keyfileWithBadLine(), { numRuns: 300, seed: 20261130 }).map((s) => s.text);
    const expected = glib(texts);
    texts.forEach((text, i) => {
      expect(expected[i]?.error).toBeDefined();
      expect({ text, reading: confine(text) }).toEqual({ text, reading: expected[i] });
    });
  });

  it('agrees on hand-picked corner cases', () => {
    const texts = [
      '[Context]\nshared=network;ipc;\n',
      '[Context]\nfilesystems=a\\;b;c;;d\n',
      '[G]\nk=a\\xb\n',
      '[G]\nk=ab\\\n',
      '[G]\nk=v\r',
      '\r\n[G]\r\nk = v \r\n',
      '[G]\n[G]\nk=1\n[H]\n[G]\nk=2\n',
      '# c\n\n[Desktop Entry]\nEncoding=UTF-8\nName[de]=x\n',
      '[A]\n[B]\nEncoding=latin1\n',
      '[A]\nk\u00a0=1\n',
      '[ G ]\nk=1\n',
      // GLib's spaces are C's but for \v.
      '\v',
      '\f',
      '\v[G]\nk=1\n',
      '\f[G]\nk=1\n',
      '[G]\nk\v=1\nj\f=2\n',
      '[G]\nk=\v1\nj=\f2\n',
      '[G]\n\v\n',
      '[G]\n \f\t\n',
    ];
    const expected = glib(texts);
    texts.forEach((text, i) => expect({ text, reading: confine(text) }).toEqual({ text, reading: expected[i] }));
  });

  it('reads 1500 hostile files (BOM, NUL, invalid UTF-8, CR, long lines) exactly as GLib does', () => {
    const files = fc.sample(hostileKeyfileBytes(), { numRuns: 1500, seed: 20261130 });
    const expected = glib(files);
    let errors = 0;
    files.forEach((bytes, i) => {
      const want = expected[i];
      if (want?.error) errors++;
      const text = decodeKeyfile(bytes).slice(0, 400);
      expect({ text, reading: confine(bytes) }).toEqual({ text, reading: want });
    });
    expect(errors).toBeGreaterThan(100);
    expect(files.length - errors).toBeGreaterThan(200);
  });

  it('agrees on hand-picked hostile bytes', () => {
    const b = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));
    const files = [
      b('\xef\xbb\xbf[Context]\nshared=network;\n'),
      b('[Context]\nsha\x00red=network;\n'),
      b('[Context]\nshared=net\x00work;\n'),
      b('[Context]\nshared=network;\n\x00'),
      b('# caf\xe9\n[Context]\nshared=network;\n'),
      b('[Context]\nsh\xe9red=network;\n'),
      b('[Context]\nshared=n\xe9twork;\n'),
      b('[a[\xe9]\n'),
      b('[G]\x80\x80 \x80\t\nk=v\n'),
      b('[G]\x00]\n'),
      b('[G]\nEncoding=lat\xe9in1\x00zz\n'),
      b('  \x00[G]\nk=v\n'),
      b('[G]\n \xf0\x90\x80x\n'),
      b('[G]\rk=v\r'),
    ];
    const expected = glib(files);
    files.forEach((bytes, i) => expect({ i, reading: confine(bytes) }).toEqual({ i, reading: expected[i] }));
  });

  it('writes back untouched bytes byte for byte, and an edit keeps them where GLib sees them', () => {
    // Only a file that reads can be written back; most hostile files do not, so only those are made.
    const readable = hostileKeyfileBytes().filter((bytes) => KeyFile.parse(decodeKeyfile(bytes)).ok);
    const files = fc.sample(readable, { numRuns: 200, seed: 20261131 });
    const edited = files.map((bytes) => {
      const parsed = KeyFile.parse(decodeKeyfile(bytes));
      if (!parsed.ok) throw new Error(`the generator made an unreadable file: ${parsed.error.message}`);
      expect(Buffer.from(encodeKeyfile(parsed.file.toString())).equals(Buffer.from(bytes))).toBe(true);
      return encodeKeyfile(parsed.file.withStringList('Context', 'persistent', ['.confine-test']).toString());
    });
    const before = glib(files);
    const after = glib(edited);
    files.forEach((_, i) => {
      const was = before[i];
      const now = after[i];
      // GLib reads the edited file, the new entry included, and every other entry as before.
      const withoutNew = now?.groups
        ?.map((g) => ({ ...g, keys: g.keys.filter((k) => !(g.name === 'Context' && k.key === 'persistent')) }))
        .filter((g) => g.keys.length > 0 || was?.groups?.some((w) => w.name === g.name));
      const persistent = now?.groups?.find((g) => g.name === 'Context')?.keys.find((k) => k.key === 'persistent');
      expect({ i, persistent: persistent?.list }).toEqual({ i, persistent: ['.confine-test'] });
      const wasWithout = was?.groups?.map((g) => ({
        ...g,
        keys: g.keys.filter((k) => !(g.name === 'Context' && k.key === 'persistent')),
      }));
      expect({ i, groups: withoutNew }).toEqual({ i, groups: wasWithout });
    });
  });
});

// The codec must read every file exactly as GLib does: this compares it with GLib's own
// GKeyFile (Debian's python3-gi) on generated files, valid and invalid.

import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyFile } from '../shared/keyfile/keyfile';
import { keyfileText } from './arbitraries/keyfile';

interface GlibReading {
  error?: string;
  groups?: { name: string; keys: { key: string; raw: string; string: string | null; list: string[] | null }[] }[];
}

const ORACLE = new URL('./oracle/glib_keyfile.py', import.meta.url).pathname;

function glib(texts: string[]): GlibReading[] {
  // GLib itself warns on stderr about one of its own corner cases; only stdout is the answer.
  const out = execFileSync('/usr/bin/python3', [ORACLE], {
    input: JSON.stringify(texts),
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out.toString()) as GlibReading[];
}

function confine(text: string): GlibReading {
  const r = KeyFile.parse(text);
  if (!r.ok) return { error: r.error.message };
  return {
    groups: r.file.groupNames().map((name) => ({
      name,
      keys: r.file.keys(name).map((key) => {
        const s = r.file.getString(name, key);
        const l = r.file.getStringList(name, key);
        return { key, raw: r.file.getRaw(name, key) ?? '', string: s && !s.problem ? s.value : null, list: l && !l.problem ? [...l.items] : null };
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
    ];
    const expected = glib(texts);
    texts.forEach((text, i) => expect({ text, reading: confine(text) }).toEqual({ text, reading: expected[i] }));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeList, escapeValue, unescapeList, unescapeValue } from './escape';
import { isValidKeyName, KeyFile, localeOfKey } from './keyfile';
import { keyfileText, keyfileWithBadLine, listItem } from '../../test/arbitraries/keyfile';

function parse(text: string): KeyFile {
  const r = KeyFile.parse(text);
  if (!r.ok) throw new Error(`unexpected parse error: ${r.error.message}`);
  return r.file;
}

describe('KeyFile parsing', () => {
  it('reads lists the GLib way: `;` separates items and a trailing `;` adds none', () => {
    const f = parse('[Context]\nshared=network;ipc;\n');
    expect(f.getStringList('Context', 'shared')?.items).toEqual(['network', 'ipc']);
  });

  it('treats `#` as a comment only at the start of a line', () => {
    const f = parse('# top\n[Environment]\nFOO=a#b\n  # indented comment\n');
    expect(f.getString('Environment', 'FOO')?.value).toBe('a#b');
    expect(f.keys('Environment')).toEqual(['FOO']);
  });

  it('decodes escapes, including an escaped separator inside a list item', () => {
    const f = parse('[G]\nv=\\sa\\tb\\nc\\\\d\\re\nl=a\\;b;c;\n');
    expect(f.getString('G', 'v')?.value).toBe(' a\tb\nc\\d\re');
    expect(f.getStringList('G', 'l')?.items).toEqual(['a;b', 'c']);
  });

  it('keeps an invalid escape literally and reports it, as GLib does', () => {
    expect(unescapeValue('a\\xb')).toEqual({ value: 'a\\xb', problem: { kind: 'invalid-escape', sequence: '\\x' } });
    expect(unescapeValue('ab\\')).toEqual({ value: 'ab', problem: { kind: 'escape-at-end' } });
  });

  it('strips blanks around `=` and after `[group]`, keeps trailing blanks of a value', () => {
    const f = parse('[G]  \n  key  =  value  \n');
    expect(f.getRaw('G', 'key')).toBe('value  ');
  });

  it('lets the last of repeated keys win and merges repeated groups', () => {
    const f = parse('[G]\na=1\n[H]\nx=1\n[G]\na=2\nb=3\n');
    expect(f.getRaw('G', 'a')).toBe('2');
    expect(f.keys('G')).toEqual(['a', 'b']);
    expect(f.groupNames()).toEqual(['G', 'H']);
  });

  it('keeps locale keys apart from their base key', () => {
    const f = parse('[Desktop Entry]\nName=Files\nName[de]=Dateien\nName[sr@latin]=Datoteke\n');
    expect(f.getRaw('Desktop Entry', 'Name[de]')).toBe('Dateien');
    expect(localeOfKey('Name[sr@latin]')).toBe('sr@latin');
    expect(localeOfKey('Name')).toBeUndefined();
  });

  it.each([
    ['garbage line\n', 1, 'Key file contains line “garbage line” which is not a key-value pair, group, or comment'],
    ['key=value\n', 1, 'Key file does not start with a group'],
    ['[G]\n=value\n', 2, 'Key file contains line “=value” which is not a key-value pair, group, or comment'],
    ['[G]\nbad[key=v\n', 2, 'Invalid key name: bad[key'],
    ['[G]\n key x =1\n[H\n', 3, 'Key file contains line “[H” which is not a key-value pair, group, or comment'],
    ['[G\x01]\n', 1, 'Invalid group name: G\x01'],
    ['[Desktop Entry]\nEncoding=Latin-1\n', 2, 'Key file contains unsupported encoding “Latin-1”'],
  ])('reports %j at line %i with GLib\u2019s message', (text, line, message) => {
    expect(KeyFile.parse(text)).toEqual({ ok: false, error: { line, message } });
  });

  it('accepts key names GLib accepts and refuses the rest', () => {
    for (const k of ['a', 'Name[de_DE.UTF-8@euro]', 'x-y.z', 'org.freedesktop.secrets', 'with space inside'])
      expect(isValidKeyName(k)).toBe(true);
    for (const k of ['', ' lead', 'trail ', 'a]b', 'Name[de', 'Name[de]x', 'a=b', 'N[a b]'])
      expect(isValidKeyName(k)).toBe(false);
  });
});

describe('KeyFile round trip', () => {
  // Two properties, each asserting in every run: the generator of mixed files made one that
  // parsed in about 28 % of runs, and the others checked nothing.
  it('writes back every file GLib reads byte for byte', () => {
    fc.assert(
      fc.property(keyfileText({ validOnly: true }), (text) => {
        const r = KeyFile.parse(text);
        expect(r).toMatchObject({ ok: true });
        if (r.ok) expect(r.file.toString()).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a file at its one line GLib refuses', () => {
    fc.assert(
      fc.property(keyfileWithBadLine(), ({ text, line }) => {
        expect(KeyFile.parse(text)).toMatchObject({ ok: false, error: { line } });
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps CRLF line ends, a missing final newline and whitespace exactly', () => {
    for (const text of ['[G]\r\na = 1\r\n', '[G]\na=1', '\n\n[G]\n\n\n', '# only a comment', '[G]\nk=v\r']) {
      expect(parse(text).toString()).toBe(text);
    }
  });

  it('decodes what it encodes, for values and lists', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const clean = s.replace(/\0/g, '');
        expect(unescapeValue(escapeValue(clean))).toEqual({ value: clean });
      }),
    );
    fc.assert(
      fc.property(fc.array(listItem()), (items) => {
        expect(unescapeList(escapeList(items))).toEqual({ items });
      }),
    );
  });
});

describe('KeyFile editing', () => {
  it('changes only the line of the key it sets', () => {
    const text = '# keep me\n[Context]\nshared=network;\n  sockets = x11;\n\n[Unknown]\nfoo=bar\n';
    const edited = parse(text).withStringList('Context', 'sockets', ['!x11']).toString();
    expect(edited).toBe('# keep me\n[Context]\nshared=network;\n  sockets = !x11;\n\n[Unknown]\nfoo=bar\n');
  });

  it('appends a new key after the last line of its group, before the blank separator', () => {
    const text = '[Context]\nshared=network;\n# note\n\n[Environment]\nA=1\n';
    expect(parse(text).withStringList('Context', 'sockets', ['x11']).toString()).toBe(
      '[Context]\nshared=network;\n# note\nsockets=x11;\n\n[Environment]\nA=1\n',
    );
  });

  it('creates a group at the end, separated by one blank line', () => {
    expect(parse('[Context]\nshared=network;\n').withString('Environment', 'A', ' x').toString()).toBe(
      '[Context]\nshared=network;\n\n[Environment]\nA=\\sx\n',
    );
    expect(KeyFile.empty().withStringList('Context', 'sockets', ['!x11']).toString()).toBe(
      '[Context]\nsockets=!x11;\n',
    );
  });

  it('removes every copy of a key so no shadowed duplicate comes back', () => {
    const f = parse('[G]\na=1\nb=2\n[G]\na=3\n').withoutKey('G', 'a');
    expect(f.toString()).toBe('[G]\nb=2\n[G]\n');
    expect(f.getRaw('G', 'a')).toBeUndefined();
  });

  it('removes a group with the blank line that separated it', () => {
    expect(parse('[A]\na=1\n\n[B]\nb=1\n\n[C]\nc=1\n').withoutGroup('B').toString()).toBe('[A]\na=1\n\n[C]\nc=1\n');
    expect(parse('[A]\na=1\n\n[B]\nb=1\n').withoutGroup('A').toString()).toBe('[B]\nb=1\n');
  });

  it('keeps CRLF for new and rewritten lines in a CRLF file', () => {
    const f = parse('[G]\r\na=1\r\n').withRaw('G', 'a', '2').withRaw('G', 'b', '3');
    expect(f.toString()).toBe('[G]\r\na=2\r\nb=3\r\n');
  });

  it('leaves every other line untouched under random edits', () => {
    fc.assert(
      fc.property(
        keyfileText({ validOnly: true }),
        fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'b', 'K') }),
        listItem(),
        (text, key, value) => {
          const r = KeyFile.parse(text);
          expect(r).toMatchObject({ ok: true });
          if (!r.ok) return;
          const before = r.file;
          const group = before.groupNames()[0] ?? 'G';
          const after = before.withString(group, key, value);
          expect(after.getString(group, key)).toEqual({ value });
          // A line added at the end gives the file the final newline it may have lacked.
          const lines = (f: KeyFile) => f.toString().replace(/\n$/, '').split('\n');
          const beforeLines = lines(before);
          const afterLines = lines(after);
          // At most one line changes or is added (plus a group header and separator for a new group).
          const changed = afterLines.filter((l, i) => beforeLines[i] !== l).length;
          expect(afterLines.length - beforeLines.length).toBeLessThanOrEqual(before.hasGroup(group) ? 1 : 3);
          if (afterLines.length === beforeLines.length) expect(changed).toBeLessThanOrEqual(1);
          for (const g of before.groupNames()) {
            for (const k of before.keys(g))
              if (!(g === group && k === key)) expect(after.getRaw(g, k)).toBe(before.getRaw(g, k));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

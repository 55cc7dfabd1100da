// fast-check generators of GLib keyfile text: valid files with every construct the format has,
// and (unless validOnly) lines GLib refuses, to compare error handling too.

import fc from 'fast-check';

const GROUPS = [
  'Context',
  'Environment',
  'Session Bus Policy',
  'System Bus Policy',
  'Policy foo',
  'Desktop Entry',
  'G',
  'Grüße',
  'a b',
];
const BAD_GROUPS = ['', 'a[b', 'x\x01y'];
const KEYS = [
  'shared',
  'sockets',
  'filesystems',
  'Name',
  'Name[de]',
  'Name[sr@latin]',
  'FOO',
  'org.foo.Bar',
  'org.gtk.vfs.*',
  'a b',
  'Ключ',
  'x-y_z.0',
];
const BAD_KEYS = ['bad]key', 'k[x y]', 'Name[de'];
const VALUE_CHARS = [
  'a',
  'b',
  'z',
  '0',
  ';',
  ' ',
  '\t',
  '#',
  '=',
  '[',
  ']',
  '!',
  ':',
  '/',
  '~',
  'ü',
  '✓',
  '\\s',
  '\\n',
  '\\t',
  '\\r',
  '\\\\',
  '\\;',
  '\\x',
  '\\',
];

const ws = fc.constantFrom('', '', ' ', '  ', '\t', ' \t', '\f');
const value = fc.array(fc.constantFrom(...VALUE_CHARS), { maxLength: 12 }).map((parts) => parts.join(''));

/** One list item that may hold any character a list can carry. */
export function listItem(): fc.Arbitrary<string> {
  return fc
    .array(fc.constantFrom('a', 'b', ' ', '\t', ';', '\\', '\n', '\r', 'ü', '!', ':', '#'), { maxLength: 8 })
    .map((p) => p.join(''));
}

export function keyfileText(options: { validOnly?: boolean } = {}): fc.Arbitrary<string> {
  const groupName = options.validOnly
    ? fc.constantFrom(...GROUPS)
    : fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom(...GROUPS) },
        { weight: 1, arbitrary: fc.constantFrom(...BAD_GROUPS) },
      );
  const key = options.validOnly
    ? fc.constantFrom(...KEYS)
    : fc.oneof(
        { weight: 12, arbitrary: fc.constantFrom(...KEYS) },
        { weight: 1, arbitrary: fc.constantFrom(...BAD_KEYS) },
      );
  const comment = fc.tuple(ws, fc.constantFrom('#', '# a comment', '#[Context]', '#x=y')).map(([a, b]) => a + b);
  const blank = ws;
  const entry = fc.tuple(ws, key, ws, ws, value).map(([a, k, b, c, v]) => `${a}${k}${b}=${c}${v}`);
  const junk = fc.constantFrom('garbage', '=x', '[unclosed', 'Encoding=latin1', '[G] trailing');
  const bodyLine = options.validOnly
    ? fc.oneof({ weight: 6, arbitrary: entry }, { weight: 1, arbitrary: comment }, { weight: 1, arbitrary: blank })
    : fc.oneof(
        { weight: 6, arbitrary: entry },
        { weight: 1, arbitrary: comment },
        { weight: 1, arbitrary: blank },
        { weight: 1, arbitrary: junk },
      );
  const header = fc.tuple(ws, groupName, fc.constantFrom('', ' ', '\t ')).map(([a, g, b]) => `${a}[${g}]${b}`);
  const section = fc.tuple(header, fc.array(bodyLine, { maxLength: 6 })).map(([h, lines]) => [h, ...lines]);
  const preamble = fc.array(options.validOnly ? fc.oneof(comment, blank) : fc.oneof(comment, blank, entry), {
    maxLength: 2,
  });
  return fc
    .tuple(
      preamble,
      fc.array(section, { maxLength: 5 }),
      fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
      fc.boolean(),
    )
    .map(([pre, sections, crlf, finalNewline]) => {
      const lines = [...pre, ...sections.flat()];
      if (lines.length === 0) return '';
      return lines
        .map((l, i) => l + (i < lines.length - 1 || finalNewline ? (crlf[i % crlf.length] ? '\r\n' : '\n') : ''))
        .join('');
    });
}

/** A file GLib reads, with one line it refuses wherever it stands put in at a random place;
 *  `line` is that line's 1-based number, where the first error must be reported. (Not
 *  `Encoding=latin1`: GLib refuses it only in the first group.) */
export function keyfileWithBadLine(): fc.Arbitrary<{ text: string; line: number }> {
  const bad = fc.oneof(
    fc.constantFrom('garbage', '=x', '[unclosed', '[G] trailing', '  = value'),
    fc.constantFrom(...BAD_GROUPS).map((g) => `[${g}]`),
    fc.tuple(fc.constantFrom(...BAD_KEYS), value).map(([k, v]) => `${k}=${v}`),
  );
  return fc.tuple(keyfileText({ validOnly: true }), bad, fc.nat()).map(([text, badLine, at]) => {
    const lines = text.split('\n');
    // Before any line of the text, the last one included (which is empty after a final newline).
    const i = at % lines.length;
    return { text: [...lines.slice(0, i), badLine, ...lines.slice(i)].join('\n'), line: i + 1 };
  });
}

/** Bytes GLib must still read as it does: a BOM, NULs, invalid UTF-8, stray CRs and very long
 *  lines put into generated files at random places. */
export function hostileKeyfileBytes(): fc.Arbitrary<Uint8Array> {
  const damage = fc.constantFrom(
    [0xef, 0xbb, 0xbf], // BOM
    [0x00],
    [0x00, 0x00],
    [0xe9], // Latin-1 é
    [0x80],
    [0xc0, 0xaf], // overlong /
    [0xed, 0xa0, 0x80], // a surrogate
    [0xf0, 0x90, 0x80], // cut short
    [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    [0xef, 0xbf, 0xbe], // a noncharacter, which is valid
    [0xf0, 0x9f, 0x98, 0x80], // an emoji: a surrogate pair in JavaScript
    [0x0d],
    [0x5d, 0x80], // `]` and a continuation byte
    [0x3d], // `=`
    [0x23], // `#`
  );
  const at = fc.record({ where: fc.double({ min: 0, max: 1, noNaN: true }), bytes: damage });
  const longLine = fc.oneof(
    { weight: 9, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constant(`\n[Context]\nfilesystems=${'x'.repeat(20_000)};\n`) },
  );
  // Mostly valid files, so that damage, not the generator's own junk, decides what GLib says.
  const text = fc.oneof(
    { weight: 3, arbitrary: keyfileText({ validOnly: true }) },
    { weight: 1, arbitrary: keyfileText() },
  );
  const bomAtStart = fc.oneof(
    { weight: 5, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  );
  return fc
    .tuple(text, fc.array(at, { minLength: 1, maxLength: 2 }), bomAtStart, longLine)
    .map(([text, hits, bom, long]) => {
      let bytes = [...new TextEncoder().encode(text + long)];
      for (const h of hits) {
        const i = Math.floor(h.where * bytes.length);
        bytes = [...bytes.slice(0, i), ...h.bytes, ...bytes.slice(i)];
      }
      return Uint8Array.from(bom ? [0xef, 0xbb, 0xbf, ...bytes] : bytes);
    });
}

// fast-check generators of GLib keyfile text: valid files with every construct the format has,
// and (unless validOnly) lines GLib refuses, to compare error handling too.

import fc from 'fast-check';

const GROUPS = ['Context', 'Environment', 'Session Bus Policy', 'System Bus Policy', 'Policy foo', 'Desktop Entry', 'G', 'Grüße', 'a b'];
const BAD_GROUPS = ['', 'a[b', 'x\x01y'];
const KEYS = ['shared', 'sockets', 'filesystems', 'Name', 'Name[de]', 'Name[sr@latin]', 'FOO', 'org.foo.Bar', 'org.gtk.vfs.*', 'a b', 'Ключ', 'x-y_z.0'];
const BAD_KEYS = ['bad]key', 'k[x y]', 'Name[de'];
const VALUE_CHARS = ['a', 'b', 'z', '0', ';', ' ', '\t', '#', '=', '[', ']', '!', ':', '/', '~', 'ü', '✓', '\\s', '\\n', '\\t', '\\r', '\\\\', '\\;', '\\x', '\\'];

const ws = fc.constantFrom('', '', ' ', '  ', '\t', ' \t');
const value = fc.array(fc.constantFrom(...VALUE_CHARS), { maxLength: 12 }).map((parts) => parts.join(''));

/** One list item that may hold any character a list can carry. */
export function listItem(): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom('a', 'b', ' ', '\t', ';', '\\', '\n', '\r', 'ü', '!', ':', '#'), { maxLength: 8 }).map((p) => p.join(''));
}

export function keyfileText(options: { validOnly?: boolean } = {}): fc.Arbitrary<string> {
  const groupName = options.validOnly ? fc.constantFrom(...GROUPS) : fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...GROUPS) }, { weight: 1, arbitrary: fc.constantFrom(...BAD_GROUPS) });
  const key = options.validOnly ? fc.constantFrom(...KEYS) : fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.constantFrom(...BAD_KEYS) });
  const comment = fc.tuple(ws, fc.constantFrom('#', '# a comment', '#[Context]', '#x=y')).map(([a, b]) => a + b);
  const blank = ws;
  const entry = fc.tuple(ws, key, ws, ws, value).map(([a, k, b, c, v]) => `${a}${k}${b}=${c}${v}`);
  const junk = fc.constantFrom('garbage', '=x', '[unclosed', 'Encoding=latin1', '[G] trailing');
  const bodyLine = options.validOnly
    ? fc.oneof({ weight: 6, arbitrary: entry }, { weight: 1, arbitrary: comment }, { weight: 1, arbitrary: blank })
    : fc.oneof({ weight: 6, arbitrary: entry }, { weight: 1, arbitrary: comment }, { weight: 1, arbitrary: blank }, { weight: 1, arbitrary: junk });
  const header = fc.tuple(ws, groupName, fc.constantFrom('', ' ', '\t ')).map(([a, g, b]) => `${a}[${g}]${b}`);
  const section = fc.tuple(header, fc.array(bodyLine, { maxLength: 6 })).map(([h, lines]) => [h, ...lines]);
  const preamble = fc.array(options.validOnly ? fc.oneof(comment, blank) : fc.oneof(comment, blank, entry), { maxLength: 2 });
  return fc
    .tuple(preamble, fc.array(section, { maxLength: 5 }), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), fc.boolean())
    .map(([pre, sections, crlf, finalNewline]) => {
      const lines = [...pre, ...sections.flat()];
      if (lines.length === 0) return '';
      return lines.map((l, i) => l + (i < lines.length - 1 || finalNewline ? (crlf[i % crlf.length] ? '\r\n' : '\n') : '')).join('');
    });
}

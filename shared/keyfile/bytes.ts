// Keyfile bytes to text and back without losing a byte. GLib reads keyfiles as bytes: a comment
// may hold invalid UTF-8, a value may hold a NUL, a file may start with a BOM, and Flatpak reads
// such files as they are. Each byte that is not part of valid UTF-8 becomes one lone surrogate
// U+DC80..U+DCFF (which valid UTF-8 can never decode to), so encoding gives back the same bytes.

const ESCAPE_BASE = 0xdc00;

// Browsers and Node both have these; `shared/` is typed without either's library.
const codecs = globalThis as unknown as {
  TextDecoder: new (label: 'utf-8', options: { fatal: true; ignoreBOM: true }) => { decode(bytes: Uint8Array): string };
  TextEncoder: new () => { encode(text: string): Uint8Array };
};
const fast = new codecs.TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The length of the valid UTF-8 sequence at `i` (as g_utf8_validate accepts it), or 0. */
function sequenceAt(b: Uint8Array, i: number): number {
  const c = b[i] ?? 0;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const [lo, hi] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const [lo, hi] = c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** The text of keyfile bytes; a BOM is kept, invalid bytes become escapes. */
export function decodeKeyfile(bytes: Uint8Array): string {
  try {
    return fast.decode(bytes);
  } catch {
    // Slow path only for files that are not UTF-8.
  }
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceAt(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (i > start) parts.push(fast.decode(bytes.subarray(start, i)));
    parts.push(String.fromCharCode(ESCAPE_BASE + (bytes[i] ?? 0)));
    i++;
    start = i;
  }
  if (i > start) parts.push(fast.decode(bytes.subarray(start, i)));
  return parts.join('');
}

// With the `u` flag these match only lone surrogates, never half of a valid pair.
const ESCAPED = /[\udc80-\udcff]/u;
const ESCAPED_ALL = /[\udc80-\udcff]/gu;

/** Whether the text holds a byte that is not valid UTF-8. */
export const hasInvalidBytes = (text: string): boolean => ESCAPED.test(text);

/** The bytes of a keyfile's text: exactly those it was decoded from. */
export function encodeKeyfile(text: string): Uint8Array {
  const encoder = new codecs.TextEncoder();
  const plain = encoder.encode(text);
  // An escape encodes as U+FFFD (EF BF BD): without any 0xEF byte there was none, and the text
  // of a large file need not be searched for one.
  if (plain.indexOf(0xef) < 0 || !hasInvalidBytes(text)) return plain;
  const chunks: Uint8Array[] = [];
  let last = 0;
  for (const m of text.matchAll(ESCAPED_ALL)) {
    const at = m.index;
    chunks.push(encoder.encode(text.slice(last, at)), Uint8Array.of(text.charCodeAt(at) - ESCAPE_BASE));
    last = at + 1;
  }
  chunks.push(encoder.encode(text.slice(last)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** g_utf8_make_valid: each invalid byte, and each NUL, shown as U+FFFD, as GLib's messages do. */
export function madeValid(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\udc80-\udcff\x00]/gu, '\ufffd');
}

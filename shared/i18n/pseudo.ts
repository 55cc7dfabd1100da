// Pseudo-translations made from the English text when a message is formatted, for testing: a
// string that bypasses the catalog stays plain English among accented text, one that does not
// fit a longer translation overflows, and a right-to-left one shows where the layout is not
// mirrored. Only the literal text changes; placeholders, plurals and selects keep their shape.

import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { formatjs } from './formatjs';

const ACCENTED: Readonly<Record<string, string>> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [
    c,
    [...'ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏẑȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ'][i]!,
  ]),
);

/** Accented, with every vowel doubled: English grows by about a third, as German often does. */
export function accent(text: string): string {
  return [...text].map((c) => (/[aeiouAEIOU]/.test(c) ? ACCENTED[c]!.repeat(2) : (ACCENTED[c] ?? c))).join('');
}

// Right-to-left override and pop: the English reads reversed, laid out as right-to-left text.
// An arrow that says "from … to …" points the way the sentence reads, as a translator into a
// right-to-left language writes it (Unicode does not mirror arrows by itself).
const ARROWS: Readonly<Record<string, string>> = { '→': '←', '←': '→' };
const bidi = (text: string): string =>
  text.trim() === '' ? text : `\u202e${text.replace(/[→←]/g, (a) => ARROWS[a] ?? a)}\u202c`;

function mapLiterals(elements: MessageFormatElement[], f: (s: string) => string): MessageFormatElement[] {
  const { isLiteralElement, isPluralElement, isSelectElement, isTagElement } = formatjs();
  return elements.map((e) => {
    if (isLiteralElement(e)) return { ...e, value: f(e.value) };
    if (isPluralElement(e) || isSelectElement(e)) {
      const options = Object.fromEntries(
        Object.entries(e.options).map(([k, o]) => [k, { ...o, value: mapLiterals(o.value, f) }]),
      );
      return { ...e, options };
    }
    if (isTagElement(e)) return { ...e, children: mapLiterals(e.children, f) };
    return e;
  });
}

/** Plain text pseudo-translated. */
export function pseudoText(text: string, kind: 'accented' | 'bidi'): string {
  return kind === 'accented' ? accent(text) : bidi(text);
}

/** The message's parsed form with its text pseudo-translated. */
export function pseudoMessage(message: string, kind: 'accented' | 'bidi'): MessageFormatElement[] {
  return mapLiterals(formatjs().parse(message), (text) => pseudoText(text, kind));
}

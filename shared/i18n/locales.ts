// The languages Confine speaks and how a requested language list picks one of them.

export type Direction = 'ltr' | 'rtl';

export interface LocaleInfo {
  /** Its own name, for a language menu. */
  readonly name: string;
  readonly dir: Direction;
  /** The locale numbers, dates and plural rules follow (pseudo-locales borrow a real one). */
  readonly formatAs: string;
  /** Built from the English text at format time, not from a catalog. */
  readonly pseudo?: 'accented' | 'bidi';
}

export const LOCALES = {
  en: { name: 'English', dir: 'ltr', formatAs: 'en' },
  de: { name: 'Deutsch', dir: 'ltr', formatAs: 'de' },
  fr: { name: 'Français', dir: 'ltr', formatAs: 'fr' },
  // Pseudo-locales for testing: every letter accented and the text ~35 % longer, so a string that
  // skips the catalog stands out and layouts meet long words; and right-to-left text.
  'en-XA': { name: 'Ƥşḗḗŭŭḓŏŏ', dir: 'ltr', formatAs: 'en', pseudo: 'accented' },
  'ar-XB': { name: 'Pseudo RTL', dir: 'rtl', formatAs: 'en', pseudo: 'bidi' },
} as const satisfies Readonly<Record<string, LocaleInfo>>;

export type LocaleTag = keyof typeof LOCALES;

export const SOURCE_LOCALE: LocaleTag = 'en';

const TAGS = Object.keys(LOCALES) as LocaleTag[];

function isLocaleTag(tag: string): tag is LocaleTag {
  return (TAGS as string[]).includes(tag);
}

/** The first requested language Confine has, by exact tag, then by language alone; else English. */
export function pickLocale(requested: readonly string[]): LocaleTag {
  for (const raw of requested) {
    const tag = canonical(raw);
    if (tag === undefined) continue;
    const exact = TAGS.find((t) => t.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const language = tag.split('-')[0]!.toLowerCase();
    if (isLocaleTag(language)) return language;
  }
  return SOURCE_LOCALE;
}

/** A POSIX locale name (`de_DE.UTF-8@euro`) or BCP 47 tag (`de-DE`) as a BCP 47 tag, or
 *  undefined for the C locale and anything unreadable. */
export function canonical(name: string): string | undefined {
  const base = name.split('.')[0]!.split('@')[0]!.trim().replace(/_/g, '-');
  if (base === '' || base === 'C' || base === 'POSIX') return undefined;
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(base) ? base : undefined;
}

/** The languages a command-line process asks for, as gettext reads its environment: the first
 *  set of LC_ALL, LC_MESSAGES and LANG names the locale; LANGUAGE, a colon-separated list of
 *  preferences, counts only when that locale is not C. */
export function languagesFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  if (locale === undefined || canonical(locale) === undefined) return [];
  const preferences = (env.LANGUAGE ?? '').split(':').filter((l) => l !== '');
  return [...preferences, locale];
}

/** Of the languages something is written in (AppStream's `xml:lang`, a desktop file's
 *  `Name[de_DE]`), the one that best serves the requested languages: for each request in turn,
 *  its exact language and country, then its language alone (the first language-only key). */
export function bestTranslation(available: readonly string[], requested: readonly string[]): string | undefined {
  const keyed = available.flatMap((key) => {
    const tag = canonical(key);
    return tag === undefined ? [] : [{ key, tag: tag.toLowerCase(), language: tag.split('-')[0]!.toLowerCase() }];
  });
  for (const raw of requested) {
    const tag = canonical(raw)?.toLowerCase();
    if (tag === undefined) continue;
    const language = tag.split('-')[0]!;
    const found = keyed.find((k) => k.tag === tag) ?? keyed.find((k) => k.tag === language);
    if (found) return found.key;
  }
  return undefined;
}

// The one way Confine puts messages into words: `t(message, values)` in the process's language.
// The window's renderer and main process and the CLI each choose the language once, at start,
// before anything is shown; until then (and in tests that never choose) it is English.
// JSON output is always English: a command writing JSON formats under `inEnglish`.

import type { IntlCache, IntlShape } from '@formatjs/intl';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { canonical, LOCALES, pickLocale, SOURCE_LOCALE, type Direction, type LocaleTag } from './locales';
import type { Message } from './message';
import { formatjs } from './formatjs';
import { pseudoMessage, pseudoText } from './pseudo';

export { defineMessage, defineMessages, type Message } from './message';
export { bestTranslation, languagesFromEnv, pickLocale, LOCALES, type LocaleTag, type Direction } from './locales';

/** What a placeholder may hold. */
export type Values = Readonly<Record<string, string | number | boolean | Date | null | undefined>>;

type Catalog = Readonly<Record<string, string>>;

// Loaded on demand, so a process carries one language's catalog, not all of them. The import
// attribute lets plain Node (the e2e harness) load them as the bundlers do.
const CATALOGS: Partial<Record<LocaleTag, () => Promise<{ default: Catalog }>>> = {
  de: () => import('./catalogs/de.json', { with: { type: 'json' } }),
  fr: () => import('./catalogs/fr.json', { with: { type: 'json' } }),
};

interface Language {
  readonly tag: LocaleTag;
  readonly messages: Catalog;
  readonly intl: IntlShape;
  /** Pseudo-translations parsed once per message. */
  readonly pseudo: Map<string, MessageFormatElement[]>;
  /** List formats made once per kind: the audit joins lists in most of its findings. */
  readonly lists: Map<ListType, Intl.ListFormat>;
}

type ListType = 'conjunction' | 'disjunction';

let cache: IntlCache | undefined;

function language(tag: LocaleTag, messages: Catalog): Language {
  // Made on first use: creating it asks ICU which locales it can format numbers in, which costs
  // a command-line run more than its own work (issue 19), and most runs format no number.
  let intl: IntlShape | undefined;
  return {
    tag,
    messages,
    get intl() {
      return (intl ??= makeIntl(tag, messages));
    },
    pseudo: new Map(),
    lists: new Map(),
  };
}

function makeIntl(tag: LocaleTag, messages: Catalog): IntlShape {
  const { createIntl, createIntlCache, IntlErrorCode } = formatjs();
  return createIntl(
    {
      locale: LOCALES[tag].formatAs,
      defaultLocale: SOURCE_LOCALE,
      messages,
      onError: (e) => {
        // A message a catalog lacks falls back to English: the catalogs' own test counts those.
        // Anything else is a bug (a placeholder without its value, a broken translation, which
        // the catalogs' test also checks), and a wrong sentence must not pass for a right one.
        if (e.code !== IntlErrorCode.MISSING_TRANSLATION) throw e;
      },
    },
    (cache ??= createIntlCache()),
  );
}

// A placeholder by name, or a character that makes ICU syntax (a quote, a tag, a brace that is
// not part of a plain placeholder).
const SYNTAX = /\{(\w+)\}|[{}'<]/g;

/** A message text cut at its plain placeholders: literal, name, literal, …, literal; null when it
 *  has ICU syntax beyond them. */
type Plain = readonly string[] | null;

/** Each text's cut, made once: an audit of a thousand apps formats the same few dozen texts
 *  thousands of times, and scanning each anew was a tenth of a first catalogue read. */
const plainTexts = new Map<string, Plain>();

function plainOf(text: string): Plain {
  let parts = plainTexts.get(text);
  if (parts !== undefined) return parts;
  const cut: string[] = [];
  let last = 0;
  parts = cut;
  for (const m of text.matchAll(SYNTAX)) {
    const name = m[1];
    if (name === undefined) {
      parts = null;
      break;
    }
    cut.push(text.slice(last, m.index), name);
    last = m.index + m[0].length;
  }
  if (parts !== null) cut.push(text.slice(last));
  plainTexts.set(text, parts);
  return parts;
}

/** A message with nothing but plain placeholders, each given a string or a number, put into words
 *  as formatjs would (it writes either value as String does), without it; undefined for any
 *  other message, which formatjs formats. */
function plainFormat(text: string, values: Values | undefined): string | undefined {
  const parts = plainOf(text);
  if (parts === null) return undefined;
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const value = values?.[parts[i] ?? ''];
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    out += String(value) + (parts[i + 1] ?? '');
  }
  return out;
}

let english: Language | undefined;
const inSource = (): Language => (english ??= language(SOURCE_LOCALE, {}));
let active: Language | undefined;
let requestedLanguages: readonly string[] = [];

/** Chooses the first of the requested languages Confine has (BCP 47 tags or POSIX names),
 *  English where none is; loads its catalog. */
export async function setLanguage(requested: readonly string[]): Promise<LocaleTag> {
  const tag = pickLocale(requested);
  requestedLanguages = requested.flatMap((r) => canonical(r) ?? []);
  const load = CATALOGS[tag];
  active = tag === SOURCE_LOCALE ? inSource() : language(tag, load ? (await load()).default : {});
  return tag;
}

const current = (): Language => active ?? inSource();

export const currentLocale = (): LocaleTag => current().tag;
/** The languages the process was asked for, Confine's or not: what an app says about itself
 *  (its name, its summary) can be in a language Confine has no catalog for. */
export const preferredLanguages = (): readonly string[] => requestedLanguages;
export const textDirection = (): Direction => LOCALES[current().tag].dir;

/** How a pseudo-locale rewrites English; undefined for a real language. */
function pseudoKind(lang: Language): 'accented' | 'bidi' | undefined {
  return (LOCALES[lang.tag] as { pseudo?: 'accented' | 'bidi' }).pseudo;
}

// First-strong isolate and pop: a value (a branch, a path, an app's name) is laid out on its own,
// in its own direction, so the punctuation of a right-to-left sentence around it (the brackets of
// "stable (x86_64)") goes with the sentence rather than with the left-to-right words beside it.
const isolate = (values: Values): Values =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? `\u2068${v}\u2069` : v]));

function formatIn(lang: Language, message: Message, given?: Values): string {
  const values = given && LOCALES[lang.tag].dir === 'rtl' ? isolate(given) : given;
  const kind = pseudoKind(lang);
  if (kind === undefined) {
    // As formatjs picks: the translation, unless the catalog lacks it or has it empty.
    const text = (Object.hasOwn(lang.messages, message.id) && lang.messages[message.id]) || message.defaultMessage;
    return plainFormat(text, values) ?? lang.intl.formatMessage(message, values);
  }
  let parsed = lang.pseudo.get(message.id);
  if (parsed === undefined) lang.pseudo.set(message.id, (parsed = pseudoMessage(message.defaultMessage, kind)));
  return lang.intl.formatMessage({ id: message.id, defaultMessage: parsed }, values);
}

/** The message in the process's language. */
export function t(message: Message, values?: Values): string {
  return formatIn(current(), message, values);
}

/** Runs `f` with English as the language: what is written as JSON never depends on the locale. */
export function inEnglish<T>(f: () => T): T {
  const before = active;
  active = inSource();
  try {
    return f();
  } finally {
    active = before;
  }
}

/** A number as the language writes it (digits grouped, decimal sign). */
export function formatNumber(n: number, options?: Parameters<IntlShape['formatNumber']>[1]): string {
  return current().intl.formatNumber(n, options);
}

/** A message of the kind that takes the parser (a plural), formatted once to ready its code. */
const PREPARE: Message = {
  id: 'internal.prepare',
  defaultMessage: '{count, plural, one {# app} other {# apps}}',
  description: 'Never shown',
};

/** Makes the language's formatter, its message parser and ICU's number and plural data ready,
 *  for a window to call while it waits for its first answers: done on first use, it was
 *  ~20-30 ms of the first page that counts something (the Overview at a thousand apps, issue 15). */
export function prepareFormatting(): void {
  current().intl.formatMessage(PREPARE, { count: 2 });
}

/** "a, b and c" as the language joins a list. */
export function formatList(items: readonly string[], type: ListType = 'conjunction'): string {
  // A list of one is that one in every language (the patterns join two or more), and making the
  // first Intl.ListFormat of a page costs ~20 ms (ICU's data), on the path of a window's first
  // list: the capability filter and each app's installations join one item or none (issue 15).
  if (items.length <= 1) return items[0] ?? '';
  const lang = current();
  let format = lang.lists.get(type);
  if (format === undefined) lang.lists.set(type, (format = new Intl.ListFormat(LOCALES[lang.tag].formatAs, { type })));
  const kind = pseudoKind(lang);
  if (kind === undefined) return format.format(items);
  // The joining words ("and", "or") are the language's own words too: pseudo-translated, the
  // items left as they are.
  const parts = format.formatToParts(items);
  return parts.map((p) => (p.type === 'literal' ? pseudoText(p.value, kind) : p.value)).join('');
}

/** A date and time as the language writes them. */
export function formatDateTime(date: Date | number, options?: Intl.DateTimeFormatOptions): string {
  const lang = current();
  const text = lang.intl.formatDate(date, options ?? { dateStyle: 'medium', timeStyle: 'short' });
  // A pseudo-locale borrows English dates: their month names are pseudo-translated too.
  const kind = pseudoKind(lang);
  return kind === undefined ? text : pseudoText(text, kind);
}

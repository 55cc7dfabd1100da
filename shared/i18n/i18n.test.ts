import { readFile } from 'node:fs/promises';
import { createIntl, IntlErrorCode } from '@formatjs/intl';
import { isArgumentElement, isLiteralElement, parse } from '@formatjs/icu-messageformat-parser';
import fc from 'fast-check';
import { po } from 'gettext-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCALES } from './locales';
import { currentLocale, defineMessage, formatList, formatNumber, setLanguage, t, textDirection, type Values } from '.';
import { languagesFromEnv, pickLocale } from './locales';
import { accent } from './pseudo';

const APPS = defineMessage({
  id: 'test.apps',
  defaultMessage: '{count, plural, one {# app} other {# apps}} in {place}',
});

const FROM_TO = defineMessage({ id: 'test.from-to', defaultMessage: '{before} → {after}' });

afterEach(async () => {
  await setLanguage([]);
});

describe('the language a command line asks for, as gettext reads the environment', () => {
  it('takes LC_ALL over LC_MESSAGES over LANG, skipping empty ones', () => {
    expect(pickLocale(languagesFromEnv({ LANG: 'de_DE.UTF-8' }))).toBe('de');
    expect(pickLocale(languagesFromEnv({ LANG: 'de_DE.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8' }))).toBe('fr');
    expect(
      pickLocale(languagesFromEnv({ LANG: 'fr_FR.UTF-8', LC_MESSAGES: 'fr_FR', LC_ALL: 'de_AT.UTF-8@euro' })),
    ).toBe('de');
    expect(pickLocale(languagesFromEnv({ LANG: 'de_DE.UTF-8', LC_ALL: '' }))).toBe('de');
  });

  it('reads LANGUAGE as a list of preferences, unless the locale is C', () => {
    expect(pickLocale(languagesFromEnv({ LANG: 'de_DE.UTF-8', LANGUAGE: 'pt_BR:fr' }))).toBe('fr');
    expect(pickLocale(languagesFromEnv({ LANG: 'C.UTF-8', LANGUAGE: 'de' }))).toBe('en');
    expect(pickLocale(languagesFromEnv({ LANGUAGE: 'de' }))).toBe('en');
    expect(pickLocale(languagesFromEnv({ LC_ALL: 'POSIX', LANG: 'de_DE.UTF-8' }))).toBe('en');
  });

  it('falls back to English for a language Confine does not have, or a name it cannot read', () => {
    expect(pickLocale(['ja-JP', 'pt-BR'])).toBe('en');
    expect(pickLocale(['../../etc/passwd', 'de;rm'])).toBe('en');
    expect(pickLocale(['en-XA'])).toBe('en-XA');
    expect(pickLocale(['fr-CA', 'de'])).toBe('fr');
  });
});

describe('formatting', () => {
  it('follows the language’s plural rules and number format', async () => {
    expect(t(APPS, { count: 1, place: 'x' })).toBe('1 app in x');
    expect(t(APPS, { count: 2, place: 'x' })).toBe('2 apps in x');
    expect(formatNumber(1234.5)).toBe('1,234.5');
    await setLanguage(['de-DE']);
    expect(currentLocale()).toBe('de');
    expect(formatNumber(1234.5)).toBe('1.234,5');
  });

  it('refuses a message whose placeholder has no value, rather than show it wrong', () => {
    expect(() => t(APPS, { count: 2 })).toThrow();
    expect(() => t(defineMessage({ id: 'test.plain', defaultMessage: 'in {place}' }))).toThrow();
  });

  // Messages of text and plain placeholders are put into words without formatjs (issue 19):
  // each must read exactly as formatjs writes it, in every catalog.
  it.each(['en', 'de', 'fr'] as const)('writes each %s message of plain placeholders as formatjs does', async (tag) => {
    const pot = po.parse(await readFile(new URL('../../locales/confine.pot', import.meta.url)));
    const english = Object.entries(pot.translations).flatMap(([id, byId]) =>
      id === '' ? [] : Object.values(byId).map((e) => ({ id, defaultMessage: e.msgid })),
    );
    const catalog: Record<string, string> =
      tag === 'en'
        ? {}
        : (JSON.parse(await readFile(new URL(`catalogs/${tag}.json`, import.meta.url), 'utf8')) as Record<
            string,
            string
          >);
    const intl = createIntl({
      locale: tag,
      defaultLocale: 'en',
      messages: catalog,
      onError: (e) => {
        if (e.code !== IntlErrorCode.MISSING_TRANSLATION) throw e;
      },
    });
    await setLanguage([tag]);
    let plain = 0;
    for (const [i, message] of english.entries()) {
      const elements = parse(catalog[message.id] || message.defaultMessage);
      if (!elements.every((e) => isLiteralElement(e) || isArgumentElement(e))) continue;
      plain++;
      // Strings and numbers (formatjs writes both as they are, grouping no digits), every other
      // message a number, so each kind meets each place.
      const values: Record<string, string | number> = {};
      for (const [j, e] of elements.entries())
        if (isArgumentElement(e)) values[e.value] = (i + j) % 2 ? 1234.5 : `‹${e.value}›`;
      expect(t(message, values as Values), message.id).toBe(intl.formatMessage(message, values));
    }
    expect(plain).toBeGreaterThan(100);
  });

  it('formats with formatjs what has ICU syntax beyond plain placeholders', () => {
    const cases = [
      ["It's {n}", "It's 5"],
      ["'{n}' is written as is", '{n} is written as is'],
      ['{ n } spaced', '5 spaced'],
      ['{n, number} apps', '5 apps'],
    ];
    for (const [defaultMessage, expected] of cases)
      expect(t(defineMessage({ id: `test.${defaultMessage}`, defaultMessage: defaultMessage ?? '' }), { n: 5 })).toBe(
        expected,
      );
    expect(t(defineMessage({ id: 'test.zero', defaultMessage: '{n} of {m}' }), { n: 0, m: '' })).toBe('0 of ');
  });

  it('accents every letter of the pseudo-locale, keeps placeholders and plurals, and lengthens', async () => {
    await setLanguage(['en-XA']);
    const text = t(APPS, { count: 2, place: 'Berlin' });
    expect(text).toMatch(/^2 [^A-Za-z]+ [^A-Za-z]+ Berlin$/);
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z ,.]{1,60}$/), (english) => {
        const pseudo = accent(english);
        expect(pseudo).not.toMatch(/[A-Za-z]/);
        expect([...pseudo].length).toBeGreaterThanOrEqual(english.length);
      }),
    );
    expect([...accent('Revoke the network for this app')].length).toBeGreaterThanOrEqual(
      Math.ceil('Revoke the network for this app'.length * 1.25),
    );
  });

  it('lays out the right-to-left pseudo-locale right to left', async () => {
    await setLanguage(['ar-XB']);
    expect(textDirection()).toBe('rtl');
    // The value is isolated (FSI … PDI): its words do not take the sentence's brackets with them.
    expect(t(APPS, { count: 1, place: 'x' })).toBe('1\u202e app\u202c\u202e in \u202c\u2068x\u2069');
    // An arrow from one value to the next points the way the sentence reads.
    expect(t(FROM_TO, { before: 'a', after: 'b' })).toBe('\u2068a\u2069\u202e ← \u202c\u2068b\u2069');
  });
});

describe('lists', () => {
  it('are joined with the language’s own words, pseudo-translated in the pseudo-locale', async () => {
    expect(formatList(['a', 'b', 'c'])).toBe('a, b, and c');
    await setLanguage(['de']);
    expect(formatList(['a', 'b', 'c'])).toBe('a, b und c');
    await setLanguage(['en-XA']);
    const joined = formatList(['Foo', 'Bar', 'Baz'], 'disjunction');
    expect(joined.replace(/Foo|Bar|Baz/g, '')).not.toMatch(/[A-Za-z]/);
    expect(joined).toMatch(/^Foo, Bar, .+ Baz$/);
  });

  it('of one item or none are what Intl.ListFormat makes of them, in every language and kind', async () => {
    for (const tag of Object.keys(LOCALES) as (keyof typeof LOCALES)[]) {
      await setLanguage([tag]);
      for (const type of ['conjunction', 'disjunction'] as const) {
        const intl = new Intl.ListFormat(LOCALES[tag].formatAs, { type });
        for (const items of [[], ['Foo'], ['']])
          expect({ tag, type, items, joined: formatList(items, type) }).toEqual({
            tag,
            type,
            items,
            joined: intl.format(items),
          });
      }
    }
  });
});

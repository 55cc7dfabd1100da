import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { currentLocale, defineMessage, formatList, formatNumber, setLanguage, t, textDirection } from '.';
import { languagesFromEnv, pickLocale } from './locales';
import { accent } from './pseudo';

const APPS = defineMessage({
  id: 'test.apps',
  defaultMessage: '{count, plural, one {# app} other {# apps}} in {place}',
});

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
    expect(t(APPS, { count: 1, place: 'x' })).toBe('1\u202e app\u202c\u202e in \u202cx');
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
});

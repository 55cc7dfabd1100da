// The shortcut readers take for plain paths and bus names, told by character codes, must accept
// exactly the shapes their rules state (written here as regular expressions, the form in which
// the rules were first given), or a path would skip the checks of the general parser.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainPath, parseFilesystemToken } from './filesystem';
import { checkAppId, checkBusName, isAppId } from './grammar';

// `/` or `~/`, then segments of A–Z a–z 0–9 _ . + @ % , = ~ -, none empty or starting with a dot.
const PLAIN_PATH_RULE = /^~?(?:\/[\w+@%,=~-][\w.+@%,=~-]*)+$/;
// GDBus well-known names: at least two elements of [A-Za-z0-9_-], none starting with a digit.
const BUS_NAME_RULE = /^[A-Za-z_-][A-Za-z0-9_-]*(?:\.[A-Za-z_-][A-Za-z0-9_-]*)+$/;
// flatpak_is_valid_name: at least three elements of [A-Za-z0-9_], none starting with a digit;
// the last one may also hold (and start with) a dash; 255 characters at most.
const APP_ID_RULE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+\.[A-Za-z_-][A-Za-z0-9_-]*$/;

const from = (chars: readonly string[], maxLength: number) =>
  fc.array(fc.constantFrom(...chars), { maxLength }).map((cs) => cs.join(''));

describe('plain paths', () => {
  it('are exactly the paths of the rule', () => {
    const chars = [
      '/',
      '/',
      '~',
      '.',
      'a',
      'Z',
      '0',
      '_',
      '-',
      '+',
      '@',
      '%',
      ',',
      '=',
      ':',
      '\\',
      ' ',
      '!',
      'é',
      '\t',
    ];
    fc.assert(
      fc.property(from(chars, 12), (s) => {
        expect({ s, plain: isPlainPath(s) }).toEqual({ s, plain: PLAIN_PATH_RULE.test(s) });
      }),
      { numRuns: 3000 },
    );
  });

  it('read as themselves, read-write, or revoked with a leading !', () => {
    for (const [token, path, mode] of [
      ['/d0', '/d0', 'rw'],
      ['~/Games', '~/Games', 'rw'],
      ['!/opt/x.y', '/opt/x.y', 'none'],
    ] as const) {
      expect(isPlainPath(token.replace(/^!/, ''))).toBe(true);
      expect(parseFilesystemToken(token)).toEqual({ ok: true, path, mode });
    }
    // Each of these needs the general parser: a suffix, a dot segment, a doubled or final slash.
    for (const token of ['/d0:ro', '/a/./b', '/a//b', '/a/', '~', '', '/.hidden', 'home', '/a b'])
      expect({ token, plain: isPlainPath(token) }).toEqual({ token, plain: false });
  });
});

describe('bus names', () => {
  it('are valid exactly when the rule says so', () => {
    const chars = ['.', '.', 'a', 'Z', '0', '9', '_', '-', '*', ':', ' ', 'é'];
    fc.assert(
      fc.property(from(chars, 10), (s) => {
        const base = s.endsWith('.*') ? s.slice(0, -2) : s;
        expect({ s, valid: checkBusName(s) === undefined }).toEqual({ s, valid: BUS_NAME_RULE.test(base) });
      }),
      { numRuns: 3000 },
    );
    expect(checkBusName(`a.${'b'.repeat(253)}`)).toBeUndefined();
    expect(checkBusName(`a.${'b'.repeat(254)}`)).toBeDefined();
  });
});

describe('app IDs', () => {
  it('are valid exactly when the rule says so, by the quick check and by the one that says why', () => {
    // Elements joined by periods, most of them good, some empty or with a bad character.
    const element = fc.oneof(
      { weight: 8, arbitrary: fc.tuple(from(['a', 'Z', '_', '0', '-'], 1), from(['a', 'Z', '0', '_', '-'], 3)) },
      { weight: 1, arbitrary: fc.tuple(from(['a', ' ', '/', 'é', '.'], 2), fc.constant('')) },
    );
    const ids = fc.array(element, { minLength: 1, maxLength: 5 }).map((es) => es.map((e) => e.join('')).join('.'));
    fc.assert(
      fc.property(ids, (s) => {
        const rule = APP_ID_RULE.test(s);
        expect({ s, quick: isAppId(s), why: checkAppId(s) === undefined }).toEqual({ s, quick: rule, why: rule });
      }),
      { numRuns: 3000 },
    );
    expect(isAppId(`a.b.${'c'.repeat(251)}`)).toBe(true);
    expect(isAppId(`a.b.${'c'.repeat(252)}`)).toBe(false);
  });
});

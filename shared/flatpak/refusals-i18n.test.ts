// Flatpak's refusals in the user's language: what the grammar, the filesystem entries, the
// `flatpak override` options, the key file reader and the portal vocabulary say of bad input goes
// through the catalog. Under the pseudo-locale a text that skipped it stays plain English among
// accented letters; under German every one of them reads differently from the English.

import { afterEach, describe, expect, it } from 'vitest';
import { englishWords } from '../../test/helpers/english-words';
import { setLanguage } from '../i18n';
import { KeyFile } from '../keyfile/keyfile';
import { checkPortalSet, checkPortalStored } from '../portals/vocabulary';
import { parseUserFilesystem } from './filesystem';
import {
  checkAppId,
  checkBusName,
  checkEnvName,
  checkEnvValue,
  checkPersistentPath,
  checkTypedHomePath,
} from './grammar';
import { parseChangeOption } from './override-args';
import type { Version } from './version';

afterEach(async () => {
  await setLanguage([]);
});

const VERSION: Version = [1, 14, 10];

function thrown(edit: () => unknown): string | undefined {
  try {
    edit();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no refusal');
}

/** Every refusal for inputs a person gets wrong, one of each kind. */
function refusals(): string[] {
  const texts = [
    ...['', 'x'.repeat(256), '.org.x.y', '0rg.x.y', 'org.x.', 'org-x.y.z', 'org.0x.y', 'org.x y.z', 'org.x'].map(
      checkAppId,
    ),
    ...[':1.5', 'org', 'org..x', 'org.x!.y', ''].map(checkBusName),
    ...['', 'A=B', 'A\0', 'A\nB', '[A]'].map(checkEnvName),
    checkEnvValue('a\0b'),
    ...['', '/abs', 'a/../b', '.', 'tab\there'].map(checkPersistentPath),
    ...['/abs', 'a/../b'].map(checkTypedHomePath),
    ...['relative/path', '~/a/../b', '/', 'home:r0', '!home:ro', 'host-reset', '!host-reset:ro', 'home:reset'].map(
      (entry) => {
        const parsed = parseUserFilesystem(entry);
        return parsed.ok ? undefined : parsed.message;
      },
    ),
    ...(
      [
        ['socket', 'x12'],
        ['env', 'NOEQUALS'],
        ['frobnicate', 'x'],
        ['default', 'nothing'],
        ['default', 'sockets:x12'],
        ['filesystem', 'home:r0'],
      ] as const
    ).map(([option, value]) => {
      const parsed = parseChangeOption(option, value, VERSION);
      return parsed.ok ? undefined : parsed.message;
    }),
    ...['garbage\n', '[A\n', '[A]\n=x\n', '[A]\nk y=1\n', '[A]\nEncoding=latin1\n', '[A\u0001]\n'].map((text) => {
      const parsed = KeyFile.parse(text);
      return parsed.ok ? undefined : parsed.error.message;
    }),
    // What a key file cannot be given again (`confine show` writes one from a hand-edited
    // override): a key Flatpak's split of `[Policy a. b]` makes, a value that is not UTF-8.
    ...[
      () => KeyFile.empty().withString('Policy a', ' b.c', 'x'),
      () => KeyFile.empty().withString('Environment', 'FOO', 'a\udcffb'),
    ].map(thrown),
    checkPortalSet('devices', 'camera', ['maybe']),
    checkPortalSet('screencast', 'x', ['yes']),
    checkPortalStored('devices', 'camera', ['maybe']),
    checkPortalStored('location', 'location', ['NEAR', '1']),
    checkPortalStored('documents', 'x', ['eat']),
    checkPortalStored('screencast', 'x', ['\u0001']),
  ];
  return texts.filter((t): t is string => t !== undefined);
}

// What was typed, and Flatpak's and the portals' own words, are data: left as they are.
const DATA = [
  'garbage',
  'latin',
  'Encoding',
  'frobnicate',
  'nothing',
  'NOEQUALS',
  'maybe',
  'eat',
  'NEAR',
  'abs',
  'path',
  'relative',
  'here',
  'home',
  'host',
  'etc',
  'dir',
  'reset',
  'null',
  'org',
  'yes',
  'ask',
  'NONE',
  'COUNTRY',
  'CITY',
  'NEIGHBORHOOD',
  'STREET',
  'EXACT',
  'read',
  'write',
  'grant',
  'permissions',
  'delete',
  'logout',
  'switch',
  'suspend',
  'idle',
  'screencast',
  'devices',
  'camera',
  'location',
  'documents',
  'socket',
  'sockets',
  'env',
  'shared',
  'features',
  'filesystems',
  'persistent',
  'environment',
  'Environment',
  'session',
  'system',
  'bus',
  'filesystem',
  'KIND',
  'VALUE',
  'FOO',
  'Games',
  'example',
  'Service',
  'x11',
  'wayland',
  'fallback',
  'pulseaudio',
  'cups',
  'pcsc',
  'gpg',
  'agent',
  'ssh',
  'auth',
  'inherit',
];

describe('Flatpak’s refusals', () => {
  it('are every one put into words through the catalog (en-XA)', async () => {
    const english = refusals();
    expect(english.length).toBeGreaterThan(40);
    await setLanguage(['en-XA']);
    const pseudo = refusals();
    expect(pseudo).toHaveLength(english.length);
    const plain = pseudo.flatMap((text) => englishWords(text, { words: DATA }));
    expect(plain).toEqual([]);
  });

  it('read in German, none left in English', async () => {
    const english = refusals();
    await setLanguage(['de']);
    const german = refusals();
    expect(german.filter((text, i) => text === english[i])).toEqual([]);
    expect(german).toContain('Name darf nicht leer sein');
  });

  it('would see a refusal that bypassed the catalog', () => {
    expect(englishWords('Ńåɱé: Name can’t be empty', { words: DATA })).not.toEqual([]);
  });
});

// Confine accepts and refuses exactly what the real `flatpak override` accepts and refuses,
// for app IDs, bus names, filesystem entries and environment variables, and says why in
// Flatpak's words.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAppId, checkBusName } from '../shared/flatpak/grammar';
import {
  BUS_POLICIES,
  FILESYSTEM_MODES,
  FILESYSTEM_RESET,
  FLAG_OPTIONS,
  knownFlags,
  OTHER_OPTIONS,
  SPECIAL_FILESYSTEMS,
  XDG_FILESYSTEMS,
  type FlagKind,
} from '../shared/flatpak/catalogue';
import { parseVersion } from '../shared/flatpak/version';
import { parseUserFilesystem } from '../shared/flatpak/filesystem';
import { confine, flatpak, workspace } from './helpers/testbed';

const APP = 'org.confine.Test002';

function stripError(stderr: string): string {
  return stderr.replace(/\n$/, '').replace(/^error: /, '');
}

describe('the catalogue against flatpak', () => {
  it('knows exactly the shares, sockets, devices and features the installed flatpak knows', async () => {
    const env = await workspace();
    const version = parseVersion((await flatpak(env, ['--version'])).stdout);
    expect(version).toBeDefined();
    const kinds: [FlagKind, string, string][] = [
      ['shared', '--share', 'share'],
      ['sockets', '--socket', 'socket'],
      ['devices', '--device', 'device'],
      ['features', '--allow', 'feature'],
    ];
    for (const [kind, option, noun] of kinds) {
      const r = await flatpak(env, ['override', '--user', `${option}=no-such-thing`, APP]);
      const listed = new RegExp(`Unknown ${noun} type no-such-thing, valid types are: (.*)`)
        .exec(r.stderr)?.[1]
        ?.trim()
        .split(', ');
      expect({ kind, names: knownFlags(kind, version ?? [0, 0, 0]) }).toEqual({ kind, names: listed });
    }
  });

  it('gives every option a label, a one-line explanation and the first Flatpak version that has it', () => {
    const named = [
      ...FLAG_OPTIONS,
      ...SPECIAL_FILESYSTEMS,
      ...XDG_FILESYSTEMS,
      ...FILESYSTEM_MODES,
      ...BUS_POLICIES,
      FILESYSTEM_RESET,
      ...Object.values(OTHER_OPTIONS),
    ];
    for (const o of named) {
      expect(o.label.length).toBeGreaterThan(2);
      expect(o.description).toMatch(/^[A-Z~$].*\.$/);
      expect(o.description.includes('\n')).toBe(false);
      expect(o.since[0] + o.since[1] + o.since[2]).toBeGreaterThan(0);
    }
  });
});

describe('grammar against flatpak', () => {
  it('accepts and refuses the same application IDs, with the same reason', async () => {
    const env = await workspace();
    const generated = fc.sample(
      fc
        .array(fc.constantFrom('a', 'Z', '_', '-', '.', '0', '9', 'é', '/', ' ', 'org', 'example', 'App'), {
          minLength: 0,
          maxLength: 9,
        })
        .map((p) => p.join('')),
      { numRuns: 150, seed: 7 },
    );
    const ids = [
      ...new Set([
        'org.example.App',
        'org.example.My-App',
        'org.my-example.App',
        '../../.bashrc',
        '/etc/passwd',
        'org..x',
        'org.example.',
        '.org.x.y',
        'org.0x.y',
        'a.b',
        'a.b.c',
        'x'.repeat(256),
        ...generated,
      ]),
    ].filter((id) => id !== '' && !id.startsWith('-'));
    for (const id of ids) {
      const theirs = await flatpak(env, ['override', '--user', '--show', id]);
      const ours = checkAppId(id);
      expect({ id, valid: ours === undefined }).toEqual({ id, valid: theirs.code === 0 });
      if (ours === undefined) continue;
      const message = `'${id}' is not a valid application name: ${ours}`;
      // Flatpak names a bad character by its first byte only; Confine names the whole character.
      const last = Array.from(ours).pop() ?? '';
      if (last.charCodeAt(0) > 0x7f)
        expect(stripError(theirs.stderr).startsWith(message.slice(0, -last.length))).toBe(true);
      else expect(stripError(theirs.stderr)).toBe(message);
    }
  });

  it('accepts and refuses the same bus names', async () => {
    const env = await workspace();
    const generated = fc.sample(
      fc
        .array(fc.constantFrom('org', 'a', '.', '*', '-', '_', '0', ':', ' ', 'Foo', '.*'), {
          minLength: 1,
          maxLength: 7,
        })
        .map((p) => p.join('')),
      { numRuns: 120, seed: 11 },
    );
    for (const name of [
      ...new Set([
        'org.freedesktop.secrets',
        'org.gtk.vfs.*',
        'org.*',
        ':1.42',
        'org.-x.y',
        'org.0x',
        'a',
        'not a bus name',
        ...generated,
      ]),
    ]) {
      if (name.startsWith('-')) continue;
      const theirs = await flatpak(env, ['override', '--user', `--talk-name=${name}`, APP]);
      expect({ name, valid: checkBusName(name) === undefined }).toEqual({ name, valid: theirs.code === 0 });
      if (theirs.code !== 0) expect(checkBusName(name)).toContain(stripError(theirs.stderr));
    }
  });

  it('accepts and refuses the same filesystem entries, with the same meaning', async () => {
    const env = await workspace();
    const entries = [
      'home',
      'host',
      'host-os',
      'host-etc',
      'host:reset',
      '~',
      '~/Games',
      '~/Games:ro',
      'home/Music',
      '/mnt',
      '/mnt/',
      '/mnt/./x//y',
      '/',
      '/..',
      '/a/../b',
      'xdg-download',
      'xdg-download/Sub:create',
      'xdg-run',
      'xdg-run/pipewire-0',
      'xdg-nonsense',
      'relative/path',
      'host-reset',
      'home:bogus',
      'a\\:b',
      '/x:y:ro',
      '~/tab\there',
      'xdg-config/autostart:rw',
      'host-etc:create',
    ];
    for (const entry of entries) {
      for (const negated of [false, true]) {
        const option = negated ? '--nofilesystem' : '--filesystem';
        const w = await workspace();
        const theirs = await flatpak(w, ['override', '--user', `${option}=${entry}`, APP]);
        const ours = parseUserFilesystem(negated ? `!${entry}` : entry);
        // What flatpak accepts with a warning about the suffix (home:bogus reads as read-write),
        // Confine refuses, naming the suffixes there are.
        const warned = theirs.code === 0 && /suffix/i.test(theirs.stderr);
        expect({ entry, negated, valid: ours.ok }).toEqual({ entry, negated, valid: theirs.code === 0 && !warned });
        if (warned) {
          expect(ours.ok ? '' : ours.message).toContain('the suffixes are :ro, :rw and :create');
          expect((await confine(env, ['override', `${option}=${entry}`])).code).toBe(2);
          continue;
        }
        if (!ours.ok) {
          expect(stripError(theirs.stderr)).toContain(ours.message.replace(/[“”]/g, '"'));
          continue;
        }
        // The same entry given to Confine writes what flatpak wrote.
        const c = await confine(env, ['override', `${option}=${entry}`]);
        expect(c.code).toBe(0);
        const flatpakFile = await flatpak(w, ['override', '--user', '--show', APP]);
        const confineFile = await flatpak(env, ['override', '--user', '--show']);
        expect({ entry, negated, file: confineFile.stdout }).toEqual({ entry, negated, file: flatpakFile.stdout });
        await confine(env, ['override', '--reset']);
      }
    }
  });

  it('refuses bad values with exit status 2 and a message that names the bad part', async () => {
    const env = await workspace();
    const cases: [string[], string][] = [
      [
        ['override', '--socket=bogus', APP],
        'Unknown socket type bogus, valid types are: x11, wayland, pulseaudio, session-bus, system-bus, fallback-x11, ssh-auth, pcsc, cups, gpg-agent',
      ],
      [['override', '--share=internet', APP], 'Unknown share type internet'],
      [['override', '--device=input', APP], 'Unknown device type input'],
      [['override', '--filesystem=bogus', APP], 'Unknown filesystem location bogus'],
      [['override', '--talk-name=not a bus name', APP], 'Invalid dbus name not a bus name'],
      [['override', '--env=NOVALUE', APP], 'Invalid env format NOVALUE'],
      [['override', '--unset-env=A=B', APP], "Environment variable name must not contain '=': A=B"],
      [['override', '--persist=../escape', APP], 'contains “..”'],
      [['override', '--persist=/abs', APP], 'must be relative to the home directory'],
      [
        ['override', '--socket=x11', '../../.bashrc'],
        "'../../.bashrc' is not a valid application name: Name can't start with a period",
      ],
      [
        ['override', '--socket=x11', '/etc/passwd'],
        "'/etc/passwd' is not a valid application name: Name can't start with /",
      ],
      [['show', 'org.example'], "'org.example' is not a valid application name: Names must contain at least 2 periods"],
      [['override', '--nofilesystem=home:reset', APP], 'can only be applied to --nofilesystem=host'],
      [['override', APP], 'Nothing to change'],
      [['override', '--reset', '--socket=x11', APP], '--reset cannot be combined'],
      [['frobnicate'], 'Unknown command frobnicate'],
      [['override', '--add-policy=a.b=c', APP], 'Unknown option --add-policy=a.b=c'],
      [['override', '--default=sockets', APP], '--default takes KIND:VALUE'],
    ];
    for (const [args, message] of cases) {
      const r = await confine(env, args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    }
  });
});

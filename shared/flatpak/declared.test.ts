import { describe, expect, it } from 'vitest';
import { allowCommand, canonicalItems, denialOf, diffDeclared } from './declared';
import { DEFAULT_FLATPAK_VERSION } from './version';

const v = DEFAULT_FLATPAK_VERSION;

describe('the declared permissions of an app, before and after an update', () => {
  it('are compared as sets of flatpak override options', () => {
    expect(diffDeclared(['--share=network', '--socket=x11'], ['--socket=x11', '--filesystem=home'])).toEqual({
      added: ['--filesystem=home'],
      removed: ['--share=network'],
    });
  });

  it('read an item given in another spelling as the one listed', () => {
    expect(canonicalItems('--filesystem=home:rw', v)).toEqual(['--filesystem=home']);
    expect(canonicalItems('--talk-name=org.example.A', v)).toEqual(['--talk-name=org.example.A']);
    expect(canonicalItems('--nonsense=1', v)).toBeUndefined();
  });

  it('deny an addition by revoking it, and a wider mode by going back to the one seen', () => {
    expect(denialOf('--share=network', [], v)).toEqual({ kind: 'shared', name: 'network', value: false });
    expect(denialOf('--filesystem=home', ['--filesystem=home:ro'], v)).toEqual({
      kind: 'filesystems',
      path: 'home',
      value: 'ro',
    });
    expect(denialOf('--own-name=org.example.A', ['--talk-name=org.example.A'], v)).toEqual({
      kind: 'bus',
      bus: 'session',
      name: 'org.example.A',
      value: 'talk',
    });
    expect(denialOf('--env=FOO=new', ['--env=FOO=old'], v)).toEqual({ kind: 'environment', name: 'FOO', value: 'old' });
    expect(denialOf('--env=FOO=new', [], v)).toEqual({ kind: 'environment', name: 'FOO', value: null });
  });

  it('deny nothing that gives the app no more than it had', () => {
    expect(denialOf('--unshare=network', [], v)).toBeUndefined();
    expect(denialOf('--filesystem=home:ro', ['--filesystem=home'], v)).toBeUndefined();
    expect(denialOf('--nofilesystem=home', [], v)).toBeUndefined();
    // Flatpak has no option that takes a persistent folder back.
    expect(denialOf('--persist=.app', [], v)).toBeUndefined();
  });

  it('are given back by returning each denied entry to its default', () => {
    expect(
      allowCommand(
        'org.example.App',
        ['--share=network', '--filesystem=~/My Files', '--system-talk-name=org.bluez'],
        v,
      ),
    ).toBe(
      "confine override --default=shared:network '--default=filesystems:~/My Files' --default=system-bus:org.bluez org.example.App",
    );
  });
});

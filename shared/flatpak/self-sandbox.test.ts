import { describe, expect, it } from 'vitest';
import {
  grantReadCommand,
  parseFlatpakInfo,
  systemOverrideCommand,
  systemOverrideRefusal,
  unreachableInstallation,
} from './self-sandbox';

// /.flatpak-info as flatpak 1.14.10 wrote it for Confine in the sandbox test (paths shortened).
const INFO = `[Application]
name=dev.confine.Confine
runtime=runtime/org.confine.NodePlatform/x86_64/1

[Instance]
instance-id=506144372
instance-path=/home/user/.var/app/dev.confine.Confine
app-commit=9ab04f3c9d6d2f6591299ff601dc732298d2f9795e860fc9c250ed90af3811b4
branch=stable
arch=x86_64
flatpak-version=1.14.10
session-bus-proxy=true
system-bus-proxy=true

[Context]
shared=ipc;
sockets=x11;wayland;fallback-x11;
devices=dri;
filesystems=host-etc:ro;/var/lib/flatpak:ro;xdg-data/flatpak/overrides:create;xdg-data/flatpak:ro;

[Session Bus Policy]
org.freedesktop.impl.portal.PermissionStore=talk
`;

describe('/.flatpak-info', () => {
  it('names the app Flatpak runs and the flatpak that started it', () => {
    expect(parseFlatpakInfo(INFO)).toEqual({ appId: 'dev.confine.Confine', flatpakVersion: [1, 14, 10] });
  });

  it('an older flatpak wrote no version: the app alone', () => {
    expect(parseFlatpakInfo(INFO.replace('flatpak-version=1.14.10\n', ''))).toEqual({ appId: 'dev.confine.Confine' });
  });

  it('is no sandbox of an app when it names none, or cannot be read as a keyfile', () => {
    expect(parseFlatpakInfo('[Instance]\nflatpak-version=1.14.10\n')).toBeNull();
    expect(parseFlatpakInfo('name=dev.confine.Confine\n')).toBeNull();
  });
});

describe('what Confine says from inside its sandbox', () => {
  const sandbox = { appId: 'dev.confine.Confine' };

  it('grants a folder read-only to the app it runs as, quoted for a shell', () => {
    expect(grantReadCommand(sandbox, '/mnt/flatpak')).toBe(
      'flatpak override --user dev.confine.Confine --filesystem=/mnt/flatpak:ro',
    );
    expect(grantReadCommand({ appId: 'dev.confine.Confine.Devel' }, '/mnt/my apps')).toBe(
      "flatpak override --user dev.confine.Confine.Devel '--filesystem=/mnt/my apps:ro'",
    );
  });

  it('names an installation it cannot see, with that command', () => {
    const text = unreachableInstallation(sandbox, {
      id: 'extra',
      kind: 'custom',
      path: '/mnt/flatpak',
      displayName: 'Extra',
      priority: 0,
    });
    expect(text).toContain('“extra”');
    expect(text).toContain('inside its Flatpak sandbox');
    expect(text.endsWith(': flatpak override --user dev.confine.Confine --filesystem=/mnt/flatpak:ro')).toBe(true);
  });

  it('hands a system override to flatpak: from inside the sandbox because it cannot, outside because Confine writes only the user’s', () => {
    const command = systemOverrideCommand('org.example.App', ['--unshare=network', '--env=A=b c']);
    expect(command).toBe("flatpak override --system --unshare=network '--env=A=b c' org.example.App");
    expect(systemOverrideCommand(null, ['--reset'])).toBe('flatpak override --system --reset');
    expect(systemOverrideRefusal(sandbox, command)).toMatch(
      /^System overrides cannot be written from inside Confine’s Flatpak sandbox: .*on the host.*: flatpak override --system /,
    );
    expect(systemOverrideRefusal(null, command)).not.toMatch(/sandbox/);
    expect(systemOverrideRefusal(null, command).endsWith(`: ${command}`)).toBe(true);
  });
});

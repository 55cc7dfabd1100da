// Every rule of the presets, with permissions that make it propose a change and a near miss that
// must not: the changes expected follow what each rule is documented to do (its title, and
// DESIGN.md's hardening advice), and a rule added without its cases fails here.

import { describe, expect, it } from 'vitest';
import { VERSION } from '../../test/arbitraries/context';
import { contextOf } from '../../test/helpers/finish-args';
import type { Change } from '../flatpak/edit';
import type { AppFacts, HomeEntry } from './needs';
import { propose, RULE_IDS } from './presets';

interface Case {
  readonly args: readonly string[];
  /** What is in the home folder, where a rule depends on it. */
  readonly home?: readonly (readonly [string, HomeEntry])[];
}
interface Fires extends Case {
  /** The changes, as `sockets=!x11`, `filesystems=~/.ssh:ro` or `session:name=none`. */
  readonly changes: readonly string[];
}

const app = (home: Case['home'] = []): AppFacts => ({
  id: 'org.example.App',
  categories: [],
  runtime: 'org.freedesktop.Platform/x86_64/24.08',
  session: { type: 'wayland', desktop: 'GNOME' },
  flatpak: VERSION,
  home: new Map(home),
});

function written(c: Change): string {
  if (c.kind === 'filesystems') return `filesystems=${c.path}:${c.value ?? ''}`;
  if (c.kind === 'bus') return `${c.bus}:${c.name}=${c.value ?? ''}`;
  if (c.kind === 'filesystem-reset' || c.kind === 'persistent' || c.kind === 'environment') return c.kind;
  return `${c.kind}=${c.value ? '' : '!'}${c.name}`;
}

const HOME = ['--filesystem=home'];

/** For each rule: permissions on which it proposes (and what), and a near miss where it does not. */
const CASES: Readonly<Record<string, { fires: readonly Fires[]; silent: readonly Case[] }>> = {
  'flatpak-portal': {
    fires: [{ args: ['--talk-name=org.freedesktop.Flatpak'], changes: ['session:org.freedesktop.Flatpak=none'] }],
    silent: [{ args: ['--talk-name=org.freedesktop.Notifications'] }],
  },
  systemd: {
    fires: [{ args: ['--talk-name=org.freedesktop.systemd1'], changes: ['session:org.freedesktop.systemd1=none'] }],
    silent: [{ args: ['--see-name=org.freedesktop.systemd1'] }],
  },
  'session-bus': {
    fires: [{ args: ['--socket=session-bus'], changes: ['sockets=!session-bus'] }],
    silent: [{ args: ['--talk-name=org.example.Foo'] }],
  },
  'system-bus': {
    fires: [{ args: ['--socket=system-bus'], changes: ['sockets=!system-bus'] }],
    silent: [{ args: ['--system-talk-name=org.freedesktop.NetworkManager'] }],
  },
  overrides: {
    // It keeps reading them.
    fires: [
      {
        args: ['--filesystem=xdg-data/flatpak/overrides:create'],
        changes: ['filesystems=xdg-data/flatpak/overrides:ro'],
      },
    ],
    silent: [{ args: ['--filesystem=xdg-data/flatpak/overrides:ro'] }],
  },
  startup: {
    fires: [{ args: ['--filesystem=xdg-config/autostart'], changes: ['filesystems=xdg-config/autostart:none'] }],
    silent: [{ args: ['--filesystem=xdg-config/autostart:ro'] }],
  },
  dconf: {
    fires: [{ args: ['--talk-name=ca.desrt.dconf'], changes: ['session:ca.desrt.dconf=none'] }],
    silent: [{ args: ['--filesystem=xdg-config/dconf:ro'] }],
  },
  containers: {
    // Read-only does not stop a socket: the entry goes.
    fires: [{ args: ['--filesystem=xdg-run/podman:ro'], changes: ['filesystems=xdg-run/podman:none'] }],
    silent: [{ args: ['--filesystem=xdg-run/gvfsd'] }],
  },
  'host-tmp': {
    fires: [{ args: ['--filesystem=/tmp'], changes: ['filesystems=/tmp:none'] }],
    silent: [{ args: ['--filesystem=/mnt'] }],
  },
  gnupg: {
    fires: [{ args: ['--filesystem=~/.gnupg'], changes: ['filesystems=~/.gnupg:ro'] }],
    silent: [{ args: ['--filesystem=~/.gnupg:ro'] }],
  },
  ssh: {
    fires: [{ args: ['--filesystem=~/.ssh'], changes: ['filesystems=~/.ssh:ro'] }],
    silent: [{ args: ['--filesystem=~/.ssh:ro'] }],
  },
  'native-messaging': {
    fires: [
      {
        args: ['--filesystem=~/.mozilla/native-messaging-hosts'],
        changes: ['filesystems=~/.mozilla/native-messaging-hosts:none'],
      },
    ],
    silent: [{ args: ['--filesystem=~/.mozilla/native-messaging-hosts:ro'] }],
  },
  'other-apps': {
    fires: [{ args: ['--filesystem=~/.var/app'], changes: ['filesystems=~/.var/app:ro'] }],
    silent: [{ args: ['--filesystem=~/.var/app:ro'] }],
  },
  // Under a writable home, the masks make what exists read-only; a missing file cannot be.
  'mask:startup': {
    fires: [{ args: HOME, home: [['~/.bashrc', 'file']], changes: ['filesystems=~/.bashrc:ro'] }],
    silent: [{ args: HOME }, { args: ['--filesystem=home:ro'], home: [['~/.bashrc', 'file']] }],
  },
  'mask:config': {
    fires: [{ args: HOME, changes: ['filesystems=~/.config:ro'] }],
    silent: [{ args: ['--filesystem=home:ro'] }],
  },
  'mask:local': {
    fires: [{ args: HOME, changes: ['filesystems=~/.local:ro'] }],
    silent: [{ args: ['--filesystem=home:ro'] }],
  },
  'mask:var': {
    fires: [{ args: HOME, changes: ['filesystems=~/.var:ro'] }],
    silent: [{ args: ['--filesystem=home:ro'] }],
  },
  'mask:keys': {
    fires: [{ args: HOME, changes: ['filesystems=~/.ssh:ro', 'filesystems=~/.gnupg:ro'] }],
    silent: [{ args: [...HOME, '--filesystem=~/.ssh:ro', '--filesystem=~/.gnupg:ro'] }],
  },
  'mask:programs': {
    fires: [{ args: HOME, home: [['~/.mozilla', 'dir']], changes: ['filesystems=~/.mozilla:ro'] }],
    silent: [{ args: HOME }],
  },
  home: {
    fires: [{ args: ['--filesystem=home:ro'], changes: ['filesystems=home:none'] }],
    silent: [{ args: ['--filesystem=xdg-documents:ro'] }],
  },
  network: {
    fires: [{ args: ['--share=network'], changes: ['shared=!network'] }],
    silent: [{ args: ['--share=ipc'] }],
  },
  pulseaudio: {
    fires: [{ args: ['--socket=pulseaudio'], changes: ['sockets=!pulseaudio'] }],
    silent: [{ args: ['--socket=wayland'] }],
  },
  pipewire: {
    fires: [{ args: ['--filesystem=xdg-run/pipewire-0'], changes: ['filesystems=xdg-run/pipewire-0:none'] }],
    // With PulseAudio, the sound rule takes PipeWire with it.
    silent: [{ args: ['--filesystem=xdg-run/pipewire-0', '--socket=pulseaudio'] }],
  },
  'device-all': {
    fires: [
      // All devices is also its only GPU access: the GPU is kept.
      { args: ['--device=all'], changes: ['devices=!all', 'devices=dri'] },
      { args: ['--device=all', '--device=dri'], changes: ['devices=!all'] },
    ],
    silent: [{ args: ['--device=dri'] }],
  },
  keyring: {
    fires: [
      { args: ['--talk-name=org.freedesktop.secrets'], changes: ['session:org.freedesktop.secrets=none'] },
      { args: ['--talk-name=org.kde.kwalletd6'], changes: ['session:org.kde.kwalletd6=none'] },
    ],
    silent: [{ args: ['--talk-name=org.freedesktop.Notifications'] }],
  },
  x11: {
    fires: [{ args: ['--socket=x11', '--socket=wayland'], changes: ['sockets=fallback-x11', 'sockets=!x11'] }],
    // Without Wayland, X11 is its only display.
    silent: [{ args: ['--socket=x11'] }],
  },
  'permission-store': {
    fires: [
      {
        args: ['--talk-name=org.freedesktop.impl.portal.PermissionStore'],
        changes: ['session:org.freedesktop.impl.portal.PermissionStore=none'],
      },
    ],
    silent: [{ args: ['--talk-name=org.freedesktop.portal.Desktop'] }],
  },
  'ssh-auth': {
    fires: [{ args: ['--socket=ssh-auth'], changes: ['sockets=!ssh-auth'] }],
    silent: [{ args: ['--socket=gpg-agent'] }],
  },
  'gpg-agent': {
    fires: [
      { args: ['--socket=gpg-agent'], changes: ['sockets=!gpg-agent'] },
      {
        args: ['--socket=gpg-agent', '--filesystem=xdg-run/gnupg'],
        changes: ['sockets=!gpg-agent', 'filesystems=xdg-run/gnupg:none'],
      },
    ],
    silent: [{ args: ['--socket=ssh-auth'] }],
  },
  pcsc: {
    fires: [{ args: ['--socket=pcsc'], changes: ['sockets=!pcsc'] }],
    silent: [{ args: ['--socket=cups'] }],
  },
  cups: {
    fires: [{ args: ['--socket=cups'], changes: ['sockets=!cups'] }],
    silent: [{ args: ['--socket=pcsc'] }],
  },
  devel: {
    fires: [{ args: ['--allow=devel'], changes: ['features=!devel'] }],
    silent: [{ args: ['--allow=multiarch'] }],
  },
  bluetooth: {
    fires: [{ args: ['--allow=bluetooth'], changes: ['features=!bluetooth'] }],
    silent: [{ args: ['--allow=canbus'] }],
  },
  canbus: {
    fires: [{ args: ['--allow=canbus'], changes: ['features=!canbus'] }],
    silent: [{ args: ['--allow=bluetooth'] }],
  },
  kvm: {
    fires: [{ args: ['--device=kvm'], changes: ['devices=!kvm'] }],
    silent: [{ args: ['--device=dri'] }],
  },
  shm: {
    fires: [{ args: ['--device=shm'], changes: ['devices=!shm'] }],
    silent: [{ args: ['--device=dri'] }],
  },
  ipc: {
    fires: [{ args: ['--share=ipc'], changes: ['shared=!ipc'] }],
    // IPC matters only to X11: with X11 kept, revoking it gains nothing.
    silent: [{ args: ['--share=ipc', '--socket=x11'] }],
  },
  'system-bus-names': {
    fires: [
      {
        args: ['--system-talk-name=org.freedesktop.NetworkManager'],
        changes: ['system:org.freedesktop.NetworkManager=none'],
      },
    ],
    silent: [{ args: ['--system-see-name=org.freedesktop.NetworkManager'] }],
  },
};

/** Strict proposes every rule, ticked or not. */
const proposal = (c: Case, id: string) => propose('strict', contextOf(c.args), app(c.home)).find((p) => p.id === id);

describe('the preset rules', () => {
  it('each have a case where they propose and one where they do not, and each case a rule', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    expect(
      RULE_IDS.filter((id) => !CASES[id]?.fires.length || !CASES[id]?.silent.length),
      'rules without cases',
    ).toEqual([]);
    expect(
      Object.keys(CASES).filter((id) => !RULE_IDS.includes(id)),
      'cases of no rule',
    ).toEqual([]);
  });

  describe.each(RULE_IDS.map((id) => [id] as const))('%s', (id) => {
    it.each((CASES[id]?.fires ?? []).map((c) => [c.args.join(' '), c] as const))(
      'proposes on %s what it is for',
      (_, c) => {
        expect(proposal(c, id)?.changes.map(written)).toEqual(c.changes);
      },
    );
    it.each((CASES[id]?.silent ?? []).map((c) => [c.args.join(' '), c] as const))('proposes nothing on %s', (_, c) => {
      expect(proposal(c, id)).toBeUndefined();
    });
  });
});

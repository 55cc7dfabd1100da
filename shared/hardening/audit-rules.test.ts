// Every rule of the audit, with a permission set that makes it fire and a near miss that must
// not: the cases follow what each finding means (docs: DESIGN.md, hardening advice), and a rule
// added to the table without its cases fails here.

import { describe, expect, it } from 'vitest';
import { contextOf } from '../../test/helpers/finish-args';
import { auditApp, auditFacts, type PortalGrant } from './audit';
import { AUDIT_RULES } from './audit-rules';

interface Case {
  readonly args: readonly string[];
  readonly grants?: readonly PortalGrant[];
}
interface Fires extends Case {
  /** The permission entries the finding must name. */
  readonly entries: readonly string[];
  /** The finding's ID where it is not the rule's own. */
  readonly id?: string;
}

const CAMERA: PortalGrant = {
  key: 'camera',
  title: 'Camera',
  detail: 'It can use your camera without asking.',
  permission: 'portal devices/camera=yes',
};

/** For each rule: when it fires (and on which entries), and a near miss where it does not. */
const CASES: Readonly<Record<string, { fires: readonly Fires[]; silent: readonly Case[] }>> = {
  'escape:session-bus': {
    fires: [{ args: ['--socket=session-bus'], entries: ['sockets=session-bus'] }],
    silent: [{ args: ['--talk-name=org.freedesktop.Notifications'] }],
  },
  'escape:system-bus': {
    fires: [{ args: ['--socket=system-bus'], entries: ['sockets=system-bus'] }],
    silent: [{ args: ['--system-talk-name=org.freedesktop.NetworkManager'] }],
  },
  'escape:write-home': {
    fires: [
      { args: ['--filesystem=home'], entries: ['filesystems=home'] },
      { args: ['--filesystem=host'], entries: ['filesystems=host'] },
    ],
    silent: [{ args: ['--filesystem=home:ro'] }],
  },
  'read-home': {
    fires: [{ args: ['--filesystem=home:ro'], entries: ['filesystems=home:ro'] }],
    // Writing it is the wider finding, which says reading too.
    silent: [{ args: ['--filesystem=home'] }, { args: ['--filesystem=xdg-documents:ro'] }],
  },
  'escape:flatpak-portal': {
    fires: [{ args: ['--talk-name=org.freedesktop.Flatpak'], entries: ['talk-name=org.freedesktop.Flatpak'] }],
    silent: [{ args: ['--see-name=org.freedesktop.Flatpak'] }],
  },
  'escape:systemd': {
    fires: [{ args: ['--talk-name=org.freedesktop.systemd1'], entries: ['talk-name=org.freedesktop.systemd1'] }],
    silent: [{ args: ['--see-name=org.freedesktop.systemd1'] }],
  },
  'escape:write-startup': {
    fires: [{ args: ['--filesystem=xdg-config/autostart'], entries: ['filesystems=xdg-config/autostart'] }],
    silent: [{ args: ['--filesystem=xdg-config/autostart:ro'] }],
  },
  'escape:flatpak-overrides': {
    fires: [
      {
        args: ['--filesystem=xdg-data/flatpak/overrides:create'],
        entries: ['filesystems=xdg-data/flatpak/overrides'],
      },
    ],
    silent: [{ args: ['--filesystem=xdg-data/flatpak/overrides:ro'] }],
  },
  'escape:dconf': {
    fires: [
      { args: ['--talk-name=ca.desrt.dconf'], entries: ['talk-name=ca.desrt.dconf'] },
      { args: ['--filesystem=xdg-config/dconf'], entries: ['filesystems=xdg-config/dconf'] },
    ],
    silent: [{ args: ['--filesystem=xdg-config/dconf:ro'] }],
  },
  'escape:gnupg': {
    fires: [{ args: ['--filesystem=~/.gnupg'], entries: ['filesystems=~/.gnupg'] }],
    silent: [{ args: ['--filesystem=~/.gnupg:ro'] }],
  },
  'escape:ssh': {
    fires: [{ args: ['--filesystem=~/.ssh:create'], entries: ['filesystems=~/.ssh'] }],
    silent: [{ args: ['--filesystem=~/.ssh:ro'] }],
  },
  'escape:native-messaging': {
    fires: [
      {
        args: ['--filesystem=~/.mozilla/native-messaging-hosts'],
        entries: ['filesystems=~/.mozilla/native-messaging-hosts'],
      },
    ],
    silent: [{ args: ['--filesystem=~/.mozilla/native-messaging-hosts:ro'] }],
  },
  'escape:containers': {
    // Read-only does not stop a socket being used.
    fires: [{ args: ['--filesystem=xdg-run/podman:ro'], entries: ['filesystems=xdg-run/podman'] }],
    silent: [{ args: ['--filesystem=xdg-run/gvfsd'] }],
  },
  'escape:host-tmp': {
    fires: [{ args: ['--filesystem=/tmp:ro'], entries: ['filesystems=/tmp'] }],
    // `host` leaves out /tmp: the sandbox keeps its own.
    silent: [{ args: ['--filesystem=host:ro'] }],
  },
  'other-apps': {
    fires: [{ args: ['--filesystem=~/.var/app'], entries: ['filesystems=~/.var/app'] }],
    silent: [{ args: ['--filesystem=~/.var/app:ro'] }],
  },
  secrets: {
    // KWallet is a keyring too.
    fires: [
      { args: ['--talk-name=org.freedesktop.secrets'], entries: ['talk-name=org.freedesktop.secrets'] },
      { args: ['--talk-name=org.kde.kwalletd5'], entries: ['talk-name=org.kde.kwalletd5'] },
    ],
    silent: [{ args: ['--talk-name=org.kde.StatusNotifierWatcher'] }],
  },
  'permission-store': {
    fires: [
      {
        args: ['--talk-name=org.freedesktop.impl.portal.PermissionStore'],
        entries: ['talk-name=org.freedesktop.impl.portal.PermissionStore'],
      },
    ],
    silent: [{ args: ['--talk-name=org.freedesktop.portal.Desktop'] }],
  },
  pipewire: {
    fires: [{ args: ['--filesystem=xdg-run/pipewire-0:ro'], entries: ['filesystems=xdg-run/pipewire-0'] }],
    silent: [{ args: ['--socket=wayland'] }],
  },
  'device-all': {
    fires: [{ args: ['--device=all'], entries: ['devices=all'] }],
    silent: [{ args: ['--device=dri'] }],
  },
  'ssh-auth': {
    fires: [{ args: ['--socket=ssh-auth'], entries: ['sockets=ssh-auth'] }],
    silent: [{ args: ['--socket=gpg-agent'] }],
  },
  'gpg-agent': {
    fires: [
      { args: ['--socket=gpg-agent'], entries: ['sockets=gpg-agent'] },
      { args: ['--filesystem=xdg-run/gnupg:ro'], entries: ['filesystems=xdg-run/gnupg'] },
      {
        args: ['--socket=gpg-agent', '--filesystem=xdg-run/gnupg'],
        entries: ['sockets=gpg-agent', 'filesystems=xdg-run/gnupg'],
      },
    ],
    silent: [{ args: ['--socket=ssh-auth'] }],
  },
  x11: {
    fires: [
      { args: ['--socket=x11'], entries: ['sockets=x11'] },
      { args: ['--socket=x11', '--socket=wayland'], entries: ['sockets=x11'] },
      // Without Wayland, fallback-x11 is X11; as an option it also sets x11 (Flatpak's rule).
      { args: ['--socket=fallback-x11'], entries: ['sockets=x11'] },
    ],
    silent: [{ args: ['--socket=wayland'] }, { args: ['--socket=x11', '--socket=fallback-x11', '--socket=wayland'] }],
  },
  'x11-fallback': {
    fires: [{ args: ['--socket=x11', '--socket=fallback-x11', '--socket=wayland'], entries: ['sockets=fallback-x11'] }],
    silent: [{ args: ['--socket=x11', '--socket=wayland'] }],
  },
  network: {
    fires: [{ args: ['--share=network'], entries: ['shared=network'] }],
    silent: [{ args: ['--share=ipc'] }],
  },
  pulseaudio: {
    fires: [{ args: ['--socket=pulseaudio'], entries: ['sockets=pulseaudio'] }],
    silent: [{ args: ['--socket=wayland'] }],
  },
  portal: {
    fires: [{ args: [], grants: [CAMERA], entries: [CAMERA.permission], id: 'portal:camera' }],
    silent: [{ args: ['--device=all'] }],
  },
  devel: {
    fires: [{ args: ['--allow=devel'], entries: ['features=devel'] }],
    silent: [{ args: ['--allow=multiarch'] }],
  },
  bluetooth: {
    fires: [{ args: ['--allow=bluetooth'], entries: ['features=bluetooth'] }],
    silent: [{ args: ['--allow=multiarch'] }],
  },
  pcsc: {
    fires: [{ args: ['--socket=pcsc'], entries: ['sockets=pcsc'] }],
    silent: [{ args: ['--socket=cups'] }],
  },
  cups: {
    fires: [{ args: ['--socket=cups'], entries: ['sockets=cups'] }],
    silent: [{ args: ['--socket=pcsc'] }],
  },
  ipc: {
    fires: [{ args: ['--share=ipc'], entries: ['shared=ipc'] }],
    silent: [{ args: ['--share=network'] }],
  },
  kvm: {
    fires: [{ args: ['--device=kvm'], entries: ['devices=kvm'] }],
    silent: [{ args: ['--device=dri'] }],
  },
  shm: {
    fires: [{ args: ['--device=shm'], entries: ['devices=shm'] }],
    silent: [{ args: ['--device=dri'] }],
  },
  canbus: {
    fires: [{ args: ['--allow=canbus'], entries: ['features=canbus'] }],
    silent: [{ args: ['--allow=bluetooth'] }],
  },
  'host-os': {
    fires: [{ args: ['--filesystem=host-os:ro'], entries: ['filesystems=host-os'] }],
    silent: [{ args: ['--filesystem=host-etc:ro'] }],
  },
  'host-etc': {
    fires: [{ args: ['--filesystem=host-etc:ro'], entries: ['filesystems=host-etc'] }],
    silent: [{ args: ['--filesystem=host-os:ro'] }],
  },
  'write-folders': {
    fires: [
      {
        args: ['--filesystem=xdg-documents', '--filesystem=~/Games:create'],
        entries: ['filesystems=xdg-documents', 'filesystems=~/Games'],
      },
    ],
    // Read-only folders change nothing; a start-up place is its own, wider finding.
    silent: [{ args: ['--filesystem=xdg-documents:ro'] }, { args: ['--filesystem=~/.local/bin'] }],
  },
  'system-bus-names': {
    fires: [
      {
        args: ['--system-talk-name=org.freedesktop.NetworkManager'],
        entries: ['system-talk-name=org.freedesktop.NetworkManager'],
      },
    ],
    silent: [{ args: ['--talk-name=org.freedesktop.NetworkManager'] }],
  },
};

const ruleIds = AUDIT_RULES.map((r) => r.id);

describe('the audit rules', () => {
  it('each have a case where they fire and one where they do not, and each case a rule', () => {
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(
      ruleIds.filter((id) => !CASES[id]?.fires.length || !CASES[id]?.silent.length),
      'rules without cases',
    ).toEqual([]);
    expect(
      Object.keys(CASES).filter((id) => !ruleIds.includes(id)),
      'cases of no rule',
    ).toEqual([]);
  });

  describe.each(AUDIT_RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    it.each((CASES[id]?.fires ?? []).map((c) => [c.args.join(' ') || 'no entry', c] as const))(
      'fires on %s, naming what it matched',
      (_, c) => {
        const ctx = contextOf(c.args);
        expect(rule.match(auditFacts(ctx, c.grants))?.entries).toEqual(c.entries);
        const finding = auditApp(ctx, c.grants).findings.find((f) => f.id === (c.id ?? id));
        expect(finding?.severity).toBe(rule.severity);
        for (const entry of c.entries) expect(finding?.permission).toContain(entry.replace(/^filesystems=/, ''));
      },
    );
    it.each((CASES[id]?.silent ?? []).map((c) => [c.args.join(' ') || 'no entry', c] as const))(
      'does not fire on %s',
      (_, c) => {
        const ctx = contextOf(c.args);
        expect(rule.match(auditFacts(ctx, c.grants))).toBeUndefined();
        expect(auditApp(ctx, c.grants).findings.map((f) => f.id)).not.toContain(id);
      },
    );
  });
});

// The audit of permission managers: an app that can write Flatpak's override files can give
// itself, and every other app, any permission. Confine packaged as a Flatpak is such an app, and
// its own audit says so. The finish-args here are those of packaging/flatpak/dev.confine.Confine.yml
// (the sandbox test reads them from the manifest itself) and of Flathub's Flatseal.

import { describe, expect, it } from 'vitest';
import { CONFINE_FINISH_ARGS as CONFINE, contextOf } from '../../test/helpers/finish-args';
import { auditApp } from './audit';

// As test/corpus/flathub-apps.json records them from Flathub's manifest.
const FLATSEAL = [
  '--share=ipc',
  '--socket=fallback-x11',
  '--socket=wayland',
  '--device=dri',
  '--filesystem=/var/lib/flatpak/app:ro',
  '--filesystem=xdg-data/flatpak/app:ro',
  '--filesystem=xdg-data/flatpak/overrides:create',
  '--talk-name=org.gnome.Software',
  '--talk-name=org.freedesktop.impl.portal.PermissionStore',
];

const widens = (finishArgs: readonly string[]) =>
  auditApp(contextOf(finishArgs)).findings.find((f) => f.id === 'escape:flatpak-overrides');

describe('a permission manager', () => {
  it('Confine as a Flatpak can widen its own and every app’s sandbox, and its audit says so', () => {
    const f = widens(CONFINE);
    expect(f).toMatchObject({
      severity: 'escape',
      title: 'Widens its own sandbox',
      permission: 'filesystems=xdg-data/flatpak/overrides',
    });
    expect(f?.detail).toMatch(/give itself or any app any permission/);
    expect(f?.detail).toMatch(/Confine as a Flatpak/);
  });

  it('Flatseal too: writing the overrides folder is what such an app is for', () => {
    expect(widens(FLATSEAL)).toMatchObject({ severity: 'escape' });
  });

  it('reading the installations and overrides alone widens nothing', () => {
    expect(widens(CONFINE.filter((a) => !a.includes('overrides:create')))).toBeUndefined();
  });
});

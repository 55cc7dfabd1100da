import { describe, expect, it } from 'vitest';
import { launchRequest, windowArgs } from './launch';

describe('what a start of the window asks for', () => {
  it('opens the app named by --app, --app=ID or a bare ID; the last one wins', () => {
    expect(launchRequest([])).toEqual({ appId: null, service: false });
    expect(launchRequest(['--app', 'org.gnome.Maps'])).toEqual({ appId: 'org.gnome.Maps', service: false });
    expect(launchRequest(['--app=org.gnome.Maps'])).toEqual({ appId: 'org.gnome.Maps', service: false });
    expect(launchRequest(['org.gnome.Maps'])).toEqual({ appId: 'org.gnome.Maps', service: false });
    expect(launchRequest(['--no-sandbox', '--enable-features=X', 'org.gnome.Maps', '--app=org.gnome.Weather'])).toEqual(
      { appId: 'org.gnome.Weather', service: false },
    );
  });

  it('refuses what is not an app ID, so nothing else reaches the window', () => {
    expect(launchRequest(['--app'])).toEqual({ error: '--app needs an app ID' });
    expect(launchRequest(['--app='])).toEqual({ error: '--app needs an app ID' });
    for (const bad of ['../../etc/passwd', 'org', 'org.gnome.Maps;rm', 'a..b'])
      expect(launchRequest(['--app', bad])).toHaveProperty('error');
  });

  it('reads a second start’s command line as the first: packaged, after the binary; in development, after the app folder', () => {
    expect(launchRequest(windowArgs(['/opt/Confine/confine', '--app=org.gnome.Maps'], true))).toEqual({
      appId: 'org.gnome.Maps',
      service: false,
    });
    expect(launchRequest(windowArgs(['/usr/bin/electron', '.', 'org.gnome.Maps'], false))).toEqual({
      appId: 'org.gnome.Maps',
      service: false,
    });
    expect(launchRequest(windowArgs(['/usr/bin/electron', '.'], false))).toEqual({ appId: null, service: false });
  });

  it('reads --gapplication-service as a start by the bus that shows nothing by itself, with no app ID beside it', () => {
    expect(launchRequest(['--gapplication-service'])).toEqual({ appId: null, service: true });
    expect(launchRequest(['--no-sandbox', '--gapplication-service'])).toEqual({ appId: null, service: true });
    expect(launchRequest(windowArgs(['/app/bin/confine', '--gapplication-service'], true))).toEqual({
      appId: null,
      service: true,
    });
    expect(launchRequest(['--gapplication-service', '--app', 'org.gnome.Maps'])).toHaveProperty('error');
    expect(launchRequest(['org.gnome.Maps', '--gapplication-service'])).toHaveProperty('error');
    // Spelled otherwise, it is one more switch for Chromium, not a service start.
    expect(launchRequest(['--gapplication-service=1'])).toEqual({ appId: null, service: false });
  });
});

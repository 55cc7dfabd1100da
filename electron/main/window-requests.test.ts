import { describe, expect, it } from 'vitest';
import { WindowRequests, type ShownWindow } from './window-requests';

class Win implements ShownWindow {
  destroyed = false;
  minimized = false;
  focused = 0;
  apps: string[] = [];
  isDestroyed = () => this.destroyed;
  isMinimized = () => this.minimized;
  restore = () => void (this.minimized = false);
  focus = () => void this.focused++;
}

function setUp(launchApp: string | null = null) {
  const requests = new WindowRequests<Win>(launchApp);
  const opened: { win: Win; launchApp: string | null }[] = [];
  const opener = {
    open: () => {
      const win = new Win();
      opened.push({ win, launchApp: requests.launchApp });
      return win;
    },
    showApp: (win: Win, appId: string) => void win.apps.push(appId),
  };
  return { requests, opened, opener };
}

describe('where requests to show Confine go', () => {
  it('opens one window, at the app the first start named', () => {
    const { requests, opened, opener } = setUp('org.gnome.Maps');
    requests.ready(opener);
    requests.show('org.gnome.Maps');
    expect(opened.map((o) => o.launchApp)).toEqual(['org.gnome.Maps']);
    expect(requests.window).toBe(opened[0]?.win);
  });

  it('a second start focuses the running window, restores it and opens the app it names there', () => {
    const { requests, opened, opener } = setUp();
    requests.ready(opener);
    requests.show(null);
    const win = opened[0]!.win;
    win.minimized = true;
    requests.secondStart(['--app', 'org.gnome.Weather']);
    requests.secondStart([]);
    expect(opened).toHaveLength(1);
    expect(win).toMatchObject({ minimized: false, focused: 2, apps: ['org.gnome.Weather'] });
  });

  it('a second start by the bus hands over nothing: its call arrives on its own', () => {
    const { requests, opened, opener } = setUp();
    requests.ready(opener);
    requests.secondStart(['--gapplication-service']);
    expect(opened).toHaveLength(0);
    requests.secondStart(['--app', '../../etc/passwd']);
    expect(opened).toHaveLength(0);
  });

  it('opens a new window at the asked app after the last one was closed', () => {
    const { requests, opened, opener } = setUp('org.gnome.Maps');
    requests.ready(opener);
    requests.show('org.gnome.Maps');
    opened[0]!.win.destroyed = true;
    expect(requests.window).toBeUndefined();
    requests.show('org.gnome.Weather');
    expect(opened.map((o) => o.launchApp)).toEqual(['org.gnome.Maps', 'org.gnome.Weather']);
    expect(opened[1]!.win.apps).toEqual([]);
  });

  it('keeps a request made before Electron is ready, and serves it once ready', () => {
    const { requests, opened, opener } = setUp();
    requests.secondStart(['org.gnome.Maps']);
    // A plain activation after it does not take the asked app away.
    requests.show(null);
    expect(opened).toHaveLength(0);
    requests.ready(opener);
    expect(opened.map((o) => o.launchApp)).toEqual(['org.gnome.Maps']);
  });
});

// The thin Electron layer, with Electron mocked: the window keeps every hardened preference,
// contents refuse navigation, new windows and webviews, sessions refuse every permission and
// every remote request, and IPC refuses foreign senders.

import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => {
  const session: Record<string, (...a: unknown[]) => unknown> = {};
  const windows: { options: Record<string, unknown>; contents: FakeContents }[] = [];
  return {
    windows,
    handlers: new Map<string, (...a: unknown[]) => unknown>(),
    session,
    appEvents: new Map<string, (...a: unknown[]) => unknown>(),
  };
});

class FakeContents {
  events = new Map<string, (...a: unknown[]) => void>();
  openHandler?: () => unknown;
  on(name: string, fn: (...a: unknown[]) => void) {
    this.events.set(name, fn);
    return this;
  }
  setWindowOpenHandler(fn: () => unknown) {
    this.openHandler = fn;
  }
}

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = new FakeContents();
    constructor(options: Record<string, unknown>) {
      state.windows.push({ options, contents: this.webContents });
    }
    once() {}
    maximize() {}
    loadURL() {
      return Promise.resolve();
    }
  }
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (fn: (...a: unknown[]) => unknown) => (state.session.request = fn),
      setPermissionCheckHandler: (fn: (...a: unknown[]) => unknown) => (state.session.check = fn),
      setDevicePermissionHandler: (fn: (...a: unknown[]) => unknown) => (state.session.device = fn),
      webRequest: { onBeforeRequest: (fn: (...a: unknown[]) => unknown) => (state.session.request2 = fn) },
    },
  };
  return {
    BrowserWindow,
    nativeTheme: { shouldUseDarkColors: false },
    session,
    shell: { openExternal: vi.fn() },
    app: { on: (name: string, fn: (...a: unknown[]) => unknown) => state.appEvents.set(name, fn) },
    ipcMain: {
      handle: (name: string, fn: (...a: unknown[]) => unknown) => state.handlers.set(name, fn),
      removeHandler: (name: string) => state.handlers.delete(name),
    },
  };
});

const { createMainWindow } = await import('./window');
const { hardenAllContents, hardenSessions } = await import('./hardening');
const { registerIpc } = await import('./ipc');

beforeEach(() => {
  state.windows.length = 0;
  state.handlers.clear();
});

describe('the window', () => {
  it('keeps every hardened preference', () => {
    createMainWindow('/app/preload/index.cjs', undefined, false);
    const prefs = state.windows[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      devTools: false,
      preload: '/app/preload/index.cjs',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('refuses navigation, redirects, webviews and new windows', () => {
    createMainWindow('/p.cjs', undefined, false);
    const contents = state.windows[0]?.contents;
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      contents?.events.get(name)?.(event, 'https://evil.example');
      expect({ name, prevented: event.preventDefault.mock.calls.length }).toEqual({ name, prevented: 1 });
    }
    expect(contents?.openHandler?.()).toEqual({ action: 'deny' });
  });

  it('hardens every other web contents that gets created', () => {
    hardenAllContents();
    const contents = new FakeContents();
    state.appEvents.get('web-contents-created')?.({}, contents);
    expect(contents.events.has('will-navigate')).toBe(true);
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
  });
});

describe('the session', () => {
  it('grants no permission and loads nothing remote', () => {
    hardenSessions();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      state.session.request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(state.session.check?.({}, permission)).toBe(false);
    }
    expect(state.session.device?.({})).toBe(false);
    for (const [url, cancel] of [
      ['https://example.com/x.js', true],
      ['http://127.0.0.1/', true],
      ['file:///etc/passwd', true],
      ['app://bundle/index.html', false],
    ] as const) {
      const callback = vi.fn();
      state.session.request2?.({ url }, callback);
      expect({ url, callback: callback.mock.calls[0] }).toEqual({ url, callback: [{ cancel }] });
    }
  });
});

describe('IPC registration', () => {
  const handlers = { 'settings:get': () => Promise.resolve({ page: null }) } as never;

  it('answers the app’s own top frame', async () => {
    registerIpc(handlers);
    const invoke = state.handlers.get('confine:invoke');
    const event = { senderFrame: { url: 'app://bundle/index.html', parent: null } };
    expect(await invoke?.(event, 'settings:get', {})).toEqual({ ok: true, value: { page: null } });
  });

  it.each([
    ['a foreign origin', { url: 'https://evil.example/', parent: null }],
    ['a subframe', { url: 'app://bundle/index.html', parent: {} }],
    ['a destroyed frame', null],
  ])('refuses %s', async (_what, senderFrame) => {
    registerIpc(handlers);
    const invoke = state.handlers.get('confine:invoke');
    const r = (await invoke?.({ senderFrame }, 'settings:get', {})) as { ok: boolean };
    expect(r.ok).toBe(false);
  });

  it('stops answering once disposed', () => {
    const registered = registerIpc(handlers);
    expect(state.handlers.has('confine:invoke')).toBe(true);
    registered.dispose();
    expect(state.handlers.has('confine:invoke')).toBe(false);
  });
});

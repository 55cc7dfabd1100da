// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BUS_POLICIES,
  ENTRY_STATE,
  FILESYSTEM_GROUP,
  FILESYSTEM_MODES,
  FLAG_GROUPS,
  FLAG_KINDS,
} from '../../../shared/flatpak/catalogue';
import { PERMISSION_HELP } from '../../../shared/flatpak/help';
import type { EffectiveReport } from '../../../shared/flatpak/report';
import { useStore } from '../store';
import { appPage, GLOBAL } from '../store/selection';
import { PermissionGroups } from './PermissionGroups';

const invoke = vi.fn((_channel: string, _request: unknown) =>
  Promise.resolve<unknown>({ ok: true, value: { path: '/o', before: null, after: 'eA==', changed: true } }),
);
Object.defineProperty(window, 'confine', { value: { invoke, subscribe: () => () => undefined } });

const EFFECTIVE: EffectiveReport = {
  shared: [{ name: 'network', allowed: true, source: 'app' }],
  sockets: [
    { name: 'x11', allowed: false, source: 'user-app' },
    { name: 'wayland', allowed: true, source: 'app' },
  ],
  devices: [],
  features: [],
  filesystems: [
    { path: 'home', mode: 'rw', source: 'app' },
    { path: '~/Games', mode: 'ro', source: 'user-global' },
  ],
  persistent: [],
  environment: [{ name: 'FOO', value: 'bar', source: 'user-app' }],
  sessionBus: [{ name: 'org.freedesktop.secrets', policy: 'talk', source: 'app' }],
  systemBus: [],
  policies: [],
};

function view(appId: string | null, error?: string) {
  return { appId, layers: [], command: 'flatpak override --user', ...(error ? { error } : { effective: EFFECTIVE }) };
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  invoke.mockClear();
  useStore.setState({
    selected: appPage('org.example.App'),
    view: view('org.example.App'),
    viewFor: appPage('org.example.App'),
    pending: new Map(),
    pendingFor: null,
    undoStack: [],
    redoStack: [],
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const row = (title: string) => screen.getByText(title, { selector: '.row__title' }).closest('.row') as HTMLElement;

describe('permission rows', () => {
  it('show the effective value, where it comes from, and mark what you changed', () => {
    render(<PermissionGroups effective={EFFECTIVE} version={[1, 14, 10]} />);
    expect(screen.getByRole('switch', { name: 'Network' }).getAttribute('aria-checked')).toBe('true');
    expect(within(row('Network')).getByText('App default')).toBeTruthy();
    expect(row('Network').classList.contains('row--changed')).toBe(false);
    expect(screen.getByRole('switch', { name: 'X11 windowing system' }).getAttribute('aria-checked')).toBe('false');
    expect(row('X11 windowing system').classList.contains('row--changed')).toBe(true);
    expect(within(row('~/Games')).getByText('Global override')).toBeTruthy();
    expect(within(row('Bluetooth')).getByText('Not granted')).toBeTruthy();
  });

  it('disable what the installed Flatpak does not know, and say why', () => {
    render(<PermissionGroups effective={EFFECTIVE} version={[1, 14, 10]} />);
    expect(screen.getByRole<HTMLButtonElement>('switch', { name: 'Input devices' }).disabled).toBe(true);
    expect(
      within(row('Input devices')).getByText(/Needs Flatpak 1\.15\.6 or later; this computer has 1\.14\.10/),
    ).toBeTruthy();
  });

  it('save a toggle within half a second, as one change asking for the new value', async () => {
    render(<PermissionGroups effective={EFFECTIVE} version={[1, 14, 10]} />);
    await userEvent.click(screen.getByRole('switch', { name: 'Wayland windowing system' }));
    expect(screen.getByRole('switch', { name: 'Wayland windowing system' }).getAttribute('aria-checked')).toBe('false');
    expect(within(row('Wayland windowing system')).getByText('Saving…')).toBeTruthy();
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(invoke).toHaveBeenCalledWith('override:change', {
      appId: 'org.example.App',
      changes: [{ kind: 'sockets', name: 'wayland', value: false }],
    });
    expect(useStore.getState().undoStack).toHaveLength(1);
  });

  it('offer a way back to the default only for your own entries', async () => {
    render(<PermissionGroups effective={EFFECTIVE} version={[1, 14, 10]} />);
    expect(within(row('Network')).queryByRole('button', { name: /Return .* to its default/ })).toBeNull();
    await userEvent.click(
      within(row('X11 windowing system')).getByRole('button', { name: 'Return X11 windowing system to its default' }),
    );
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(invoke).toHaveBeenCalledWith('override:change', {
      appId: 'org.example.App',
      changes: [{ kind: 'sockets', name: 'x11', value: undefined }],
    });
  });

  it('keep a typed value until Enter, then save it', async () => {
    render(<PermissionGroups effective={EFFECTIVE} version={[1, 14, 10]} />);
    const input = screen.getByRole('textbox', { name: 'Value of FOO' });
    await userEvent.clear(input);
    await userEvent.type(input, 'baz');
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(invoke).not.toHaveBeenCalled();
    await userEvent.type(input, '{Enter}');
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(invoke).toHaveBeenCalledWith('override:change', {
      appId: 'org.example.App',
      changes: [{ kind: 'environment', name: 'FOO', value: 'baz' }],
    });
  });

  it('offer default, allow and deny on the global page', async () => {
    useStore.setState({ selected: GLOBAL, view: view(null), viewFor: GLOBAL });
    render(<PermissionGroups effective={EFFECTIVE} version={[1, 14, 10]} />);
    const network = within(row('Network')).getByRole('radiogroup', { name: 'Network' });
    expect(within(network).getByRole('radio', { name: 'Allow' }).getAttribute('aria-checked')).toBe('true');
    await userEvent.click(within(network).getByRole('radio', { name: 'Deny' }));
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(invoke).toHaveBeenCalledWith('override:change', {
      appId: null,
      changes: [{ kind: 'shared', name: 'network', value: false }],
    });
  });

  it('lock every control while a file is malformed', () => {
    useStore.setState({ view: view('org.example.App', 'garbage') });
    render(<PermissionGroups effective={EFFECTIVE} version={[1, 14, 10]} />);
    for (const s of screen.getAllByRole('switch')) expect((s as HTMLButtonElement).disabled).toBe(true);
    for (const r of screen.getAllByRole('radio')) expect((r as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('labels', () => {
  // The window keeps no words of its own for these: a copy in the window would drift from the catalogue.
  it('come from the catalogue: group headings, access modes and bus policies', () => {
    useStore.setState({ selected: GLOBAL, view: view(null), viewFor: GLOBAL });
    render(<PermissionGroups effective={EFFECTIVE} version={[1, 14, 10]} />);
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    for (const group of [...FLAG_KINDS.map((k) => FLAG_GROUPS[k]), FILESYSTEM_GROUP])
      expect(headings).toContain(group.label);
    const radios = (group: HTMLElement) =>
      within(group)
        .getAllByRole('radio')
        .map((r) => r.textContent);
    const creatable = within(row('~/Games')).getByRole('radiogroup');
    expect(radios(creatable)).toEqual([ENTRY_STATE.default.label, ...FILESYSTEM_MODES.map((m) => m.short ?? m.label)]);
    expect(radios(within(row('Home folder')).getByRole('radiogroup'))).toEqual(
      radios(creatable).filter((l) => l !== 'Create'),
    );
    expect(radios(within(row('org.freedesktop.secrets')).getByRole('radiogroup'))).toEqual(
      BUS_POLICIES.map((p) => p.label),
    );
  });
});

describe('XDG folders', () => {
  it('show the folder by name, with the token and where it is beside it', () => {
    const effective: EffectiveReport = {
      ...EFFECTIVE,
      filesystems: [
        ...EFFECTIVE.filesystems,
        { path: 'xdg-download', mode: 'rw', source: 'app' },
        { path: 'xdg-music/Mixes', mode: 'ro', source: 'user-app' },
      ],
    };
    render(<PermissionGroups effective={effective} version={[1, 14, 10]} />);
    // XDG user-dirs: xdg-download is ~/Downloads, xdg-music ~/Music.
    const downloads = row('Downloads folder');
    expect(within(downloads).getByText('xdg-download', { selector: 'code' })).toBeTruthy();
    expect(within(downloads).getByText('~/Downloads')).toBeTruthy();
    expect(within(downloads).getByRole('radiogroup', { name: 'Access to Downloads folder' })).toBeTruthy();
    const mixes = row('Music folder › Mixes');
    expect(within(mixes).getByText('xdg-music/Mixes', { selector: 'code' })).toBeTruthy();
    expect(within(mixes).getByText('~/Music/Mixes')).toBeTruthy();
    // A plain path has no other name: it is shown once, as written.
    expect(within(row('~/Games')).queryByText('~/Games', { selector: 'code' })).toBeNull();
  });
});

describe('keyboard', () => {
  it('moves a choice with the arrow keys', async () => {
    vi.useRealTimers();
    useStore.setState({
      selected: appPage('org.example.App'),
      view: view('org.example.App'),
      viewFor: appPage('org.example.App'),
    });
    render(<PermissionGroups effective={EFFECTIVE} version={[1, 14, 10]} />);
    const group = within(row('Home folder')).getByRole('radiogroup');
    const chosen = within(group).getByRole('radio', { name: 'Read and write' });
    expect(chosen.tabIndex).toBe(0);
    expect(within(group).getByRole('radio', { name: 'Read only' }).tabIndex).toBe(-1);
    chosen.focus();
    await userEvent.keyboard('{ArrowLeft}');
    expect(useStore.getState().pending.get('filesystems:home')).toEqual({
      kind: 'filesystems',
      path: 'home',
      value: 'ro',
    });
    expect(document.activeElement?.textContent).toBe('Read only');
  });
});

describe('help', () => {
  it('opens under its row from a button named after the permission, by mouse and by keyboard', async () => {
    vi.useRealTimers();
    render(<PermissionGroups effective={EFFECTIVE} version={[1, 14, 10]} />);
    const about = within(row('Network')).getByRole('button', { name: 'About Network' });
    const panel = () => document.getElementById(about.getAttribute('aria-controls') ?? '');
    expect(about.getAttribute('aria-expanded')).toBe('false');
    expect(row('Network').querySelector('.row__help')).toBeNull();
    await userEvent.click(about);
    expect(about.getAttribute('aria-expanded')).toBe('true');
    expect(row('Network').contains(panel())).toBe(true);
    expect(panel()?.textContent).toContain(PERMISSION_HELP['shared:network']?.allows);
    expect(panel()?.textContent).toContain(PERMISSION_HELP['shared:network']?.without);
    about.focus();
    await userEvent.keyboard('{Enter}');
    expect(about.getAttribute('aria-expanded')).toBe('false');
    expect(row('Network').querySelector('.row__help')).toBeNull();
  });

  it('is there for keyword and XDG folder rows, and the bus name row tells its level', async () => {
    vi.useRealTimers();
    render(<PermissionGroups effective={EFFECTIVE} version={[1, 14, 10]} />);
    expect(within(row('Home folder')).getByRole('button', { name: 'About Home folder' })).toBeTruthy();
    // A plain path is no permission of the catalogue: it has no help of its own.
    expect(within(row('~/Games')).queryByRole('button', { name: /^About/ })).toBeNull();
    const bus = within(row('org.freedesktop.secrets')).getByRole('button', { name: 'About org.freedesktop.secrets' });
    await userEvent.click(bus);
    expect(row('org.freedesktop.secrets').querySelector('.row__help')?.textContent).toContain('Talk:');
  });
});

describe('a !host:reset of your override', () => {
  const RESET: EffectiveReport = {
    ...EFFECTIVE,
    filesystems: [
      { path: 'host', mode: 'none', source: 'user-app' },
      { path: 'xdg-download', mode: 'rw', source: 'user-app' },
    ],
    filesystemReset: 'user-app',
    removedByReset: [
      { path: '/mnt', mode: 'ro', source: 'app', removedBy: 'user-app' },
      { path: 'home', mode: 'rw', source: 'app', removedBy: 'user-app' },
      { path: 'host', mode: 'rw', source: 'app', removedBy: 'user-app' },
    ],
  };

  it('shows what it removed as removed by you, not as never granted, and lists the paths', () => {
    render(<PermissionGroups effective={RESET} version={[1, 14, 10]} />);
    expect(within(row('Home folder')).getByText(/^Removed by you/).textContent).toContain(
      'App default gave read and write',
    );
    expect(within(row('Home folder')).queryByText('Not granted')).toBeNull();
    expect(within(row('All system files')).getByText(/^Removed by you/)).toBeTruthy();
    // A plain path the app granted keeps its row once the reset removed it.
    expect(within(row('/mnt')).getByText(/^Removed by you/).textContent).toContain('read only');
    // What the override grants again is the override's, and what nobody granted is not granted.
    expect(within(row('Downloads folder')).getByText('This app’s override')).toBeTruthy();
    expect(within(row('Downloads folder')).getByRole('button', { name: 'About Downloads folder' })).toBeTruthy();
    expect(within(row('System configuration')).getByText('Not granted')).toBeTruthy();
    const reset = row('Forget inherited file access');
    expect(reset.textContent).toContain('Removed 3 permissions granted below');
    expect(within(reset).getAllByText(/^(\/mnt|home|host)$/, { selector: 'code' })).toHaveLength(3);
  });
});

describe('the global page with a system-wide global override', () => {
  const GLOBALS: EffectiveReport = {
    ...EFFECTIVE,
    shared: [{ name: 'network', allowed: false, source: 'system-global' }],
    sockets: [{ name: 'x11', allowed: true, source: 'user-global' }],
    filesystems: [{ path: 'xdg-music', mode: 'ro', source: 'system-global' }],
  };

  it('names the system-wide entries and keeps each control on your own entry', () => {
    useStore.setState({ selected: GLOBAL, view: view(null), viewFor: GLOBAL });
    render(<PermissionGroups effective={GLOBALS} version={[1, 14, 10]} />);
    const network = within(row('Network')).getByRole('radiogroup', { name: 'Network' });
    // The system-wide deny is not yours: your entry is still the default, and the note says where the deny is.
    expect(within(network).getByRole('radio', { name: 'Default' }).getAttribute('aria-checked')).toBe('true');
    expect(within(row('Network')).getByText('System-wide: Deny')).toBeTruthy();
    expect(row('Network').classList.contains('row--changed')).toBe(false);
    const music = within(row('Music folder')).getByRole('radiogroup', { name: 'Access to Music folder' });
    expect(within(music).getByRole('radio', { name: 'Default' }).getAttribute('aria-checked')).toBe('true');
    expect(within(row('Music folder')).getByText('System-wide: Read only')).toBeTruthy();
    const x11 = within(row('X11 windowing system')).getByRole('radiogroup');
    expect(within(x11).getByRole('radio', { name: 'Allow' }).getAttribute('aria-checked')).toBe('true');
    expect(within(row('X11 windowing system')).getByText('Global override')).toBeTruthy();
  });
});

describe('your denial of what the app does not ask for', () => {
  const STANDING: EffectiveReport = {
    ...EFFECTIVE,
    shared: [{ name: 'network', allowed: false, source: 'user-app', unasked: true }],
    // A denial of what the app grants is a plain change of yours.
    sockets: [{ name: 'x11', allowed: false, source: 'user-app' }],
    filesystems: [{ path: 'home', mode: 'none', source: 'user-app', unasked: true }],
    sessionBus: [{ name: 'org.freedesktop.secrets', policy: 'none', source: 'user-app', unasked: true }],
  };

  it('is a state of its own, off, on every kind of row', () => {
    render(<PermissionGroups effective={STANDING} version={[1, 14, 10]} />);
    expect(screen.getByRole('switch', { name: 'Network' }).getAttribute('aria-checked')).toBe('false');
    expect(within(row('Network')).getByText('Denied by you, even if the app asks')).toBeTruthy();
    expect(within(row('Home folder')).getByText('Denied by you, even if the app asks')).toBeTruthy();
    expect(within(row('org.freedesktop.secrets')).getByText('Denied by you, even if the app asks')).toBeTruthy();
    expect(within(row('X11 windowing system')).queryByText('Denied by you, even if the app asks')).toBeNull();
    expect(within(row('X11 windowing system')).getByText('This app’s override')).toBeTruthy();
  });

  it('is forgotten by its way back to the default', async () => {
    render(<PermissionGroups effective={STANDING} version={[1, 14, 10]} />);
    const back = within(row('Network')).getByRole('button', { name: 'Return Network to its default' });
    expect(back.getAttribute('title')).toMatch(/^Forget this denial/);
    await userEvent.click(back);
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(invoke).toHaveBeenCalledWith('override:change', {
      appId: 'org.example.App',
      changes: [{ kind: 'shared', name: 'network', value: undefined }],
    });
  });

  it('is not made by clicking No access where it already stands for not granted', async () => {
    render(<PermissionGroups effective={EFFECTIVE} version={[1, 14, 10]} />);
    const group = within(row('All system files')).getByRole('radiogroup');
    const none = within(group).getByRole('radio', { name: 'No access' });
    expect(none.getAttribute('aria-checked')).toBe('true');
    await userEvent.click(none);
    expect(useStore.getState().pending.size).toBe(0);
  });

  it('is not said on the global page, whose control shows Deny itself', () => {
    useStore.setState({ selected: GLOBAL, view: view(null), viewFor: GLOBAL });
    const global: EffectiveReport = {
      ...STANDING,
      shared: [{ name: 'network', allowed: false, source: 'user-global', unasked: true }],
    };
    render(<PermissionGroups effective={global} version={[1, 14, 10]} />);
    const network = within(row('Network')).getByRole('radiogroup', { name: 'Network' });
    expect(within(network).getByRole('radio', { name: 'Deny' }).getAttribute('aria-checked')).toBe('true');
    expect(within(row('Network')).queryByText('Denied by you, even if the app asks')).toBeNull();
  });
});

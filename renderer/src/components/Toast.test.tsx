// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Failure } from '../../../shared/errors';
import { useStore } from '../store';
import { appPage } from '../store/selection';
import { Toast } from './Toast';

const APP = 'org.example.Editor';
const invoke = vi.fn<(channel: string, request: unknown) => Promise<unknown>>();
Object.defineProperty(window, 'confine', { value: { invoke, subscribe: () => () => undefined } });

/** Main answers the save with `failure`, and every read with an empty success. */
function mainFails(failure: Failure) {
  invoke.mockImplementation((channel) =>
    Promise.resolve(
      channel === 'override:change'
        ? { ok: false, error: failure }
        : { ok: false, error: { code: 'io', message: 'not under test' } },
    ),
  );
}

async function saveAChange() {
  useStore.setState({ selected: appPage(APP), toast: null, pending: new Map(), pendingFor: null });
  await act(async () => {
    useStore.getState().queueChange({ kind: 'shared', name: 'network', value: false });
    await useStore.getState().flush();
  });
}

beforeEach(() => invoke.mockReset());
afterEach(cleanup);

describe('a failed save', () => {
  it('offers Reload when another program changed the file, and Reload reads that app again', async () => {
    mainFails({
      code: 'conflict',
      message: `/home/u/.local/share/flatpak/overrides/${APP} changed since Confine read it`,
      appId: APP,
    });
    await saveAChange();
    render(<Toast />);
    expect(screen.getByRole('alert').textContent).toContain('Not saved:');
    invoke.mockClear();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
      await Promise.resolve();
    });
    const asked = invoke.mock.calls.map(([channel, request]) => [channel, request]);
    expect(asked).toContainEqual(['permissions:get', { appId: APP }]);
    expect(asked).toContainEqual(['portals:get', { appId: APP }]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers no Reload for a failure that reading again would not mend', async () => {
    mainFails({ code: 'permission-denied', message: 'Cannot write the override: permission denied', appId: APP });
    await saveAChange();
    render(<Toast />);
    expect(screen.getByRole('alert').textContent).toContain('permission denied');
    expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
  });
});

describe('a note that takes focus (after Reset)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function showAfterReset() {
    const main = document.createElement('main');
    main.tabIndex = -1;
    const reset = document.createElement('button');
    reset.textContent = 'Reset';
    main.append(reset);
    document.body.append(main);
    reset.focus();
    render(<Toast />);
    act(() => useStore.getState().showToast({ kind: 'info', message: 'Removed.', undo: true, takeFocus: true }));
    return { main, reset };
  }

  it('puts focus on Undo and stays while it has focus, then goes 8 s after focus leaves', () => {
    const { main, reset } = showAfterReset();
    const undo = screen.getByRole('button', { name: 'Undo' });
    expect(document.activeElement).toBe(undo);
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(screen.getByRole('status').textContent).toContain('Removed.');
    act(() => reset.focus());
    act(() => {
      vi.advanceTimersByTime(7_900);
    });
    expect(screen.queryByRole('status')).not.toBeNull();
    act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(screen.queryByRole('status')).toBeNull();
    main.remove();
  });

  it('gives focus back on Escape: to Reset while it can take it, else to the main area', () => {
    const { main, reset } = showAfterReset();
    fireEvent.keyDown(screen.getByRole('button', { name: 'Undo' }), { key: 'Escape' });
    expect(screen.queryByRole('status')).toBeNull();
    expect(document.activeElement).toBe(reset);
    main.remove();
    cleanup();
    const again = showAfterReset();
    again.reset.disabled = true;
    fireEvent.keyDown(screen.getByRole('button', { name: 'Undo' }), { key: 'Escape' });
    expect(document.activeElement).toBe(again.main);
    again.main.remove();
  });
});

describe('a saved change', () => {
  const AFTER = btoa('[Context]\nshared=!network;\n');
  const editor = { id: APP, name: 'Text Editor', categories: [], deployments: [], problems: [] };

  /** Main saves and restores whatever it is asked to; reads are not under test. */
  function mainWorks() {
    invoke.mockImplementation((channel, request) => {
      if (channel === 'override:change')
        return Promise.resolve({ ok: true, value: { path: '/o', before: null, after: AFTER, changed: true } });
      if (channel === 'override:restore') {
        const files = (request as { files: { appId: string | null; content: string | null }[] }).files;
        return Promise.resolve({
          ok: true,
          value: {
            files: files.map((f) => ({ appId: f.appId, before: AFTER, after: f.content })),
            portals: [],
            failures: [],
          },
        });
      }
      return Promise.resolve({ ok: false, error: { code: 'io', message: 'not under test' } });
    });
  }

  beforeEach(() => {
    mainWorks();
    useStore.setState({
      undoStack: [],
      redoStack: [],
      catalog: {
        flatpakVersion: '1.14.10',
        flatpakDetected: true,
        installations: [],
        apps: [editor],
        errors: {},
        exposure: {},
        capabilities: {},
        changed: [],
        warnings: [],
      },
    });
  });

  it('says what it saved for which app, and Undo names that step', async () => {
    await saveAChange();
    render(<Toast />);
    expect(screen.getByRole('status').textContent).toContain('Saved: revoke Network for Text Editor.');
    const undo = screen.getByRole('button', { name: 'Undo: revoke Network for Text Editor' });
    expect(undo.title).toBe('Undo: revoke Network for Text Editor (Ctrl+Z)');
    // The button still reads "Undo", and its name starts with what it reads.
    expect(undo.textContent).toBe('Undo');
  });

  it('after an undo, says what was undone, and a change of the global override names all applications', async () => {
    await saveAChange();
    render(<Toast />);
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: /^Undo: / }));
    });
    await act(() => vi.waitFor(() => expect(screen.getByRole('status').textContent).toContain('Undone:')));
    expect(useStore.getState().undoStack).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toContain('Undone: revoke Network for Text Editor.');
    expect(screen.queryByText(/\(s\)/)).toBeNull();

    useStore.setState({ selected: { kind: 'global' }, pending: new Map(), pendingFor: null });
    await act(async () => {
      useStore.getState().queueChange({ kind: 'sockets', name: 'x11', value: undefined });
      await useStore.getState().flush();
    });
    expect(screen.getByRole('status').textContent).toContain(
      'Saved: return X11 windowing system to its default for All applications.',
    );
  });
});

describe('the note after the lock switch', () => {
  it('shows confine watch as a command, as the help under the switch does', async () => {
    invoke.mockImplementation((channel) =>
      Promise.resolve(
        channel === 'review:lock'
          ? { ok: true, value: { all: false, apps: [APP] } }
          : { ok: false, error: { code: 'io', message: 'not under test' } },
      ),
    );
    useStore.setState({ toast: null });
    render(<Toast />);
    await act(() => useStore.getState().setAppLock(APP, true));
    const status = screen.getByRole('status');
    expect(status.textContent).toContain(
      'is locked: what an update adds is denied while Confine or confine watch runs.',
    );
    expect([...status.querySelectorAll('code')].map((c) => c.textContent)).toEqual(['confine watch']);
  });
});

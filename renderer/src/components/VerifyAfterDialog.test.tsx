// @vitest-environment jsdom
// "Verify after applying" over several apps: one probe after the other through the same IPC as
// the app page, each with the override the batch replaced; Stop leaves the rest unprobed; what
// was closed is measured against an earlier probe where there is one, else against the earlier
// permissions. Then the same dialog in German and in the pseudo-locale keeps no English word.

import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../../shared/i18n';
import type { VerifyRow } from '../../../shared/verify/compare';
import { useStore } from '../store';
import type { VerifyResultOk } from '../store/verify';
import { VerifyAfterDialog } from './VerifyAfterDialog';
import { VerifyAfterOffer } from './VerifyAfterOffer';

const invoke = vi.fn();
Object.defineProperty(window, 'confine', { value: { invoke, subscribe: () => () => undefined } });

beforeAll(() => {
  // jsdom has no modal dialogs; an open one is all this test needs.
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});
afterEach(() => {
  cleanup();
  invoke.mockReset();
  useStore.setState({ probes: {}, lastHardened: null, verifyAfter: null });
});
afterAll(() => setLanguage([]));

const row = (over: Partial<VerifyRow> & Pick<VerifyRow, 'id'>): VerifyRow => ({
  group: 'sensitive',
  label: 'Ƥŀȧƈḗ',
  target: `~/.${over.id}`,
  expected: 'read',
  observed: 'read',
  verdict: 'same',
  ...over,
});
/** A probe's result; `override` is the user override it ran on (base64, null: none). */
const result = (appId: string, rows: VerifyRow[], override: string | null = null, below = 'b1'): VerifyResultOk => ({
  ok: true,
  appId,
  dataFolderExisted: true,
  rows,
  summary: { same: rows.length, explained: 0, unexplained: 0, notOnHost: 0 },
  basis: { override, below },
});
const OLD = 'W0NvbnRleHRdCg==';
const NEW = 'W0NvbnRleHRdCnNoYXJlZD0hbmV0d29yazsK';

const EDITOR = 'org.example.Editor';
const MAPS = 'org.example.Maps';
const CHAT = 'org.example.Chat';

/** Three apps just hardened; the first was probed before the change. */
function hardened() {
  useStore.setState({
    lastHardened: [
      {
        appId: EDITOR,
        name: 'Editor',
        before: null,
        after: NEW,
        earlier: result(EDITOR, [row({ id: 'ssh', observed: 'write' }), row({ id: 'gnupg', observed: 'read' })]),
      },
      { appId: MAPS, name: 'Maps', before: OLD, after: NEW },
      { appId: CHAT, name: 'Chat', before: null, after: NEW },
    ],
  });
}

const AFTER: Record<string, VerifyResultOk> = {
  // ~/.ssh went from write to read; ~/.gnupg stayed read (and its `before` is not what counts:
  // the earlier probe is).
  [EDITOR]: result(
    EDITOR,
    [
      row({ id: 'ssh', target: '~/.ssh', expected: 'read', before: 'write' }),
      row({ id: 'gnupg', target: '~/.gnupg', expected: 'read', before: 'read' }),
    ],
    NEW,
  ),
  // No earlier probe: the network closed as the permissions said; ~/.config should have closed
  // to read-only but the sandbox still writes it; a device missing here is no news.
  [MAPS]: result(
    MAPS,
    [
      row({
        id: 'network',
        group: 'network',
        target: 'network',
        expected: 'loopback',
        observed: 'loopback',
        before: 'shared',
      }),
      row({
        id: 'config',
        target: '~/.config',
        expected: 'read',
        observed: 'write',
        before: 'write',
        verdict: 'unexplained',
      }),
      row({
        id: 'kvm',
        target: '/dev/kvm',
        expected: 'none',
        observed: 'none',
        before: 'present',
        verdict: 'not-on-host',
      }),
    ],
    NEW,
  ),
};

describe('verify after applying', () => {
  it('probes each app in turn with its earlier override, Stop ends the probe under way, and shows what closed', async () => {
    hardened();
    let release: (v: unknown) => void = () => undefined;
    invoke.mockImplementation((channel: string, req: { appId: string }) =>
      channel === 'sandbox:stop'
        ? Promise.resolve({ ok: true, value: { stopped: 1 } })
        : req.appId === CHAT
          ? new Promise((resolve) => (release = resolve))
          : Promise.resolve({ ok: true, value: AFTER[req.appId] }),
    );
    render(<VerifyAfterDialog />);
    await act(async () => {
      void useStore.getState().startVerifyAfter();
      await Promise.resolve();
    });
    const dialog = screen.getByRole('dialog', { name: 'Verify after applying' });
    await within(dialog).findByText('Verifying app 3 of 3…');
    expect(within(dialog).getByRole('progressbar', { name: 'Apps verified' }).getAttribute('value')).toBe('2');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Stop' }));
    // Main ends the sandbox; the probe answers that it was stopped.
    await act(async () => {
      release({ ok: true, value: { ok: false, appId: CHAT, reason: 'stopped', message: 'Stopped: the probe…' } });
      await Promise.resolve();
    });
    await within(dialog).findByText('Stopped: 2 of 3 apps verified.');
    // Over: Close alone, no Cancel beside it that would do the same.
    expect(
      within(dialog)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Close']);
    expect(invoke.mock.calls).toEqual([
      ['sandbox:verify', { appId: EDITOR, before: null }],
      ['sandbox:verify', { appId: MAPS, before: OLD }],
      ['sandbox:verify', { appId: CHAT, before: null }],
      ['sandbox:stop', { appId: CHAT }],
    ]);
    // The verified apps leave the offer on their pages; the stopped one stays offered.
    expect(useStore.getState().lastHardened?.map((a) => a.appId)).toEqual([CHAT]);

    const items = (app: string, list: string) =>
      within(within(dialog).getByRole('region', { name: app }))
        .getByRole('list', { name: list })
        .querySelectorAll('li');
    const texts = (app: string, list: string) => [...items(app, list)].map((li) => li.textContent);
    const editor = within(within(dialog).getByRole('region', { name: 'Editor' }));
    expect(editor.getByText('Compared with the probe made before applying.')).toBeTruthy();
    expect(texts('Editor', 'Closed in the sandbox')).toEqual(['~/.ssh (Ƥŀȧƈḗ): read and write → read-only']);
    expect(editor.queryByRole('list', { name: 'Still reachable although the change should close it' })).toBeNull();
    const maps = within(within(dialog).getByRole('region', { name: 'Maps' }));
    expect(maps.getByText(/^No probe was made before applying/)).toBeTruthy();
    expect(texts('Maps', 'Closed in the sandbox')).toEqual(['network (Ƥŀȧƈḗ): shared → loopback only']);
    expect(texts('Maps', 'Still reachable although the change should close it')).toEqual([
      '~/.config (Ƥŀȧƈḗ): the permissions now say read-only; the sandbox shows read and write.',
    ]);
    expect(within(within(dialog).getByRole('region', { name: 'Chat' })).getByText('Stopped: the probe…')).toBeTruthy();
    // The app page shows the newest probe of each app probed.
    expect(useStore.getState().probes[MAPS]?.outcome).toEqual(AFTER[MAPS]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('takes no probe as "before" that saw other permissions than the change started from', async () => {
    const ssh = (observed: 'write' | 'read', before?: 'write') =>
      row({ id: 'ssh', target: '~/.ssh', expected: 'read', observed, ...(before ? { before } : {}) });
    const cases = [
      // The user changed the override after the probe, then hardened: the probe saw OLD, not NEW.
      { earlier: result(EDITOR, [ssh('write')], OLD), after: result(EDITOR, [ssh('read', 'write')], NEW) },
      // A layer below (a system override, an update) changed between the two probes.
      { earlier: result(EDITOR, [ssh('write')], null, 'b1'), after: result(EDITOR, [ssh('read', 'write')], NEW, 'b2') },
    ];
    for (const { earlier, after } of cases) {
      useStore.setState({ lastHardened: [{ appId: EDITOR, name: 'Editor', before: null, after: NEW, earlier }] });
      invoke.mockResolvedValue({ ok: true, value: after });
      render(<VerifyAfterDialog />);
      await act(() => useStore.getState().startVerifyAfter([EDITOR]));
      const editor = within(screen.getByRole('region', { name: 'Editor' }));
      expect(editor.getByText(/^The probe made before applying saw other permissions/)).toBeTruthy();
      expect(editor.queryByText('Compared with the probe made before applying.')).toBeNull();
      // Measured against what the permissions gave before instead.
      expect(editor.getByRole('list', { name: 'Closed in the sandbox' }).textContent).toBe(
        '~/.ssh (Ƥŀȧƈḗ): read and write → read-only',
      );
      cleanup();
    }
    // Changed again after applying (by another program): said, as the probe shows the app now.
    useStore.setState({ lastHardened: [{ appId: EDITOR, name: 'Editor', before: null, after: NEW }] });
    invoke.mockResolvedValue({ ok: true, value: result(EDITOR, [ssh('read', 'write')], OLD) });
    render(<VerifyAfterDialog />);
    await act(() => useStore.getState().startVerifyAfter([EDITOR]));
    expect(screen.getByText(/^Its permissions changed again after applying/)).toBeTruthy();
  });

  it('the app page keeps the offer until it is dismissed or the app changes again, and it verifies that app alone', async () => {
    const offer = () => screen.queryByRole('region', { name: 'This app was hardened' });
    hardened();
    render(
      <>
        <VerifyAfterOffer appId={MAPS} />
        <VerifyAfterDialog />
      </>,
    );
    let answer: (v: unknown) => void = () => undefined;
    invoke.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    await userEvent.click(within(offer() ?? document.body).getByRole('button', { name: 'Verify after applying' }));
    // Focus on Cancel while the probe runs; Cancel goes when it is over, and Close takes focus.
    const dialog = screen.getByRole('dialog', { name: 'Verify after applying' });
    within(dialog).getByRole('button', { name: 'Cancel' }).focus();
    await act(async () => {
      answer({ ok: true, value: AFTER[MAPS] });
      await Promise.resolve();
    });
    await screen.findByText('1 app verified.');
    expect(
      within(dialog)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Close']);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
    expect(invoke.mock.calls).toEqual([['sandbox:verify', { appId: MAPS, before: OLD }]]);
    expect(offer()).toBeNull();
    cleanup();

    hardened();
    render(<VerifyAfterOffer appId={EDITOR} />);
    await userEvent.click(within(offer() ?? document.body).getByRole('button', { name: 'Dismiss' }));
    expect(offer()).toBeNull();
    // Another change to an app through Confine withdraws its offer; the others stay.
    act(() => useStore.getState().recordBatch('edit', [{ appId: CHAT, before: NEW, after: OLD }]));
    expect(useStore.getState().lastHardened?.map((a) => a.appId)).toEqual([MAPS]);
  });

  it('in German and in the pseudo-locale leaves no English word of its own', async () => {
    const shown = async (language: string) => {
      await setLanguage([language]);
      hardened();
      invoke.mockImplementation((_channel: string, req: { appId: string }) =>
        Promise.resolve(
          req.appId === CHAT
            ? { ok: true, value: { ok: false, appId: CHAT, reason: 'no-shell', message: 'Ǿǿƥş' } }
            : { ok: true, value: AFTER[req.appId] },
        ),
      );
      render(<VerifyAfterDialog />);
      await act(() => useStore.getState().startVerifyAfter());
      const text = [
        document.body.textContent ?? '',
        ...[...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label') ?? ''),
      ];
      cleanup();
      useStore.setState({ verifyAfter: null });
      return text;
    };
    // App names, IDs, paths and the network row's target word (from the row itself) are data.
    const english = (texts: string[]) =>
      texts.flatMap(
        (s) =>
          s
            .replace(/\b[a-z]+(\.[A-Za-z0-9_-]+){2,}\b/g, ' ')
            .replace(/~\/\.?[\w./-]+|\/dev\/\w+/g, ' ')
            .replace(/\b(Editor|Maps|Chat|network)\b/g, ' ')
            .match(/[A-Za-z]{3,}/g) ?? [],
      );
    const pseudo = await shown('en-XA');
    expect(pseudo.join(' ')).toContain('Ƥŀȧƈḗ');
    expect(english(pseudo)).toEqual([]);
    const german = await shown('de');
    expect(german.join(' ')).toContain('In der Sandbox geschlossen');
    // German shares some words with English (App, Sandbox); none of this dialog's sentences.
    expect(german.join(' ')).not.toMatch(/Verif|Closed|Compared|probe|Still reachable|permissions/);
  });
});

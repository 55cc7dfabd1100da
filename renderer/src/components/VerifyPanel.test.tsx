// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useStore } from '../store';
import { VerifyPanel } from './VerifyPanel';

const APP = 'org.gnome.Maps';
const invoke = vi.fn();
Object.defineProperty(window, 'confine', { value: { invoke } });
afterEach(() => {
  cleanup();
  // The store keeps each app's last probe; every test starts with none.
  useStore.setState({ probes: {} });
});

const row = (over: Record<string, unknown>) => ({
  group: 'sensitive',
  label: 'SSH keys and configuration',
  target: '~/.ssh',
  expected: 'none',
  observed: 'none',
  verdict: 'same',
  ...over,
});

describe('verify in the sandbox', () => {
  it('asks main to probe this app, then lists each difference with its reason and leaves out what the computer lacks', async () => {
    invoke.mockResolvedValueOnce({
      ok: true,
      value: {
        ok: true,
        appId: APP,
        dataFolderExisted: false,
        summary: { same: 1, explained: 1, unexplained: 0, notOnHost: 1 },
        rows: [
          row({ id: 'ssh', observed: 'hidden', verdict: 'explained', via: '!~/.ssh', note: 'An empty folder.' }),
          row({
            id: 'bashrc',
            target: '~/.bashrc',
            label: 'Shell start-up file',
            observed: 'write',
            expected: 'write',
          }),
          row({ id: 'kvm', group: 'devices', target: '/dev/kvm', label: 'Virtualisation', verdict: 'not-on-host' }),
        ],
      },
    });
    render(<VerifyPanel appId={APP} />);
    await userEvent.click(screen.getByRole('button', { name: 'Verify in the sandbox' }));
    expect(invoke).toHaveBeenCalledWith('sandbox:verify', { appId: APP });
    const differences = await screen.findByRole('list', { name: 'Differences from the permissions' });
    expect(
      within(differences)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '~/.ssh (SSH keys and configuration): the permissions say no access (!~/.ssh); the sandbox shows hidden (empty stand-in).Why: An empty folder.',
    ]);
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual(['SSH keys and configuration ~/.ssh', 'Shell start-up file ~/.bashrc']);
    expect(screen.getByRole('button', { name: 'Verify again' })).toBeTruthy();
  });

  it('shows why nothing could be probed', async () => {
    invoke.mockResolvedValueOnce({
      ok: true,
      value: { ok: false, appId: APP, reason: 'no-shell', message: 'The runtime has no /bin/sh.' },
    });
    render(<VerifyPanel appId={APP} />);
    await userEvent.click(screen.getByRole('button', { name: 'Verify in the sandbox' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The runtime has no /bin/sh.');
    expect(screen.queryByRole('table')).toBeNull();
  });
});

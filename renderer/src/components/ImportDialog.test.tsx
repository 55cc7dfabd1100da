// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useStore } from '../store';
import { ImportDialog } from './ImportDialog';

Object.defineProperty(window, 'confine', {
  value: { invoke: vi.fn(() => Promise.resolve({ ok: false, error: { code: 'io', message: 'not under test' } })) },
});

beforeAll(() => {
  // jsdom has no modal dialogs; an open one is all these tests need.
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});
afterEach(cleanup);

const app = (id: string, name: string) => ({ id, name, categories: [], deployments: [], problems: [] });

function openWith(items: { app: string | null; status: 'new' | 'changed' | 'same'; portals: number }[]) {
  useStore.setState({
    catalog: {
      flatpakVersion: '1.14.10',
      flatpakDetected: true,
      installations: [],
      apps: [app('com.spotify.Client', 'Spotify'), app('org.gnome.Maps', 'Maps')],
      errors: {},
      exposure: {},
      capabilities: {},
      changed: [],
      warnings: [],
    },
    importing: {
      path: '/home/u/overrides.json',
      token: '0'.repeat(32),
      items: items.map((i) => ({ ...i, malformed: null })),
      elsewhere: [],
      review: null,
      mergeReview: false,
      chosen: items.filter((i) => i.status !== 'same').map((i) => i.app),
      busy: false,
    },
  });
  render(<ImportDialog />);
}

describe('the import dialog', () => {
  it('lists apps by name with the ID beside, and the global override as All applications', () => {
    openWith([
      { app: null, status: 'new', portals: 0 },
      { app: 'com.spotify.Client', status: 'changed', portals: 1 },
      { app: 'org.example.NotHere', status: 'new', portals: 2 },
    ]);
    const boxes = screen.getAllByRole('checkbox');
    const labels = boxes.map((b) => b.closest('label')?.querySelector('.proposal__title'));
    expect(labels[0]?.textContent).toBe('All applications global override');
    expect(labels[1]?.textContent).toBe('Spotify com.spotify.Client');
    // The ID is there, but small, beside the name.
    expect(within(labels[1] as HTMLElement).getByText('com.spotify.Client').className).toBe('proposal__id');
    // An app the export names but this computer does not have: its ID is all there is.
    expect(labels[2]?.textContent).toBe('org.example.NotHere');
    expect(screen.getByRole('checkbox', { name: /Spotify/ })).toBeTruthy();
    expect(screen.queryByText(/global override\)/)).toBeNull();
  });

  it('counts in words, never with "(s)"', () => {
    openWith([
      { app: 'com.spotify.Client', status: 'changed', portals: 1 },
      { app: 'org.gnome.Maps', status: 'same', portals: 2 },
    ]);
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('1 file to import');
    expect(dialog.textContent).toContain('with 1 portal permission');
    expect(dialog.textContent).toContain('with 2 portal permissions');
    expect(dialog.textContent).not.toContain('(s)');
    cleanup();
    openWith([
      { app: 'com.spotify.Client', status: 'changed', portals: 0 },
      { app: 'org.gnome.Maps', status: 'new', portals: 0 },
    ]);
    expect(screen.getByRole('dialog').textContent).toContain('2 files to import');
  });
});

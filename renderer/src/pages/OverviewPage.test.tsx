// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unreachableInstallation } from '../../../shared/flatpak/self-sandbox';
import { useStore } from '../store';
import { OverviewPage } from './OverviewPage';

Object.defineProperty(window, 'confine', {
  value: { invoke: vi.fn(() => Promise.resolve({ ok: true, value: {} })), subscribe: () => () => undefined },
});

afterEach(cleanup);

const catalog = (warnings: string[]) => ({
  flatpakVersion: '1.14.10',
  flatpakDetected: true,
  installations: [],
  apps: [],
  errors: {},
  exposure: {},
  capabilities: {},
  changed: [],
  warnings,
});

describe('the overview', () => {
  it('names what reading the installations met, such as one Confine’s Flatpak cannot see, with its command', () => {
    const warning = unreachableInstallation(
      { appId: 'dev.confine.Confine' },
      { id: 'extra', kind: 'custom', path: '/mnt/apps', displayName: 'Extra', priority: 0 },
    );
    useStore.setState({ catalog: catalog([warning]) });
    render(<OverviewPage />);
    // The audit is still being read (its status is the other one).
    const banner = screen.getAllByRole('status').find((e) => !e.hasAttribute('aria-busy'));
    if (!banner) throw new Error('no banner');
    expect(banner.textContent).toContain('Not every installation could be read');
    expect(banner.textContent).toContain('flatpak override --user dev.confine.Confine --filesystem=/mnt/apps:ro');
  });

  it('says nothing when every installation was read', () => {
    useStore.setState({ catalog: catalog([]) });
    render(<OverviewPage />);
    expect(screen.queryByText('Not every installation could be read')).toBeNull();
  });
});

// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { unreachableInstallation } from '../../../shared/flatpak/self-sandbox';
import { useStore } from '../store';
import type { Audit } from '../store/audit';
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

describe('the ranking of many apps', () => {
  // Above a hundred apps only the rows in view are drawn (jsdom lays nothing out, so about a
  // dozen are); the keyboard must still reach every app, and the one it reaches is drawn.
  const APPS = 300;
  const audit: Audit = {
    apps: Array.from({ length: APPS }, (_, i) => ({ id: `org.example.App${i}`, name: `App ${i}`, score: APPS - i })),
    brokenGlobals: [],
    overview: {
      apps: APPS,
      canEscape: 0,
      readHome: 0,
      network: 0,
      x11: 0,
      bySeverity: { escape: 0, high: 0, medium: 0, low: 0 },
    },
    limits: [],
  };

  it('walks by keyboard to rows that were not drawn, focus landing on them, with one Tab stop', async () => {
    // jsdom lays nothing out: the main area gets a window's height and each row a row's, as
    // Chromium gives them, so that the ranking draws what fits (it reads the scroller's client
    // size and each drawn row's offset height).
    const sizes = [
      vi.spyOn(Element.prototype, 'clientHeight', 'get').mockImplementation(function (this: Element) {
        return this.classList.contains('content') ? 600 : 0;
      }),
      vi.spyOn(Element.prototype, 'clientWidth', 'get').mockImplementation(() => 800),
      vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
        return this.classList.contains('ranking__row') ? 57 : 0;
      }),
    ];
    onTestFinished(() => sizes.forEach((s) => s.mockRestore()));
    useStore.setState({ catalog: catalog([]), audit });
    // The rows scroll with the window's main area, as in the app.
    render(
      <main className="content">
        <OverviewPage />
      </main>,
    );
    const ranking = screen.getByRole('list', { name: 'Apps by exposure' });
    // By selector: role queries work out every element's accessible name, seconds here.
    const drawn = () => ranking.querySelectorAll('li');
    const box = (i: number) => ranking.querySelector<HTMLInputElement>(`input[aria-label="Select App ${i}"]`);
    await waitFor(() => expect(box(0)).not.toBeNull());
    expect(drawn().length).toBeLessThan(30);
    expect(box(APPS - 1)).toBeNull();
    expect(box(150)).toBeNull();

    const user = userEvent.setup();
    // One row of the ranking is in the Tab order (its box and its name), the first.
    const inTabOrder = () => new Set([...ranking.querySelectorAll('[tabindex="0"]')].map((e) => e.closest('li')));
    expect(inTabOrder()).toEqual(new Set([box(0)?.closest('li')]));
    box(0)?.focus();
    await user.keyboard('{End}');
    await waitFor(() => expect(document.activeElement).toBe(box(APPS - 1)));
    const row = (e: Element | null) => e?.closest('li')?.getAttribute('aria-posinset');
    expect(row(document.activeElement)).toBe(String(APPS));
    expect(inTabOrder()).toEqual(new Set([box(APPS - 1)?.closest('li')]));
    // Up by one, then Home back to the first row.
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(row(document.activeElement)).toBe(String(APPS - 1)));
    await user.keyboard('{Home}');
    await waitFor(() => expect(document.activeElement).toBe(box(0)));
    expect(drawn().length).toBeLessThan(30);
  });
});

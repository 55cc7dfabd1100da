// @vitest-environment jsdom
// The Overview's ranking asked at the window's start, before the first page is known: the first
// page takes it over when that page is the Overview, a change heard meanwhile reads it again, and
// the user picking the Overview later reads it anew; the first page is not written back as the
// page to remember. A fake bridge holds every answer until the test gives it.

import { beforeEach, describe, expect, it } from 'vitest';
import { installHeldBridge } from './held-bridge';
import { useStore } from './index';
import { appPage, OVERVIEW } from './selection';

const { held, on, remembered } = installHeldBridge();

const initial = useStore.getState();
beforeEach(() => {
  useStore.setState(initial, true);
  held.length = 0;
  remembered.length = 0;
});

const LIST = { flatpakVersion: '1.14.10', flatpakDetected: true, installations: [], apps: [], warnings: [] };
const MARKS = { errors: {}, exposure: {}, capabilities: {}, changed: [] };
/** An override written in a terminal: not one app's own file alone, so the list is read again. */
const CHANGE = { apps: false, overrides: true, portals: false, appIds: null };

async function answerList(): Promise<void> {
  for (const h of on('catalog:list')) await h.answer(LIST);
  for (const h of on('catalog:marks')) await h.answer(MARKS);
}

describe('the ranking asked at start', () => {
  it('is the Overview’s read when the Overview is the first page', async () => {
    const { loadAudit, select } = useStore.getState();
    void loadAudit();
    select(OVERVIEW, { atStart: true });
    expect(on('audit:load')).toHaveLength(1);
    await on('audit:load')[0]?.answer({ read: 'at start' });
    expect(useStore.getState().audit).toEqual({ read: 'at start' });
    expect(useStore.getState().auditLoad.loading).toBe(false);
  });

  it.each([
    ['before the first page is picked', true],
    ['on the Overview it became', false],
  ])('is read again when a change is heard %s', async (_when, changeFirst) => {
    const { loadAudit, select, heardChange } = useStore.getState();
    void loadAudit();
    if (changeFirst) heardChange(CHANGE);
    select(OVERVIEW, { atStart: true });
    if (!changeFirst) heardChange(CHANGE);
    await on('audit:load')[0]?.answer({ read: 'from before the change' });
    await answerList();
    // The ranking is asked again once the list is read.
    expect(on('audit:load')).toHaveLength(2);
    await on('audit:load')[1]?.answer({ read: 'after the change' });
    expect(useStore.getState().audit).toEqual({ read: 'after the change' });
  });

  it('is not what the user gets on picking the Overview: that reads it anew', async () => {
    const { loadAudit, select } = useStore.getState();
    void loadAudit();
    select(appPage('org.example.A'), { atStart: true });
    // The user may have changed the app meanwhile; the ranking asked at start is still under way.
    select(OVERVIEW);
    expect(on('audit:load')).toHaveLength(2);
    await on('audit:load')[1]?.answer({ read: 'asked by the user' });
    await on('audit:load')[0]?.answer({ read: 'at start' });
    expect(useStore.getState().audit).toEqual({ read: 'asked by the user' });
  });
});

describe('the first page', () => {
  it('is not remembered again, being the remembered one (or the Overview in its place); a page the user picks is', () => {
    const { select } = useStore.getState();
    select(OVERVIEW, { atStart: true });
    expect(remembered).toEqual([]);
    select(appPage('org.example.A'));
    expect(remembered).toEqual([{ page: appPage('org.example.A') }]);
  });
});

// @vitest-environment jsdom
// Reads superseded by newer ones: a fake bridge holds every answer until the test gives it, and
// gives them newest first, so an older read's late answer must not overwrite a newer one's.

import { beforeEach, describe, expect, it } from 'vitest';
import { installHeldBridge, type Held } from './held-bridge';
import { useStore } from './index';
import { appPage, OVERVIEW } from './selection';

const { held, on } = installHeldBridge();

const initial = useStore.getState();
beforeEach(() => {
  useStore.setState(initial, true);
  held.length = 0;
});

describe('a read superseded by a newer one', () => {
  it('is dropped when the user goes from app A to B and back to A, whatever order the answers come in', async () => {
    const { select } = useStore.getState();
    select(appPage('org.example.A'));
    select(appPage('org.example.B'));
    select(appPage('org.example.A'));
    for (const channel of ['permissions:get', 'portals:get']) {
      expect(on(channel).map((h) => h.request)).toEqual([
        { appId: 'org.example.A' },
        { appId: 'org.example.B' },
        { appId: 'org.example.A' },
      ]);
      const [first, second, third] = on(channel) as [Held, Held, Held];
      await third.answer({ read: 'A, the newest' });
      await second.answer({ read: 'B' });
      await first.answer({ read: 'A, the oldest' });
    }
    const s = useStore.getState();
    expect(s.view).toEqual({ read: 'A, the newest' });
    expect(s.viewFor).toEqual(appPage('org.example.A'));
    expect(s.viewLoad).toEqual({ loading: false, error: null });
    expect(s.portals).toEqual({ read: 'A, the newest' });
    expect(s.portalsFor).toBe('org.example.A');
    expect(s.portalsLoad).toEqual({ loading: false, error: null });
  });

  it('of an app is dropped once the user went to the overview', async () => {
    useStore.getState().select(appPage('org.example.A'));
    useStore.getState().select(OVERVIEW);
    await on('audit:load')[0]?.answer({ read: 'audit' });
    await on('permissions:get')[0]?.answer({ read: 'A' });
    await on('portals:get')[0]?.answer({ read: 'A' });
    const s = useStore.getState();
    expect(s.audit).toEqual({ read: 'audit' });
    expect(s.view).toBeNull();
    expect(s.portals).toBeNull();
  });

  it('of the catalogue is dropped when the newer answers came first', async () => {
    const { loadCatalog } = useStore.getState();
    void loadCatalog();
    void loadCatalog();
    const [olderList, newerList] = on('catalog:list') as [Held, Held];
    const [olderMarks, newerMarks] = on('catalog:marks') as [Held, Held];
    await newerList.answer({ apps: ['newer'] });
    // Listed before its marks: shown at once, marked as such.
    expect(useStore.getState().catalog).toMatchObject({ apps: ['newer'], changed: [] });
    expect(useStore.getState().catalogListedOnly).toBe(true);
    await newerMarks.answer({ changed: ['newer'] });
    const newer = { apps: ['newer'], changed: ['newer'] };
    expect(useStore.getState().catalog).toEqual(newer);
    await olderList.answer({ apps: ['older'] });
    await olderMarks.answer({ changed: ['older'] });
    expect(useStore.getState().catalog).toEqual(newer);
    expect(useStore.getState().catalogListedOnly).toBe(false);
    expect(useStore.getState().catalogLoad).toEqual({ loading: false, error: null });
  });

  it.each([
    ['audit:load', 'loadAudit', 'audit', 'auditLoad'],
    ['system:status', 'loadSystem', 'system', 'systemLoad'],
  ] as const)('of %s is dropped when the newer answer came first', async (channel, load, value, loading) => {
    void useStore.getState()[load]();
    void useStore.getState()[load]();
    const [older, newer] = on(channel) as [Held, Held];
    await newer.answer({ read: 'newer' });
    expect(useStore.getState()[value]).toEqual({ read: 'newer' });
    await older.answer({ read: 'older' });
    expect(useStore.getState()[value]).toEqual({ read: 'newer' });
    expect(useStore.getState()[loading]).toEqual({ loading: false, error: null });
  });
});

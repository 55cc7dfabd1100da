// The cache's form of a context (context-record.ts): what comes back is what went in, and the
// empty fields of every context read back are one shared map that no one can change.

import { describe, expect, it } from 'vitest';
import { emptyContext, type Context } from './context';
import { contextFromRecord, contextRecord } from './context-record';

const granted: Context = {
  ...emptyContext(),
  flags: {
    shared: new Map([['network', true]]),
    sockets: new Map([['x11', false]]),
    devices: new Map(),
    features: new Map(),
  },
  filesystems: new Map([
    ['home', 'ro'],
    ['~/Games', 'rw'],
  ]),
  persistent: new Set(['.app']),
};

/** A record as it comes back from catalog.json: through JSON text. */
const throughJson = (c: Context): unknown => JSON.parse(JSON.stringify(contextRecord(c))) as unknown;

describe('a context kept in the cache', () => {
  it('comes back with its entries in their order', () => {
    const back = contextFromRecord(throughJson(granted));
    expect(back && contextRecord(back)).toEqual(contextRecord(granted));
    expect([...(back?.filesystems.keys() ?? [])]).toEqual(['home', '~/Games']);
  });

  it('shares one unchangeable map among the empty fields of every context read back', () => {
    const a = contextFromRecord(throughJson(granted));
    const b = contextFromRecord(throughJson(emptyContext()));
    // One object for all: 200 apps read back made over a thousand empty maps before.
    expect(a?.env).toBe(b?.env);
    expect(a?.flags.devices).toBe(b?.bus.system);
    expect(b?.persistent.size).toBe(0);
    expect(a?.persistent).not.toBe(b?.persistent);
    // A change would reach every context: it throws instead.
    expect(() => (b?.env as Map<string, string | null>).set('X', '1')).toThrow(TypeError);
    expect(() => (b?.persistent as Set<string>).add('.x')).toThrow(TypeError);
    expect(b?.env.size).toBe(0);
  });
});

import { describe, expect, it, vi } from 'vitest';

const exposed = vi.hoisted(() => {
  const holder: { value: unknown; name: string } = { value: undefined, name: '' };
  return holder;
});
const ipc = vi.hoisted(() => ({
  invoke: vi.fn(() => Promise.resolve('answer')),
  listeners: [] as ((...a: unknown[]) => void)[],
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (name: string, value: unknown) => {
      exposed.name = name;
      exposed.value = value;
    },
  },
  ipcRenderer: {
    invoke: ipc.invoke,
    on: (_channel: string, fn: (...a: unknown[]) => void) => ipc.listeners.push(fn),
    removeListener: (_channel: string, fn: (...a: unknown[]) => void) =>
      ipc.listeners.splice(ipc.listeners.indexOf(fn), 1),
  },
}));

await import('./index');
const bridge = exposed.value as {
  invoke: (c: string, r: unknown) => Promise<unknown>;
  subscribe: (e: string, l: (p: unknown) => void) => () => void;
};

describe('the preload', () => {
  it('exposes only invoke and subscribe, frozen, as window.confine', () => {
    expect(exposed.name).toBe('confine');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('passes only the contract’s channels to main', async () => {
    expect(await bridge.invoke('catalog:marks', {})).toBe('answer');
    expect(ipc.invoke).toHaveBeenCalledWith('confine:invoke', 'catalog:marks', {});
    await expect(bridge.invoke('fs:write', {})).rejects.toThrow('Unknown channel');
    expect(ipc.invoke).toHaveBeenCalledTimes(1);
  });

  it('hands listeners the payload, never the IPC event, and unsubscribes', () => {
    const got: unknown[][] = [];
    const off = bridge.subscribe('flatpak:changed', (...args) => got.push(args));
    ipc.listeners[0]?.({ sender: 'secret' }, 'flatpak:changed', { apps: true, overrides: false });
    ipc.listeners[0]?.({ sender: 'secret' }, 'other:event', { x: 1 });
    expect(got).toEqual([[{ apps: true, overrides: false }]]);
    off();
    expect(ipc.listeners).toEqual([]);
    expect(() => bridge.subscribe('nope', () => undefined)).toThrow('Unknown event');
  });
});

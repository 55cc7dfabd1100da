import { describe, expect, it, vi } from 'vitest';
import { ConfineError } from '../../shared/errors';
import { CHANNEL_NAMES } from '../../shared/ipc/names';
import { dispatch, type Handlers } from './dispatch';
import { isTrustedSender } from './sender';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

function spyHandlers(): { handlers: Handlers; calls: unknown[] } {
  const calls: unknown[] = [];
  const handler = vi.fn((req: unknown) => {
    calls.push(req);
    return Promise.resolve({ path: '/x', before: null, after: null, changed: false, portals: [], portalFailures: [] });
  });
  const handlers = Object.fromEntries(CHANNEL_NAMES.map((c) => [c, handler])) as unknown as Handlers;
  return { handlers, calls };
}

describe('dispatch', () => {
  it.each([
    ['an unknown channel', 'fs:readFile', {}],
    ['a path-like app ID', 'override:reset', { appId: '../../.bashrc' }],
    ['an absolute path as app ID', 'override:reset', { appId: '/etc/passwd' }],
    ['an app ID with a NUL', 'permissions:get', { appId: 'org.example.A\0pp' }],
    ['a path as a permission store table', 'portals:set', { appId: 'org.example.App', table: '../../.bashrc', id: 'x', value: null }],
    ['a portal value that is not a list', 'portals:set', { appId: 'org.example.App', table: 'devices', id: 'camera', value: 'yes' }],
    ['a restore with nothing in it', 'override:restore', { files: [], portals: [] }],
    ['extra properties', 'override:reset', { appId: 'org.example.App', path: '/etc/passwd' }],
    ['a change of an unknown kind', 'override:change', { appId: 'org.example.App', changes: [{ kind: 'exec', name: 'rm' }] }],
    ['a filesystem that is not in Flatpak normal form', 'override:change', { appId: 'org.example.App', changes: [{ kind: 'filesystems', path: '/a/../b', value: 'rw' }] }],
    ['a bus name that is not one', 'override:change', { appId: null, changes: [{ kind: 'bus', bus: 'session', name: 'not a bus name', value: 'talk' }] }],
    ['an environment name with =', 'override:change', { appId: null, changes: [{ kind: 'environment', name: 'A=B', value: 'x' }] }],
    ['a persistent path leaving home', 'override:change', { appId: null, changes: [{ kind: 'persistent', path: '../x', value: true }] }],
    ['no changes', 'override:change', { appId: null, changes: [] }],
    ['a payload that is not an object', 'catalog:load', 'please'],
    ['restore bytes that are not base64', 'override:restore', { appId: null, expected: null, content: '<script>' }],
    ['a link outside the allow-list', 'link:open', { link: 'https://evil.example' }],
    ['restore bytes in a non-canonical base64 spelling', 'override:restore', { files: [{ appId: null, expected: null, content: 'QR==' }] }],
    ['restore bytes Flatpak would refuse (a bad bus name)', 'override:restore', { files: [{ appId: null, expected: null, content: b64('[Session Bus Policy]\nnot a bus name=talk\n') }] }],
    ['restore bytes Flatpak would refuse (not a keyfile)', 'override:restore', { files: [{ appId: 'org.example.App', expected: null, content: b64('garbage\n') }] }],
    ['restore bytes that make Flatpak crash (a bus policy that is not UTF-8)', 'override:restore', { files: [{ appId: null, expected: null, content: b64(Buffer.from('[Session Bus Policy]\norg.a.b=t\xe8lk\n', 'latin1')) }] }],
    ['a restored portal value outside its table', 'override:restore', { files: [], portals: [{ appId: 'org.example.App', table: 'devices', id: 'camera', expected: null, content: ['always'] }] }],
    ['a portal value outside the entry’s vocabulary', 'portals:set', { appId: 'org.example.App', table: 'devices', id: 'camera', value: ['maybe'] }],
    ['a value for an entry the window only forgets', 'portals:set', { appId: 'org.example.App', table: 'documents', id: 'abc', value: ['read'] }],
    ['a socket Flatpak does not know', 'override:change', { appId: null, changes: [{ kind: 'sockets', name: 'bogus', value: true }] }],
    ['a filesystem above home', 'override:change', { appId: null, changes: [{ kind: 'filesystems', path: '~/..', value: 'rw' }] }],
    ['an environment name GLib reads as a comment', 'override:change', { appId: null, changes: [{ kind: 'environment', name: '#X', value: '1' }] }],
    ['an environment name with a tab', 'override:change', { appId: null, changes: [{ kind: 'environment', name: 'X\t', value: '1' }] }],
    ['an environment value with a lone surrogate', 'override:change', { appId: null, changes: [{ kind: 'environment', name: 'X', value: 'a\udc80' }] }],
    ['a path as installation', 'permissions:get', { appId: 'org.example.App', installation: '../../x' }],
    ['a proposal no preset makes', 'harden:apply', { preset: 'strict', items: [{ appId: 'org.example.App', proposalIds: ['rm-rf'] }] }],
    ['a __proto__ key in the choices', 'harden:preview', JSON.parse('{"appIds":"all","preset":"strict","choices":{"__proto__":["network"]}}') as unknown],
    ['a __proto__ key in a request', 'override:reset', JSON.parse('{"appId":null,"__proto__":{"x":1}}') as unknown],
    ['clipboard text with a NUL', 'clipboard:write', { text: 'a\0b' }],
  ])('refuses %s before any service runs', async (_what, channel, payload) => {
    const { handlers, calls } = spyHandlers();
    const r = await dispatch(handlers, channel, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid-input');
    expect(calls).toEqual([]);
  });

  it('names the valid permissions when one is unknown', async () => {
    const { handlers } = spyHandlers();
    const r = await dispatch(handlers, 'override:change', { appId: null, changes: [{ kind: 'sockets', name: 'bogus', value: true }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!r.ok) expect(r.error.message).toContain('Unknown socket type bogus, valid types are: x11, wayland, pulseaudio');
  });

  it('lets an undo write any file Flatpak loads over any bytes, and delete', async () => {
    const { handlers, calls } = spyHandlers();
    const odd = b64(Buffer.from([0xff, 0x00, 0x5b]));
    const files = [
      { appId: null, expected: odd, content: b64('[Context]\nsockets=!x11;\n# kept\n[X-Other]\nk=v\n') },
      { appId: 'org.example.App', expected: odd, content: null },
      { appId: 'org.example.App', expected: null, content: '' },
    ];
    const portals = [{ appId: 'org.example.App', table: 'location', id: 'location', expected: ['???'], content: ['CITY', '1718000000'] }];
    await dispatch(handlers, 'override:restore', { files, portals });
    expect(calls).toEqual([{ files, portals }]);
  });

  it('passes a valid request through and checks the answer', async () => {
    const { handlers, calls } = spyHandlers();
    const r = await dispatch(handlers, 'override:reset', { appId: 'org.example.App' });
    expect(r).toEqual({ ok: true, value: { path: '/x', before: null, after: null, changed: false, portals: [], portalFailures: [] } });
    expect(calls).toEqual([{ appId: 'org.example.App' }]);
  });

  it('turns an expected failure into a typed result, not a thrown string', async () => {
    const { handlers } = spyHandlers();
    const failing = { ...handlers, 'override:reset': () => Promise.reject(new ConfineError('conflict', 'changed meanwhile', '/o/x')) } as Handlers;
    expect(await dispatch(failing, 'override:reset', { appId: null })).toEqual({ ok: false, error: { code: 'conflict', message: 'changed meanwhile', path: '/o/x' } });
  });

  it('refuses to send an answer that does not match the contract', async () => {
    const { handlers } = spyHandlers();
    const wrong = { ...handlers, 'settings:get': () => Promise.resolve({ selectedApp: 42 }) } as unknown as Handlers;
    const r = await dispatch(wrong, 'settings:get', {});
    expect(r.ok).toBe(false);
  });
});

describe('sender checks', () => {
  it('accepts only the top frame of app://bundle', () => {
    expect(isTrustedSender({ url: 'app://bundle/index.html', isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'app://bundle/index.html', isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'file:///home/u/index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'app://user:pw@bundle/index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: undefined, isMainFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

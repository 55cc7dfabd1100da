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
    ['an unknown channel', 'fs:readFile', {}, 'Unknown channel "fs:readFile"'],
    ['a path-like app ID', 'override:reset', { appId: '../../.bashrc' }, "appId: Name can't start with a period"],
    ['an absolute path as app ID', 'override:reset', { appId: '/etc/passwd' }, "appId: Name can't start with /"],
    ['an app ID with a NUL', 'permissions:get', { appId: 'org.example.A\0pp' }, "appId: Name can't contain \0"],
    [
      'a path as a permission store table',
      'portals:set',
      { appId: 'org.example.App', table: '../../.bashrc', id: 'x', value: null },
      'table: not a permission store table',
    ],
    [
      'a portal value that is not a list',
      'portals:set',
      { appId: 'org.example.App', table: 'devices', id: 'camera', value: 'yes' },
      'value: Invalid input: expected array',
    ],
    ['a restore with nothing in it', 'override:restore', { files: [], portals: [] }, 'nothing to restore'],
    [
      'extra properties',
      'override:reset',
      { appId: 'org.example.App', path: '/etc/passwd' },
      'Unrecognized key: "path"',
    ],
    [
      'a change of an unknown kind',
      'override:change',
      { appId: 'org.example.App', changes: [{ kind: 'exec', name: 'rm' }] },
      'changes.0.kind: Invalid discriminator value',
    ],
    [
      'a filesystem that is not in Flatpak normal form',
      'override:change',
      { appId: 'org.example.App', changes: [{ kind: 'filesystems', path: '/a/../b', value: 'rw' }] },
      'changes.0.path: Filesystem location "/a/../b" contains ".."',
    ],
    [
      'a bus name that is not one',
      'override:change',
      { appId: null, changes: [{ kind: 'bus', bus: 'session', name: 'not a bus name', value: 'talk' }] },
      'changes.0.name: Invalid dbus name not a bus name',
    ],
    [
      'an environment name with =',
      'override:change',
      { appId: null, changes: [{ kind: 'environment', name: 'A=B', value: 'x' }] },
      "changes.0.name: Environment variable name must not contain '='",
    ],
    [
      'a persistent path leaving home',
      'override:change',
      { appId: null, changes: [{ kind: 'persistent', path: '../x', value: true }] },
      'changes.0.path: Persistent path “../x” contains “..”',
    ],
    ['no changes', 'override:change', { appId: null, changes: [] }, 'changes: Too small'],
    ['a payload that is not an object', 'catalog:marks', 'please', 'expected object, received string'],
    [
      'restore bytes that are not base64',
      'override:restore',
      { files: [{ appId: null, expected: null, content: '<script>' }] },
      'files.0.content: not base64',
    ],
    [
      'expected bytes that are not base64',
      'override:restore',
      { files: [{ appId: null, expected: '<script>', content: null }] },
      'files.0.expected: not base64',
    ],
    ['a link outside the allow-list', 'link:open', { link: 'https://evil.example' }, 'link: Invalid option'],
    [
      'restore bytes in a non-canonical base64 spelling',
      'override:restore',
      { files: [{ appId: null, expected: null, content: 'QR==' }] },
      'files.0.content: not base64',
    ],
    [
      'restore bytes Flatpak would refuse (a bad bus name)',
      'override:restore',
      { files: [{ appId: null, expected: null, content: b64('[Session Bus Policy]\nnot a bus name=talk\n') }] },
      'files.0.content: Flatpak would refuse this override file: Invalid dbus name not a bus name',
    ],
    [
      'restore bytes Flatpak would refuse (not a keyfile)',
      'override:restore',
      { files: [{ appId: 'org.example.App', expected: null, content: b64('garbage\n') }] },
      'files.0.content: Flatpak would refuse this override file: line 1: Key file contains line “garbage”',
    ],
    [
      'restore bytes that make Flatpak crash (a bus policy that is not UTF-8)',
      'override:restore',
      {
        files: [
          {
            appId: null,
            expected: null,
            content: b64(Buffer.from('[Session Bus Policy]\norg.a.b=t\xe8lk\n', 'latin1')),
          },
        ],
      },
      'files.0.content: Flatpak would refuse this override file: the Session Bus Policy of org.a.b is not UTF-8',
    ],
    [
      'a restored portal value outside its table',
      'override:restore',
      {
        files: [],
        portals: [{ appId: 'org.example.App', table: 'devices', id: 'camera', expected: null, content: ['always'] }],
      },
      'portals.0.content: ["always"] is not a value of the devices table',
    ],
    [
      'a portal value outside the entry’s vocabulary',
      'portals:set',
      { appId: 'org.example.App', table: 'devices', id: 'camera', value: ['maybe'] },
      'value: ["maybe"] is not a value of Camera',
    ],
    [
      'a value for an entry the window only forgets',
      'portals:set',
      { appId: 'org.example.App', table: 'documents', id: 'abc', value: ['read'] },
      'value: documents/abc can only be forgotten',
    ],
    [
      'a socket Flatpak does not know',
      'override:change',
      { appId: null, changes: [{ kind: 'sockets', name: 'bogus', value: true }] },
      'changes.0.name: Unknown socket type bogus',
    ],
    [
      'a filesystem above home',
      'override:change',
      { appId: null, changes: [{ kind: 'filesystems', path: '~/..', value: 'rw' }] },
      'changes.0.path: Filesystem location "~/.." contains ".."',
    ],
    [
      'an environment name GLib reads as a comment',
      'override:change',
      { appId: null, changes: [{ kind: 'environment', name: '#X', value: '1' }] },
      'changes.0.name: Environment variable name "#X" cannot be stored',
    ],
    [
      'an environment name with a tab',
      'override:change',
      { appId: null, changes: [{ kind: 'environment', name: 'X\t', value: '1' }] },
      'changes.0.name: Environment variable name "X\\t" cannot be stored',
    ],
    [
      'an environment value with a lone surrogate',
      'override:change',
      { appId: null, changes: [{ kind: 'environment', name: 'X', value: 'a\udc80' }] },
      'changes.0.value: not valid Unicode text',
    ],
    [
      'a path as installation',
      'permissions:get',
      { appId: 'org.example.App', installation: '../../x' },
      'installation: not an installation ID',
    ],
    [
      'a proposal no preset makes',
      'harden:apply',
      { preset: 'strict', items: [{ appId: 'org.example.App', proposalIds: ['rm-rf'] }] },
      'items.0.proposalIds.0: not a proposal ID',
    ],
    [
      'a __proto__ key in the choices',
      'harden:preview',
      JSON.parse('{"appIds":"all","preset":"strict","choices":{"__proto__":["network"]}}') as unknown,
      'choices: not a map',
    ],
    [
      'a __proto__ key in a request',
      'override:reset',
      JSON.parse('{"appId":null,"__proto__":{"x":1}}') as unknown,
      'Unrecognized key: "__proto__"',
    ],
    ['clipboard text with a NUL', 'clipboard:write', { text: 'a\0b' }, 'text: text with a NUL character'],
  ])('refuses %s before any service runs', async (_what, channel, payload, reason) => {
    const { handlers, calls } = spyHandlers();
    const r = await dispatch(handlers, channel, payload);
    // The reason is pinned: a request refused for some other flaw would leave the check it names
    // untested, and each payload is well-formed but for that one flaw.
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining(reason) as unknown },
    });
    expect(calls).toEqual([]);
  });

  it('names the valid permissions when one is unknown', async () => {
    const { handlers } = spyHandlers();
    const r = await dispatch(handlers, 'override:change', {
      appId: null,
      changes: [{ kind: 'sockets', name: 'bogus', value: true }],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!r.ok)
      expect(r.error.message).toContain('Unknown socket type bogus, valid types are: x11, wayland, pulseaudio');
  });

  it('lets an undo write any file Flatpak loads over any bytes, and delete', async () => {
    const { handlers, calls } = spyHandlers();
    const odd = b64(Buffer.from([0xff, 0x00, 0x5b]));
    const files = [
      { appId: null, expected: odd, content: b64('[Context]\nsockets=!x11;\n# kept\n[X-Other]\nk=v\n') },
      { appId: 'org.example.App', expected: odd, content: null },
      { appId: 'org.example.App', expected: null, content: '' },
    ];
    const portals = [
      {
        appId: 'org.example.App',
        table: 'location',
        id: 'location',
        expected: ['???'],
        content: ['CITY', '1718000000'],
      },
    ];
    await dispatch(handlers, 'override:restore', { files, portals });
    expect(calls).toEqual([{ files, portals, seen: [] }]);
  });

  it('passes a valid request through and checks the answer', async () => {
    const { handlers, calls } = spyHandlers();
    const r = await dispatch(handlers, 'override:reset', { appId: 'org.example.App' });
    expect(r).toEqual({
      ok: true,
      value: { path: '/x', before: null, after: null, changed: false, portals: [], portalFailures: [] },
    });
    expect(calls).toEqual([{ appId: 'org.example.App' }]);
  });

  it('turns an expected failure into a typed result, not a thrown string', async () => {
    const { handlers } = spyHandlers();
    const failing = {
      ...handlers,
      'override:reset': () => Promise.reject(new ConfineError('conflict', 'changed meanwhile', '/o/x')),
    } as Handlers;
    expect(await dispatch(failing, 'override:reset', { appId: null })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'changed meanwhile', path: '/o/x' },
    });
  });

  it('refuses to send an answer that does not match the contract', async () => {
    const { handlers } = spyHandlers();
    const wrong = { ...handlers, 'settings:get': () => Promise.resolve({ selectedApp: 42 }) } as unknown as Handlers;
    const r = await dispatch(wrong, 'settings:get', {});
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'io',
        message: expect.stringContaining('the settings:get answer does not match the contract') as unknown,
      },
    });
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

// The app:// handler, with Electron mocked: every request it cannot serve is a plain 404, never
// an exception (a malformed escape in an icon name used to throw inside the handler).

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../test/helpers/temp';

const handled = vi.hoisted(() => ({
  handler: undefined as ((request: { url: string; method: string }) => Promise<Response>) | undefined,
}));

vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: () => undefined,
    handle: (_scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) => {
      handled.handler = handler;
    },
  },
}));

const { serveApp } = await import('./protocol');
const { IconRegistry } = await import('../ipc/assets');

describe('app:// requests', () => {
  it('serves the renderer, and answers 404 to anything else without throwing', async () => {
    const dir = await tempDir('confine-protocol-');
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<html>');
    serveApp(dir, new IconRegistry());
    const handler = handled.handler;
    if (!handler) throw new Error('no handler registered');
    const get = (url: string, method = 'GET') => handler({ url, method });
    const ok = await get('app://bundle/');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('<html>');
    for (const [url, method] of [
      ['app://bundle/icons/%E0%A4%A', 'GET'],
      ['app://bundle/icons/..%2F..%2Fetc%2Fpasswd', 'GET'],
      ['app://bundle/icons/org.example.App', 'GET'],
      ['app://evil/index.html', 'GET'],
      ['app://bundle/index.html', 'POST'],
      ['app://bundle/%E0%A4%A', 'GET'],
    ] as const) {
      expect({ url, method, status: (await get(url, method)).status }).toEqual({ url, method, status: 404 });
    }
  });
});

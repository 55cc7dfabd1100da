import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appIcon, CONTENT_SECURITY_POLICY, IconRegistry, rendererAsset } from './assets';

describe('renderer assets', () => {
  it('serves files of the renderer folder with the strict CSP, and nothing outside it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'confine-assets-'));
    await mkdir(join(root, 'r/assets'), { recursive: true });
    await writeFile(join(root, 'r/index.html'), '<html>');
    await writeFile(join(root, 'r/assets/a.js'), 'x');
    await writeFile(join(root, 'secret.js'), 'secret');
    const ok = await rendererAsset(join(root, 'r'), '/assets/a.js');
    expect(ok.status).toBe(200);
    expect(ok.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect((await rendererAsset(join(root, 'r'), '/')).body.toString()).toBe('<html>');
    for (const bad of ['/../secret.js', '/%2e%2e/secret.js', '/assets/../../secret.js', '/%00', '/index.sh', '/%E0%A4%A']) {
      expect({ bad, status: (await rendererAsset(join(root, 'r'), bad)).status }).toEqual({ bad, status: 404 });
    }
  });

  it('serves an icon only from inside an installation’s apps, for a valid app ID', async () => {
    const root = await mkdtemp(join(tmpdir(), 'confine-icons-'));
    await mkdir(join(root, 'inst/app/org.example.App/active'), { recursive: true });
    await mkdir(join(root, 'inst/exports'), { recursive: true });
    await writeFile(join(root, 'inst/app/org.example.App/active/icon.png'), 'png');
    await symlink(join(root, 'inst/app/org.example.App/active/icon.png'), join(root, 'inst/exports/org.example.App.png'));
    await writeFile(join(root, 'outside.png'), 'no');
    await symlink(join(root, 'outside.png'), join(root, 'inst/exports/org.example.Evil.png'));
    const icons = new IconRegistry();
    icons.update([{ id: 'org.example.App', icon: join(root, 'inst/exports/org.example.App.png') }, { id: 'org.example.Evil', icon: join(root, 'inst/exports/org.example.Evil.png') }], [join(root, 'inst')]);
    expect((await appIcon(icons, 'org.example.App')).body.toString()).toBe('png');
    expect((await appIcon(icons, 'org.example.Evil')).status).toBe(404);
    expect((await appIcon(icons, '../../etc/passwd')).status).toBe(404);
    expect((await appIcon(icons, 'org.example.Missing')).status).toBe(404);
  });
});

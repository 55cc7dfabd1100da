import { execFileSync } from 'node:child_process';
import { chown, link, mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, inject, it } from 'vitest';
import { iconIndex } from '../services/appstream';
import { appIcon, CONTENT_SECURITY_POLICY, IconRegistry, MAX_ICON_BYTES, rendererAsset } from './assets';
import { tempDir } from '../../test/helpers/temp';

const PNG = (text: string) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(text)]);
const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n';
const APP = 'org.example.App';
/** Where Flatpak deploys an app's exported icon, and where it exports the link to it. */
const DEPLOYED = `inst/app/${APP}/x86_64/stable/active/export/share/icons/hicolor/64x64/apps`;
const EXPORTED = `inst/exports/share/icons/hicolor/64x64/apps/${APP}.png`;
const LINK_TO_DEPLOYED = `../../../../../../app/${APP}/x86_64/stable/active/export/share/icons/hicolor/64x64/apps/${APP}.png`;

/** An installation with one app whose exported icon links into its deployment, as Flatpak makes it. */
async function installation(icon: Buffer | string = PNG('REAL')): Promise<{ root: string; icons: IconRegistry }> {
  const root = await tempDir('confine-icons-');
  await mkdir(join(root, DEPLOYED), { recursive: true });
  await mkdir(dirname(join(root, EXPORTED)), { recursive: true });
  await writeFile(join(root, DEPLOYED, `${APP}.png`), icon);
  await symlink(LINK_TO_DEPLOYED, join(root, EXPORTED));
  const icons = new IconRegistry();
  icons.update([{ id: APP, icon: join(root, EXPORTED) }], [join(root, 'inst')]);
  return { root, icons };
}

const served = (icons: IconRegistry, id = APP) => {
  const a = appIcon(icons, id);
  return a.status === 200 ? a.body.toString('latin1') : a.status;
};

describe('renderer assets', () => {
  it('serves files of the renderer folder with the strict CSP, and nothing outside it', async () => {
    const root = await tempDir('confine-assets-');
    await mkdir(join(root, 'r/assets'), { recursive: true });
    await writeFile(join(root, 'r/index.html'), '<html>');
    await writeFile(join(root, 'r/assets/a.js'), 'x');
    await writeFile(join(root, 'secret.js'), 'secret');
    const ok = rendererAsset(join(root, 'r'), '/assets/a.js');
    expect(ok.status).toBe(200);
    expect(ok.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(rendererAsset(join(root, 'r'), '/').body.toString()).toBe('<html>');
    for (const bad of [
      '/../secret.js',
      '/%2e%2e/secret.js',
      '/assets/../../secret.js',
      '/%00',
      '/index.sh',
      '/%E0%A4%A',
      '/assets/a.js%00.js',
    ]) {
      expect({ bad, status: rendererAsset(join(root, 'r'), bad).status }).toEqual({ bad, status: 404 });
    }
  });

  it('follows no link in the renderer folder: symbolic (in or out, file or folder) or hard', async () => {
    const root = await tempDir('confine-assets-');
    const r = join(root, 'r');
    await mkdir(join(r, 'assets'), { recursive: true });
    await writeFile(join(r, 'assets/a.js'), 'inside');
    await writeFile(join(root, 'secret.js'), 'secret');
    await symlink(join(root, 'secret.js'), join(r, 'assets/out.js'));
    await symlink('a.js', join(r, 'assets/in.js'));
    await symlink(join(r, 'assets'), join(r, 'folder'));
    await symlink(root, join(r, 'up'));
    await link(join(root, 'secret.js'), join(r, 'assets/hard-out.js'));
    await link(join(r, 'assets/a.js'), join(r, 'assets/hard-in.js'));
    for (const bad of [
      '/assets/out.js',
      '/assets/in.js',
      '/folder/a.js',
      '/up/secret.js',
      '/assets/hard-out.js',
      '/assets/hard-in.js',
    ]) {
      expect({ bad, status: rendererAsset(r, bad).status }).toEqual({ bad, status: 404 });
    }
  });

  it('does not hang on a FIFO and refuses what is not a regular file', async () => {
    const r = await tempDir('confine-assets-');
    execFileSync('mkfifo', [join(r, 'pipe.js')]);
    await mkdir(join(r, 'dir.js'));
    expect(rendererAsset(r, '/pipe.js').status).toBe(404);
    expect(rendererAsset(r, '/dir.js').status).toBe(404);
  });

  it('serves through a renderer folder reached by a link (the folder itself is trusted)', async () => {
    const root = await tempDir('confine-assets-');
    await mkdir(join(root, 'real'));
    await writeFile(join(root, 'real/index.html'), '<html>');
    await symlink(join(root, 'real'), join(root, 'via'));
    expect(rendererAsset(join(root, 'via'), '/').body.toString()).toBe('<html>');
  });
});

describe('app icons', () => {
  it('serves an icon only from inside the app’s deployment, for a valid app ID', async () => {
    const { root, icons } = await installation();
    await writeFile(join(root, 'outside.png'), PNG('OUTSIDE'));
    await symlink(
      join(root, 'outside.png'),
      join(root, 'inst/exports/share/icons/hicolor/64x64/apps/org.example.Evil.png'),
    );
    icons.update(
      [
        { id: APP, icon: join(root, EXPORTED) },
        {
          id: 'org.example.Evil',
          icon: join(root, 'inst/exports/share/icons/hicolor/64x64/apps/org.example.Evil.png'),
        },
      ],
      [join(root, 'inst')],
    );
    const ok = appIcon(icons, APP);
    expect(ok.status).toBe(200);
    expect(ok.headers['Content-Type']).toBe('image/png');
    expect(ok.body.toString('latin1')).toContain('REAL');
    expect(served(icons, 'org.example.Evil')).toBe(404);
    expect(served(icons, '../../etc/passwd')).toBe(404);
    expect(served(icons, 'org.example.Missing')).toBe(404);
  });

  it('refuses an icon in another app’s deployment, or outside the deployments', async () => {
    const { root, icons } = await installation();
    await mkdir(join(root, 'inst/app/org.example.Other'), { recursive: true });
    await writeFile(join(root, 'inst/app/org.example.Other/o.png'), PNG('OTHER'));
    await writeFile(join(root, 'inst/exports/share/icons/hicolor/64x64/apps/org.example.Plain.png'), PNG('PLAIN'));
    icons.update(
      [
        { id: APP, icon: join(root, 'inst/app/org.example.Other/o.png') },
        {
          id: 'org.example.Plain',
          icon: join(root, 'inst/exports/share/icons/hicolor/64x64/apps/org.example.Plain.png'),
        },
      ],
      [join(root, 'inst')],
    );
    expect(served(icons)).toBe(404);
    expect(served(icons, 'org.example.Plain')).toBe(404);
  });

  it('follows links only inside the installation, absolute or relative', async () => {
    const { root, icons } = await installation();
    const exported = join(root, EXPORTED);
    await rm(exported);
    await symlink(join(root, DEPLOYED, `${APP}.png`), exported);
    expect(served(icons)).toContain('REAL');
    // Out of the installation and back in: the walk never leaves it, so this is refused.
    await rm(exported);
    await symlink(
      `../../../../../../../inst/app/${APP}/x86_64/stable/active/export/share/icons/hicolor/64x64/apps/${APP}.png`,
      exported,
    );
    expect(served(icons)).toBe(404);
    // A folder of the deployment that is a link out of the installation.
    await rm(exported);
    await symlink(LINK_TO_DEPLOYED, exported);
    const secret = await tempDir('confine-secret-');
    await writeFile(join(secret, `${APP}.png`), PNG('SECRET'));
    await rm(join(root, DEPLOYED), { recursive: true });
    await symlink(secret, join(root, DEPLOYED));
    expect(served(icons)).toBe(404);
  });

  it('refuses a hard link to a file that is not an image, and one owned by someone else', async () => {
    const secret = await tempDir('confine-secret-');
    await writeFile(join(secret, 'shadow'), 'root:$6$secret:19000:0:99999:7:::\n');
    const { root, icons } = await installation();
    const deployed = join(root, DEPLOYED, `${APP}.png`);
    await rm(deployed);
    await link(join(secret, 'shadow'), deployed);
    expect(served(icons)).toBe(404);
  });

  it.skipIf(process.getuid?.() !== 0)(
    'refuses a hard-linked image that the installation’s owner does not own',
    async () => {
      const secret = await tempDir('confine-secret-');
      await writeFile(join(secret, 'private.png'), PNG('SECRET'));
      await chown(join(secret, 'private.png'), 4242, 4242);
      const { root, icons } = await installation();
      const deployed = join(root, DEPLOYED, `${APP}.png`);
      await rm(deployed);
      await link(join(secret, 'private.png'), deployed);
      expect(served(icons)).toBe(404);
    },
  );

  it('serves an icon hard-linked into the repository, as ostree deploys it', async () => {
    const { root, icons } = await installation();
    await mkdir(join(root, 'inst/repo/objects/ab'), { recursive: true });
    await link(join(root, DEPLOYED, `${APP}.png`), join(root, 'inst/repo/objects/ab/cdef.file'));
    expect(served(icons)).toContain('REAL');
  });

  it('refuses a FIFO, a folder, a file too big, and bytes that are not the image its name says', async () => {
    const { root, icons } = await installation();
    const deployed = join(root, DEPLOYED, `${APP}.png`);
    await rm(deployed);
    execFileSync('mkfifo', [deployed]);
    expect(served(icons)).toBe(404);
    await rm(deployed);
    await mkdir(deployed);
    expect(served(icons)).toBe(404);
    await rm(deployed, { recursive: true });
    await writeFile(deployed, Buffer.concat([PNG(''), Buffer.alloc(MAX_ICON_BYTES)]));
    expect(served(icons)).toBe(404);
    await writeFile(deployed, 'not a png');
    expect(served(icons)).toBe(404);
    // An SVG icon must hold an svg element.
    const svg = join(root, DEPLOYED, `${APP}.svg`);
    await writeFile(svg, SVG);
    icons.update([{ id: APP, icon: svg }], [join(root, 'inst')]);
    expect(served(icons)).toBe(SVG);
    await writeFile(svg, 'user:password\n');
    expect(served(icons)).toBe(404);
  });

  it('serves the icons of a real Flatpak installation (hard-linked into its repository)', async () => {
    const userDir = inject('testbed').userDir;
    const index = await iconIndex(userDir);
    const [id, icon] = [...index].find(([name]) => name.startsWith('org.confine.')) ?? [];
    expect(icon).toBeDefined();
    const icons = new IconRegistry();
    icons.update([{ id: id ?? '', icon: icon ?? '' }], [userDir]);
    const got = appIcon(icons, id ?? '');
    expect(got.status).toBe(200);
  });
});

/**
 * A helper thread that swaps the deployed icon folder for a link to a folder holding a secret,
 * and back, as fast as it can, until told to stop. A thread, not a loop on the event loop, so
 * the swaps really happen while the server's reads are under way.
 */
function startSwapper(folder: string, secretFolder: string): { stop: () => Promise<number> } {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const fs = require('node:fs');
     const { folder, secretFolder, flag } = workerData;
     const stop = new Int32Array(flag);
     const aside = folder + '.real', link = folder + '.link';
     fs.symlinkSync(secretFolder, link);
     let swaps = 0;
     while (Atomics.load(stop, 0) === 0) {
       fs.renameSync(folder, aside);
       fs.renameSync(link, folder);
       fs.renameSync(folder, link);
       fs.renameSync(aside, folder);
       swaps++;
     }
     parentPort.postMessage(swaps);`,
    { eval: true, workerData: { folder, secretFolder, flag: flag.buffer } },
  );
  const done = new Promise<number>((resolve, reject) => {
    worker.once('message', (n: number) => resolve(n));
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      Atomics.store(flag, 0, 1);
      const swaps = await done;
      await worker.terminate();
      return swaps;
    },
  };
}

describe('a folder swapped for a link while icons are served', () => {
  it('never serves the secret, however the race goes', async () => {
    const { root, icons } = await installation(PNG('REAL'));
    // The secret is an image in every other respect, so only the check of where the opened
    // file lies can stop it.
    const secret = await tempDir('confine-secret-');
    await writeFile(join(secret, `${APP}.png`), PNG('SECRET'));
    const swapper = startSwapper(join(root, DEPLOYED), secret);
    const results = { real: 0, secret: 0, missing: 0 };
    for (let i = 0; i < 4000; i++) {
      const body = served(icons);
      if (typeof body === 'number') results.missing++;
      else if (body.includes('SECRET')) results.secret++;
      else if (body.includes('REAL')) results.real++;
    }
    const swaps = await swapper.stop();
    expect(await readdir(join(root, DEPLOYED))).toEqual([`${APP}.png`]);
    // The race was real: the folder changed many times, and requests both got the icon and missed.
    expect(swaps).toBeGreaterThan(100);
    expect(results.real).toBeGreaterThan(0);
    expect(results.missing).toBeGreaterThan(0);
    expect(results.secret).toBe(0);
  });
});

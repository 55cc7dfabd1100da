// `confine mac --root` over hostile trees: a pipe, a device, a sparse gigabyte, link loops and
// links that point out of the root. The built command runs as a child with a time limit and a
// memory watch, as a user would run it, since a hang or a runaway read is what is tested. Then
// the reader in-process: resolution against the kernel's own chroot, caps, and kernel files.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { cp, mkdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostFs, MAX_ENTRIES, MAX_FILE_BYTES, MAX_LINKS, Refused } from '../electron/services/system-fs';
import { readSystemStatus } from '../electron/services/system';
import { MAX_PROFILES, readLoadedProfiles } from '../electron/services/own-profiles';
import { SystemStatusSchema, type SystemStatus } from '../shared/system/model';
import { MAC_FIXTURES } from '../e2e/testbed/mac-fixtures';
import { tempDir } from './helpers/temp';

/** The command as `npm run build` makes it; CONFINE_TEST_CLI points at another build (an older one, to see this fail). */
const CLI = process.env.CONFINE_TEST_CLI ?? fileURLToPath(new URL('../out/cli/confine.cjs', import.meta.url));
const TIME_LIMIT_MS = 5000;
const RSS_LIMIT_KB = 300 * 1024;
const PROFILES = 'sys/kernel/security/apparmor/profiles';
const isRoot = process.getuid?.() === 0;

function canMknod(): boolean {
  if (!isRoot) return false;
  const probe = join(tmpdir(), `confine-mknod-${process.pid}`);
  try {
    execFileSync('mknod', [probe, 'c', '1', '5'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    execFileSync('rm', ['-f', probe]);
  }
}
const MKNOD = canMknod();

/** /dev/zero's numbers: a device that never ends. */
function mknodZero(path: string): void {
  execFileSync('mknod', [path, 'c', '1', '5']);
}
function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** A copy of the Ubuntu fixture (AppArmor on, a profile list) in `T/root`, with `T` itself as "outside". */
async function ubuntuTree(): Promise<{ root: string; outside: string }> {
  const outside = await tempDir('confine-hostile-');
  const root = join(outside, 'root');
  await cp(join(MAC_FIXTURES, 'ubuntu-apparmor-100'), root, { recursive: true });
  return { root, outside };
}

/** Replaces `path` of the tree with whatever `make` puts there (the folders on the way are made). */
async function place(root: string, path: string, make: (at: string) => Promise<unknown> | void): Promise<void> {
  const at = join(root, path);
  await rm(at, { recursive: true, force: true });
  await mkdir(dirname(at), { recursive: true });
  await make(at);
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Peak resident memory in KiB, as the child measured it on exit; null when it was killed. */
  readonly maxRssKb: number | null;
  /** Why the child was killed: it ran past the time limit or over the memory limit. */
  readonly killed: 'time' | 'memory' | null;
}

/** Reports the child's peak memory on fd 3 when it exits, then runs the command as bin/confine.js does. */
const WRAPPER = `import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [cli] = process.argv.splice(2, 1);
process.on('exit', () => writeSync(3, String(process.resourceUsage().maxRSS)));
await import(pathToFileURL(cli).href);
`;
let wrapper = '';

/** VmRSS of a running process in KiB, read while it runs to stop a runaway early. */
function rssKb(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Runs the built `confine mac --root ROOT`, killed at the time limit or once over the memory limit. */
function runMac(root: string, extra: readonly string[] = []): Promise<Run> {
  const home = join(dirname(root), 'home');
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    FLATPAK_USER_DIR: join(home, 'user'),
    FLATPAK_SYSTEM_DIR: join(home, 'system'),
    FLATPAK_CONFIG_DIR: join(home, 'etc'),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wrapper, CLI, 'mac', '--root', root, ...extra], {
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let rss = '';
    let killed: Run['killed'] = null;
    const stop = (why: 'time' | 'memory') => {
      killed ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop('time'), TIME_LIMIT_MS);
    const watch = setInterval(() => {
      if (child.pid !== undefined && rssKb(child.pid) > RSS_LIMIT_KB) stop('memory');
    }, 20);
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdio[3]?.on('data', (d: Buffer) => (rss += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(watch);
      resolve({ code, stdout, stderr, maxRssKb: rss === '' ? null : Number(rss), killed });
    });
  });
}

/** The run ended by itself, within the limits, with exit code 0. */
function expectBounded(r: Run): void {
  expect(r.killed, `killed (${r.killed ?? ''}); stderr: ${r.stderr.slice(0, 500)}`).toBeNull();
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.maxRssKb).not.toBeNull();
  expect(r.maxRssKb ?? Infinity).toBeLessThan(RSS_LIMIT_KB);
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (or \`npm run build:cli\`) first`);
  const dir = await tempDir('confine-wrapper-');
  wrapper = join(dir, 'measure.mjs');
  await writeFile(wrapper, WRAPPER);
});

describe('confine mac --root over a hostile profile list: ends within 5 s, in bounded memory, with a clear message', () => {
  const cases: [string, (at: string, root: string) => Promise<unknown> | void, RegExp, boolean?][] = [
    ['a pipe', (at) => mkfifo(at), /\/sys\/kernel\/security\/apparmor\/profiles is a pipe, not a regular file/],
    [
      'a device node',
      (at) => mknodZero(at),
      /\/sys\/kernel\/security\/apparmor\/profiles is a device, not a regular file/,
      true,
    ],
    [
      'a link to /dev/zero, with a /dev/zero device in the tree',
      async (at, root) => {
        await mkdir(join(root, 'dev'));
        mknodZero(join(root, 'dev/zero'));
        await symlink('/dev/zero', at);
      },
      /\/sys\/kernel\/security\/apparmor\/profiles \(→ \/dev\/zero inside the root\) is a device, not a regular file/,
      true,
    ],
    // Resolved inside the root, /dev/zero is the tree's, which has none: nothing to read.
    ['a link to /dev/zero, with no /dev in the tree', (at) => symlink('/dev/zero', at), /^ {2}Profiles: not present$/m],
    [
      'a sparse file of 1 GiB',
      (at) => writeFile(at, '').then(() => truncate(at, 1024 ** 3)),
      /profiles is 1073741824 bytes \(1024 MiB\), more than the 4 MiB Confine reads of one file/,
    ],
    [
      'a loop of two links',
      async (at) => {
        await symlink('profiles.b', at);
        await symlink('profiles', `${at}.b`);
      },
      new RegExp(
        `/sys/kernel/security/apparmor/profiles goes through more than ${MAX_LINKS} symbolic links \\(a loop\\)`,
      ),
    ],
    [
      'a folder on the way that links to itself',
      (_at, root) =>
        place(root, 'sys/kernel/security/apparmor', (dir) => symlink('/sys/kernel/security/apparmor', dir)),
      /profiles goes through more than 40 symbolic links \(a loop\)/,
    ],
  ];

  for (const [what, make, message, needsMknod] of cases) {
    it.skipIf(needsMknod === true && !MKNOD)(what, async () => {
      const { root } = await ubuntuTree();
      await place(root, PROFILES, (at) => make(at, root));
      const r = await runMac(root);
      expectBounded(r);
      expect(r.stdout).toMatch(message);
      // Still the rest of the report: AppArmor is on, whatever its list.
      expect(r.stdout).toMatch(/^AppArmor: On$/m);
    });
  }

  it('millions of one-letter profiles within the size cap: refused by count, even as JSON', async () => {
    const { root } = await ubuntuTree();
    await place(root, PROFILES, (at) => writeFile(at, 'x\n'.repeat(MAX_FILE_BYTES / 2)));
    const r = await runMac(root, ['--json']);
    expectBounded(r);
    const s = JSON.parse(r.stdout) as SystemStatus;
    expect(s.unread?.notes).toEqual([`/${PROFILES} lists more than ${MAX_PROFILES} profiles, too many to take in`]);
    expect(s.apparmor).toMatchObject({ profiles: null, profilesUnavailable: 'refused' });
  });

  it('everything at once, in many of the files read', async () => {
    const { root } = await ubuntuTree();
    await place(root, 'etc/os-release', mkfifo);
    await place(root, 'proc/self/mounts', (at) => symlink('/dev/zero', at));
    await place(root, 'proc/cmdline', (at) => symlink('cmdline', at));
    await place(root, 'etc/passwd', (at) => writeFile(at, '').then(() => truncate(at, 1024 ** 3)));
    await place(root, 'usr/share/applications/pipe.desktop', mkfifo);
    await place(root, 'usr/share/applications/loop.desktop', (at) => symlink('loop.desktop', at));
    await place(root, 'etc/apparmor.d', (at) => symlink('../etc/apparmor.d', at));
    await place(root, 'proc/1/comm', mkfifo);
    await place(root, 'proc/1/status', (at) => symlink('../../dev/zero', at));
    if (MKNOD) await place(root, 'dev/zero', mknodZero);
    await place(root, PROFILES, mkfifo);
    const r = await runMac(root, ['--json']);
    expectBounded(r);
    const s = SystemStatusSchema.parse(JSON.parse(r.stdout));
    expect(s.unread?.notes).toEqual(
      expect.arrayContaining([
        '/etc/os-release is a pipe, not a regular file',
        '/proc/cmdline goes through more than 40 symbolic links (a loop)',
        '/etc/passwd is 1073741824 bytes (1024 MiB), more than the 4 MiB Confine reads of one file',
        '/usr/share/applications/pipe.desktop is a pipe, not a regular file',
        '/etc/apparmor.d goes through more than 40 symbolic links (a loop)',
        '/proc/1/comm is a pipe, not a regular file',
        `/${PROFILES} is a pipe, not a regular file`,
      ]),
    );
    expect(s.advice.find((a) => a.id === 'files-not-read')).toMatchObject({ topic: 'machine', severity: 'info' });
    // With the mounts table unreadable securityfs does not count as mounted; the own-profiles card reads the list anyway.
    expect(s.apparmor).toMatchObject({
      state: 'enabled',
      profiles: null,
      profilesUnavailable: 'securityfs-not-mounted',
    });
    expect(s.profiles).toMatchObject({
      apparmorLoaded: null,
      apparmorLoadedUnavailable: 'refused',
      apparmorInstalled: [],
      desktopPrograms: 0,
    });
    expect(s.distro).toBeNull();
  });
});

describe('confine mac --root never reads outside the root', () => {
  /** Each layout: a file or folder in the tree links (or climbs) to `outside`, and the same place exists inside the root too. */
  const layouts: [string, (root: string) => Promise<void>][] = [
    ['an absolute link to /etc/passwd', (root) => place(root, PROFILES, (at) => symlink('/etc/passwd', at))],
    [
      'a relative link that climbs above the root',
      (root) => place(root, PROFILES, (at) => symlink('../../../../../etc/passwd', at)),
    ],
    [
      'a folder on the way that links out',
      (root) => place(root, 'sys/kernel/security/apparmor', (at) => symlink('../../../../etc/aa', at)),
    ],
  ];

  it.each(layouts)('%s: the root’s own file is read, not the one outside', async (_what, layout) => {
    const { root, outside } = await ubuntuTree();
    // What the kernel would reach from the link, outside the root, and the root's own file.
    await place(outside, 'etc/passwd', (at) => writeFile(at, 'escaped (enforce)\n'));
    await place(outside, 'etc/aa/profiles', (at) => writeFile(at, 'escaped (enforce)\n'));
    await place(root, 'etc/passwd', (at) => writeFile(at, 'inside (complain)\n'));
    await place(root, 'etc/aa/profiles', (at) => writeFile(at, 'inside (complain)\n'));
    await layout(root);
    const r = await runMac(root, ['--json']);
    expectBounded(r);
    const s = JSON.parse(r.stdout) as SystemStatus;
    expect(s.profiles.apparmorLoaded).toEqual([{ name: 'inside', mode: 'complain' }]);
    expect(r.stdout).not.toContain('escaped');
    // The host's own /etc/passwd never shows up either.
    expect(r.stdout).not.toContain('root:x:0:0');
  });

  it('a listed folder that links out lists the root’s own folder', async () => {
    const { root, outside } = await ubuntuTree();
    await place(outside, 'apparmor.d/escaped', (at) => writeFile(at, ''));
    await place(root, 'apparmor.d/inside', (at) => writeFile(at, ''));
    await place(root, 'etc/apparmor.d', (at) => symlink('../../apparmor.d', at));
    const r = await runMac(root, ['--json']);
    expectBounded(r);
    expect((JSON.parse(r.stdout) as SystemStatus).profiles.apparmorInstalled).toEqual(['inside']);
  });
});

/** A python3 that can chroot (as root): the kernel's own answer to where a path leads inside a root. */
const PYTHON =
  isRoot &&
  (() => {
    try {
      execFileSync('python3', ['-c', 'import os'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

/** What a process chrooted into `root` reads at each path: the text, or the errno name. */
function chrootRead(root: string, paths: readonly string[]): Record<string, string> {
  const script = `import errno, json, os, sys
os.chroot(sys.argv[1]); os.chdir("/")
def read(p):
    try:
        with open("/" + p) as f: return "text:" + f.read()
    except OSError as e: return "error:" + errno.errorcode[e.errno]
json.dump({p: read(p) for p in sys.argv[2:]}, sys.stdout)`;
  return JSON.parse(execFileSync('python3', ['-c', script, root, ...paths], { encoding: 'utf8' })) as Record<
    string,
    string
  >;
}

/** What hostFs reads there, in the same words. */
async function ourRead(root: string, path: string): Promise<string> {
  try {
    const b = await hostFs(root).read(path);
    return b === null ? 'missing' : `text:${b.toString('utf8')}`;
  } catch (e) {
    return e instanceof Refused ? 'refused' : `error:${String((e as NodeJS.ErrnoException).code)}`;
  }
}

describe('resolving inside the root, as chroot(2) does', () => {
  async function linkedTree(): Promise<string> {
    const root = await tempDir('confine-resolve-');
    await place(root, 'b/file', (at) => writeFile(at, 'B'));
    await place(root, 'a/abs', (at) => symlink('/b/file', at));
    await place(root, 'a/rel', (at) => symlink('../b/file', at));
    await place(root, 'a/up', (at) => symlink('../../../../../../b/file', at));
    await place(root, 'a/dir', (at) => symlink('/b', at));
    await place(root, 'a/loop1', (at) => symlink('loop2', at));
    await place(root, 'a/loop2', (at) => symlink('/a/loop1', at));
    await place(root, 'a/nowhere', (at) => symlink('/nowhere/file', at));
    await place(root, 'c', (at) => symlink('a/dir', at));
    await place(root, 'etc/os-release', (at) => symlink('../usr/lib/os-release', at));
    await place(root, 'usr/lib/os-release', (at) => writeFile(at, 'ID=test\n'));
    return root;
  }
  const paths = [
    'b/file',
    'a/abs',
    'a/rel',
    'a/up',
    'a/dir/file',
    'a/dir/../b/file',
    'a/dir/../../../b/file',
    'c/file',
    'a/loop1',
    'a/nowhere',
    'b/file/x',
    'a/dir/missing',
    'etc/os-release',
    '../../b/file',
  ];

  let root = '';
  let kernelReads: Record<string, string> = {};
  beforeAll(async () => {
    root = await linkedTree();
    if (PYTHON) kernelReads = chrootRead(root, paths);
  });

  it.skipIf(!PYTHON).each(paths)('%s reads what a chrooted process reads', async (path) => {
    const kernel = kernelReads[path];
    const ours = await ourRead(root, path);
    // The kernel says ELOOP where Confine refuses, ENOENT or ENOTDIR where it finds nothing.
    const expected =
      kernel === 'error:ELOOP'
        ? 'refused'
        : kernel === 'error:ENOENT' || kernel === 'error:ENOTDIR'
          ? 'missing'
          : kernel;
    expect(ours).toBe(expected);
  });

  it('follows 40 links in a row, as Linux does, and refuses the 41st', async () => {
    const root = await tempDir('confine-chain-');
    await writeFile(join(root, 'l0'), 'end');
    for (let i = 1; i <= MAX_LINKS + 1; i++) await symlink(`/l${i - 1}`, join(root, `l${i}`));
    expect(await ourRead(root, `l${MAX_LINKS}`)).toBe('text:end');
    expect(await ourRead(root, `l${MAX_LINKS + 1}`)).toBe('refused');
    // Relative links make the kernel itself the judge, without a chroot.
    for (let i = 1; i <= MAX_LINKS + 1; i++)
      await place(root, `r${i}`, (at) => symlink(i === 1 ? 'l0' : `r${i - 1}`, at));
    expect(readFileSync(join(root, `r${MAX_LINKS}`), 'utf8')).toBe('end');
    expect(() => readFileSync(join(root, `r${MAX_LINKS + 1}`))).toThrow(/ELOOP/);
  });

  it('stat, exists and readlink look at a link itself, and do not leave the root on the way', async () => {
    const root = await linkedTree();
    const fs = hostFs(root);
    expect(await fs.exists('a/nowhere')).toBe(true);
    expect(await fs.readlink('a/abs')).toBe('/b/file');
    expect(await fs.readlink('c/file')).toBeNull();
    expect(((await fs.stat('a/abs'))?.mode ?? 0) & 0o170000).toBe(0o120000);
    expect(((await fs.stat('c/file'))?.mode ?? 0) & 0o170000).toBe(0o100000);
    expect(await fs.list('c')).toEqual(['file']);
    expect(await fs.exists('a/loop1/x')).toBe(false);
    expect(fs.refusals?.().notes).toEqual(['/a/loop1/x goes through more than 40 symbolic links (a loop)']);
  });
});

describe('caps', () => {
  it('a file of exactly the cap is read, one byte more is refused with its size', async () => {
    const root = await tempDir('confine-cap-');
    await writeFile(join(root, 'at-cap'), Buffer.alloc(MAX_FILE_BYTES, 'a'));
    await writeFile(join(root, 'over-cap'), Buffer.alloc(MAX_FILE_BYTES + 1, 'a'));
    const fs = hostFs(root);
    expect((await fs.read('at-cap'))?.length).toBe(MAX_FILE_BYTES);
    await expect(fs.read('over-cap')).rejects.toThrow(
      `/over-cap is ${MAX_FILE_BYTES + 1} bytes (4 MiB), more than the 4 MiB Confine reads of one file`,
    );
  });

  it(`a profile list of ${MAX_PROFILES} entries is taken in, one more is refused`, async () => {
    const root = await tempDir('confine-profiles-');
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `p${i} (enforce)\n`).join('');
    await place(root, PROFILES, (at) => writeFile(at, lines(MAX_PROFILES)));
    const full = await readLoadedProfiles(hostFs(root));
    expect(full.ok && full.list?.length).toBe(MAX_PROFILES);
    await place(root, PROFILES, (at) => writeFile(at, lines(MAX_PROFILES + 1)));
    expect(await readLoadedProfiles(hostFs(root))).toMatchObject({ ok: false, reason: 'refused' });
  });

  it('a file read in several chunks comes back whole', async () => {
    const root = await tempDir('confine-chunks-');
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    await writeFile(join(root, 'f'), bytes);
    expect((await hostFs(root).read('f'))?.equals(bytes)).toBe(true);
  });

  it(`a folder of more than ${MAX_ENTRIES} entries is not listed, and says so`, async () => {
    const root = await tempDir('confine-many-');
    await mkdir(join(root, 'many'));
    for (let i = 0; i <= MAX_ENTRIES; i += 4096)
      await Promise.all(
        Array.from({ length: Math.min(4096, MAX_ENTRIES + 1 - i) }, (_, j) =>
          symlink('x', join(root, 'many', String(i + j))),
        ),
      );
    const fs = hostFs(root);
    expect(await fs.list('many')).toBeNull();
    expect(fs.refusals?.().notes).toEqual([`/many holds more than ${MAX_ENTRIES} entries, too many to list`]);
  });

  it('refusals are noted once each, the first 20 in words and the rest counted', async () => {
    const root = await tempDir('confine-notes-');
    for (let i = 0; i < 25; i++) mkfifo(join(root, `p${i}`));
    const fs = hostFs(root);
    for (let i = 0; i < 25; i++) await expect(fs.read(`p${i}`)).rejects.toThrow(/is a pipe/);
    // Read again, as the profile list is: not noted or counted twice.
    await expect(fs.read('p0')).rejects.toThrow(/is a pipe/);
    await expect(fs.read('p24')).rejects.toThrow(/is a pipe/);
    expect(fs.refusals?.()).toMatchObject({ more: 5 });
    expect(fs.refusals?.().notes).toHaveLength(20);
  });

  it('the status carries the refusals, and crosses the IPC border whole', async () => {
    const { root } = await ubuntuTree();
    await place(root, PROFILES, mkfifo);
    const s = await readSystemStatus(hostFs(root, 0), null);
    expect(s.unread).toEqual({ notes: [`/${PROFILES} is a pipe, not a regular file`], more: 0 });
    expect(s.profiles.apparmorLoadedUnavailable).toBe('refused');
    expect(SystemStatusSchema.parse(s)).toEqual(s);
  });
});

describe('the kernel’s own files on this machine', () => {
  it('are read until their end although fstat says size 0', async () => {
    expect(lstatSync('/proc/self/mounts').size).toBe(0);
    const fs = hostFs('/');
    const mounts = (await fs.read('proc/self/mounts'))?.toString('utf8') ?? '';
    expect(mounts).toMatch(/^\S+ \/ \S+ /m);
    expect((await fs.read('proc/filesystems'))?.toString('utf8')).toMatch(/\tproc\n/);
    expect(fs.refusals?.()).toEqual({ notes: [], more: 0 });
  });
});

// Confine's org.freedesktop.Application on a real private dbus-daemon, called the way other
// programs call it: with GLib's `gdbus` (and `dbus-send` for a malformed call). The last part
// lets the bus start Confine from a service file, as `DBusActivatable=true` makes a desktop do.

import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  APPLICATION_INTERFACE,
  APPLICATION_NAME,
  APPLICATION_PATH,
  FAILED,
  INVALID_ARGS,
  NOT_SUPPORTED,
  serveApplication,
  type ApplicationService,
} from './activation';
import { startDbusDaemon } from '../../e2e/testbed/session-bus';
import { tempDir } from '../../test/helpers/temp';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, [...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

interface PrivateBus {
  readonly env: Record<string, string>;
  /** The bus's only service folder. */
  readonly services: string;
  readonly dir: string;
  stop(): Promise<void>;
}

/** A session bus of its own, whose only activatable services are the ones a test writes. */
async function privateBus(): Promise<PrivateBus> {
  const dir = await tempDir('confine-activation-');
  const services = join(dir, 'services');
  await mkdir(services);
  const config = join(dir, 'bus.conf');
  await writeFile(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${join(dir, 'bus')}</listen>
  <servicedir>${services}</servicedir>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
  );
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, XDG_RUNTIME_DIR: dir };
  const bus = await startDbusDaemon([`--config-file=${config}`], env);
  return {
    env: bus.env,
    services,
    dir,
    stop: async () => {
      await bus.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const call = (env: Record<string, string>, method: string, ...args: string[]) =>
  run(
    'gdbus',
    [
      'call',
      '--session',
      '--dest',
      APPLICATION_NAME,
      '--object-path',
      APPLICATION_PATH,
      '--method',
      `${APPLICATION_INTERFACE}.${method}`,
      ...args,
    ],
    env,
  );
const busCall = (env: Record<string, string>, method: string, ...args: string[]) =>
  run(
    'gdbus',
    [
      'call',
      '--session',
      '--dest',
      'org.freedesktop.DBus',
      '--object-path',
      '/org/freedesktop/DBus',
      '--method',
      `org.freedesktop.DBus.${method}`,
      ...args,
    ],
    env,
  );
// Typed, so gdbus need not introspect the service first: while a bus-activated Confine is still
// starting, that introspection can time out and gdbus then guesses `{}` to be a string.
const PLATFORM_DATA = '@a{sv} {}';
const showApp = (env: Record<string, string>, parameter: string) =>
  call(env, 'ActivateAction', 'show-app', parameter, PLATFORM_DATA);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let bus: PrivateBus;
let calls: string[];
let served: ApplicationService;
let failWith: string | null;
let logged: string[];

beforeEach(async () => {
  bus = await privateBus();
  calls = [];
  logged = [];
  failWith = null;
});

afterEach(async () => {
  if (served?.ok) served.close();
  await bus.stop();
});

async function serve(service?: { waitMs: number; onIdle: () => void }): Promise<void> {
  served = await serveApplication(
    bus.env,
    {
      activate: () => {
        if (failWith) throw new Error(failWith);
        calls.push('activate');
      },
      showApp: (appId) => calls.push(`show-app ${appId}`),
    },
    { log: (line) => logged.push(line), ...(service ? { service } : {}) },
  );
  expect(served.ok ? 'served' : served.reason).toBe('served');
}

describe('org.freedesktop.Application on the session bus', () => {
  it('Activate shows the window; show-app opens that app’s page', async () => {
    await serve();
    const activated = await call(bus.env, 'Activate', PLATFORM_DATA);
    expect(activated.stderr).toBe('');
    expect(activated.stdout.trim()).toBe('()');
    expect(await showApp(bus.env, "[<'org.gnome.Maps'>]")).toMatchObject({ code: 0 });
    // What a desktop passes in platform_data changes nothing.
    expect(
      await call(
        bus.env,
        'ActivateAction',
        'show-app',
        "[<'org.gnome.Weather'>]",
        "{'activation-token': <'x11-1'>, 'desktop-startup-id': <'y'>}",
      ),
    ).toMatchObject({ code: 0 });
    expect(calls).toEqual(['activate', 'show-app org.gnome.Maps', 'show-app org.gnome.Weather']);
  });

  it('refuses, with InvalidArgs, a show-app that does not carry exactly one valid app ID, and answers on', async () => {
    await serve();
    for (const parameter of [
      "[<'../../etc/passwd'>]",
      "[<'org'>]",
      "[<'org.gnome.Maps;rm'>]",
      "[<''>]",
      '[<42>]',
      "[<['org.gnome.Maps']>]",
      '[]',
      "[<'org.gnome.Maps'>, <'org.gnome.Weather'>]",
    ]) {
      const refused = await showApp(bus.env, parameter);
      expect(refused.code, parameter).not.toBe(0);
      expect(refused.stderr, parameter).toContain(INVALID_ARGS);
    }
    expect(calls).toEqual([]);
    expect(await showApp(bus.env, "[<'org.gnome.Maps'>]")).toMatchObject({ code: 0 });
    expect(calls).toEqual(['show-app org.gnome.Maps']);
  });

  it('refuses unknown actions and Open with a D-Bus error', async () => {
    await serve();
    for (const action of ['app.show-app', 'quit', 'show-apps']) {
      const refused = await call(bus.env, 'ActivateAction', action, "[<'org.gnome.Maps'>]", PLATFORM_DATA);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain(INVALID_ARGS);
      expect(refused.stderr).toContain(`no action '${action}'`);
    }
    const opened = await call(bus.env, 'Open', "['file:///etc/passwd']", PLATFORM_DATA);
    expect(opened.code).not.toBe(0);
    expect(opened.stderr).toContain(NOT_SUPPORTED);
    expect(calls).toEqual([]);
  });

  it('answers a call with the wrong arguments by the error’s name, and a handler’s failure without its details', async () => {
    await serve();
    const malformed = await run(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        `--dest=${APPLICATION_NAME}`,
        APPLICATION_PATH,
        `${APPLICATION_INTERFACE}.ActivateAction`,
        'string:show-app',
      ],
      bus.env,
    );
    expect(malformed.code).not.toBe(0);
    expect(malformed.stderr).toContain('org.freedesktop.DBus.Error.UnknownMethod');
    failWith = 'the window is gone';
    const failed = await call(bus.env, 'Activate', PLATFORM_DATA);
    expect(failed.stderr).toContain(FAILED);
    expect(failed.stderr).not.toContain('the window is gone');
    expect(logged.join('\n')).toContain('the window is gone');
    failWith = null;
    expect(await call(bus.env, 'Activate', PLATFORM_DATA)).toMatchObject({ code: 0 });
    expect(calls).toEqual(['activate']);
  });

  it('introspects, with the interface as the specification gives it', async () => {
    await serve();
    const r = await run(
      'gdbus',
      ['introspect', '--session', '--dest', APPLICATION_NAME, '--object-path', APPLICATION_PATH, '--xml'],
      bus.env,
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('<interface name="org.freedesktop.DBus.Introspectable">');
    const iface = /<interface name="org\.freedesktop\.Application">([\s\S]*?)<\/interface>/.exec(r.stdout)?.[1] ?? '';
    const methods = [...iface.matchAll(/<method name="(\w+)">([\s\S]*?)<\/method>/g)].map(([, name, body]) => [
      name,
      [...(body ?? '').matchAll(/type="([^"]+)" direction="in"|direction="in" type="([^"]+)"/g)]
        .map((m) => m[1] ?? m[2])
        .join(''),
    ]);
    expect(Object.fromEntries(methods)).toEqual({ Activate: 'a{sv}', Open: 'asa{sv}', ActivateAction: 'sava{sv}' });
  });

  it('leaves the name to its owner: a second Confine is told why and the first answers on', async () => {
    await serve();
    const second = await serveApplication(bus.env, {
      activate: () => calls.push('second'),
      showApp: () => calls.push('second'),
    });
    expect(second).toEqual({ ok: false, reason: `another program owns ${APPLICATION_NAME} on the session bus` });
    expect(await call(bus.env, 'Activate', PLATFORM_DATA)).toMatchObject({ code: 0 });
    expect(calls).toEqual(['activate']);
  });

  it('without a usable session bus, says why and throws nothing', async () => {
    const handlers = { activate: () => undefined, showApp: () => undefined };
    expect(await serveApplication({}, handlers)).toEqual({ ok: false, reason: 'There is no D-Bus session bus' });
    const reason = async (address: string) => {
      const r = await serveApplication({ DBUS_SESSION_BUS_ADDRESS: address }, handlers);
      return r.ok ? 'served' : r.reason;
    };
    expect(await reason('unixexec:path=/bin/sh')).toContain('not a local socket');
    const started = Date.now();
    expect(await reason(`unix:path=${join(bus.dir, 'no-such-bus')}`)).toContain('cannot be reached');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('started as a service', () => {
  it('shows nothing until a call does, and gives up after the wait when none came', async () => {
    let idle = 0;
    await serve({ waitMs: 400, onIdle: () => idle++ });
    // A refused call shows nothing, so it does not count.
    expect((await showApp(bus.env, "[<'not an id'>]")).code).not.toBe(0);
    await sleep(700);
    expect(idle).toBe(1);
    expect(calls).toEqual([]);
  });

  it('stays once a call has shown the window', async () => {
    let idle = 0;
    // Long enough for the call to come first on a loaded machine.
    const waitMs = 2000;
    const started = Date.now();
    await serve({ waitMs, onIdle: () => idle++ });
    expect(await showApp(bus.env, "[<'org.gnome.Maps'>]")).toMatchObject({ code: 0 });
    await sleep(started + waitMs + 300 - Date.now());
    expect(idle).toBe(0);
    expect(calls).toEqual(['show-app org.gnome.Maps']);
  });
});

describe('D-Bus activation', () => {
  const script = fileURLToPath(new URL('../../test/fixtures/activation/service.ts', import.meta.url));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

  /** The service file a Flatpak exports, with Exec running Confine's D-Bus side under Node. */
  async function installService(waitMs: number): Promise<string> {
    const record = join(bus.dir, 'record');
    await writeFile(record, '');
    await writeFile(
      join(bus.services, `${APPLICATION_NAME}.service`),
      `[D-BUS Service]\nName=${APPLICATION_NAME}\nExec=${process.execPath} --import ${tsx} ${script} ${record} ${waitMs}\n`,
    );
    return record;
  }

  const owned = async () => (await busCall(bus.env, 'NameHasOwner', APPLICATION_NAME)).stdout.trim();
  const ownerPid = async () =>
    Number(
      /\(uint32 (\d+),\)/.exec((await busCall(bus.env, 'GetConnectionUnixProcessID', APPLICATION_NAME)).stdout)?.[1],
    );

  it('a call to the name starts Confine, and the call reaches it', async () => {
    const record = await installService(10_000);
    expect(await owned()).toBe('(false,)');
    const r = await showApp(bus.env, "[<'org.gnome.Maps'>]");
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pid = await ownerPid();
    try {
      expect(pid).toBeGreaterThan(0);
      expect(pid).not.toBe(process.pid);
      expect(await readFile(record, 'utf8')).toBe('show-app org.gnome.Maps\n');
      // The running one answers the next call itself.
      expect(await call(bus.env, 'Activate', PLATFORM_DATA)).toMatchObject({ code: 0 });
      expect(await ownerPid()).toBe(pid);
      expect(await readFile(record, 'utf8')).toBe('show-app org.gnome.Maps\nactivate\n');
    } finally {
      process.kill(pid, 'SIGTERM');
    }
  });

  it('started with no call (as a shell completing `gdbus call` does), it shows nothing and exits after the wait', async () => {
    const record = await installService(800);
    const started = await busCall(bus.env, 'StartServiceByName', APPLICATION_NAME, '0');
    expect(started.stdout.trim()).toBe('(uint32 1,)');
    expect(await owned()).toBe('(true,)');
    const deadline = Date.now() + 10_000;
    while ((await owned()) === '(true,)' && Date.now() < deadline) await sleep(100);
    expect(await owned()).toBe('(false,)');
    expect(await readFile(record, 'utf8')).toBe('idle\n');
  });
});

// `confine`: the command-line face of the same core the window uses.
// Exit status: 0 success, 2 bad input (with a message saying what is wrong), 1 any other failure.

import { ConfineError } from '../../shared/errors';
import { type Change } from '../../shared/flatpak/edit';
import { CHANGE_OPTIONS, parseChangeOption } from '../../shared/flatpak/override-args';
import { effectiveReport } from '../../shared/flatpak/report';
import { renderShowPermissions } from '../../shared/flatpak/show';
import { formatVersion } from '../../shared/flatpak/version';
import { checkAppId } from '../../shared/flatpak/grammar';
import { FlatpakCore } from '../services/core';
import type { Environment } from '../services/locations';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Environment;
}

class UsageError extends Error {}

const HELP = `Usage: confine COMMAND [OPTION…]

See and change the sandbox permissions of Flatpak apps.

Commands:
  list [--json]                 List installed apps (with their effective permissions in JSON)
  show APP [--json]             Show the permissions Flatpak enforces for APP, in the form of
        [--installation=ID]     \`flatpak info --show-permissions\`, or as JSON with their sources
  override [APP] OPTION…        Change the user's override of APP, or of all apps without APP
        --share=, --unshare=NAME            network, ipc
        --socket=, --nosocket=NAME          x11, wayland, pulseaudio, …
        --device=, --nodevice=NAME          dri, all, kvm, shm, …
        --allow=, --disallow=NAME           devel, multiarch, bluetooth, …
        --filesystem=PATH[:ro|:rw|:create]  --nofilesystem=PATH (or host:reset)
        --persist=PATH  --env=VAR=VALUE  --unset-env=VAR
        --talk-name=, --own-name=, --no-talk-name=NAME (and --see-name=)
        --system-talk-name=, --system-own-name=, --system-no-talk-name=NAME (and --system-see-name=)
        --default=KIND:VALUE        return one entry to its default (e.g. sockets:x11)
        --reset                     remove the whole override
        --show                      print the override file
  help                          Show this help

For an app, Confine writes only what differs from the layers below (the app's own metadata,
system and global overrides); the global override is written as given.`;

function takeValue(args: string[], i: number, name: string): [string, number] {
  const arg = args[i] ?? '';
  const eq = arg.indexOf('=');
  if (eq >= 0) return [arg.slice(eq + 1), i];
  const next = args[i + 1];
  if (next === undefined) throw new UsageError(`--${name} needs a value`);
  return [next, i + 1];
}

interface Parsed {
  positional: string[];
  json: boolean;
  installation?: string;
  reset: boolean;
  show: boolean;
  changes: Change[];
}

function parseArgs(args: string[], allowChanges: boolean, version: Parameters<typeof parseChangeOption>[2]): Parsed {
  const p: Parsed = { positional: [], json: false, reset: false, show: false, changes: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      p.positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option ${arg}`);
      p.positional.push(arg);
      continue;
    }
    const name = arg.slice(2).split('=')[0] ?? '';
    if (name === 'json' && !arg.includes('=')) p.json = true;
    else if (name === 'user' && !arg.includes('=')) continue;
    else if (name === 'installation') [p.installation, i] = takeValue(args, i, name);
    else if (allowChanges && name === 'reset' && !arg.includes('=')) p.reset = true;
    else if (allowChanges && name === 'show' && !arg.includes('=')) p.show = true;
    else if (allowChanges && CHANGE_OPTIONS.includes(name)) {
      let value: string;
      [value, i] = takeValue(args, i, name);
      const parsed = parseChangeOption(name, value, version);
      if (!parsed.ok) throw new UsageError(parsed.message);
      p.changes.push(...parsed.changes);
    } else throw new UsageError(`Unknown option ${arg}`);
  }
  return p;
}

function checkApp(app: string | undefined): string {
  if (app === undefined) throw new UsageError('APP is missing');
  const bad = checkAppId(app);
  if (bad) throw new UsageError(`'${app}' is not a valid application name: ${bad}`);
  return app;
}

async function list(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 0) throw new UsageError('list takes no arguments');
  const { apps, permissions: perms, warnings } = await core.snapshot({ permissions: p.json });
  for (const w of warnings) io.err(`warning: ${w}\n`);
  if (!p.json) {
    for (const a of apps) {
      const d = a.deployments[0];
      io.out([a.id, a.name, a.version ?? '', d?.branch ?? '', a.deployments.map((x) => x.installation).join(',')].join('\t') + '\n');
    }
    return 0;
  }
  const rows = apps.map((a) => {
    const p2 = perms.get(a.id);
    return {
      ...a,
      permissions: p2?.effective ? effectiveReport(p2.effective) : null,
      ...(p2?.error ? { error: p2.error } : {}),
    };
  });
  io.out(JSON.stringify({ flatpakVersion: formatVersion(core.version.version), apps: rows }, null, 2) + '\n');
  return 0;
}

async function show(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length !== 1) throw new UsageError(p.positional.length === 0 ? 'APP is missing' : 'show takes one APP');
  const app = checkApp(p.positional[0]);
  const perms = await core.appPermissions(app, p.installation);
  if (perms.error || !perms.context || !perms.effective) {
    io.err(`error: ${perms.error ?? 'cannot compute the permissions'}\n`);
    return 1;
  }
  for (const layer of perms.layers) {
    if (layer.state === 'unreadable') io.err(`warning: ${layer.message}\n`);
    for (const w of layer.warnings ?? []) io.err(`warning: ${layer.path}: ${w}\n`);
  }
  if (p.json) {
    io.out(
      JSON.stringify(
        { app, installation: perms.deployment.installation, arch: perms.deployment.arch, branch: perms.deployment.branch, layers: perms.layers, permissions: effectiveReport(perms.effective) },
        null,
        2,
      ) + '\n',
    );
  } else {
    io.out(renderShowPermissions(perms.context, core.version.version));
  }
  return 0;
}

async function override(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 1) throw new UsageError('Too many arguments');
  if (p.installation !== undefined) throw new UsageError('--installation does not apply to override: the user override applies to every installation');
  const app = p.positional[0] === undefined ? null : checkApp(p.positional[0]);
  const ref = { scope: 'user' as const, app };
  if (p.reset && (p.changes.length > 0 || p.show)) throw new UsageError('--reset cannot be combined with changes or --show');
  if (p.reset) {
    await core.reset(ref);
    return 0;
  }
  if (p.show) {
    if (p.changes.length > 0) throw new UsageError('--show cannot be combined with changes');
    const read = await core.readOverride(ref);
    if (read.state === 'malformed') {
      io.err(`error: ${read.message}\n`);
      return 1;
    }
    if (read.state === 'ok') io.out(read.bytes.toString('utf8'));
    return 0;
  }
  if (p.changes.length === 0) throw new UsageError('Nothing to change: give at least one option (see confine help)');
  if (app === null) await core.changeLayer(ref, p.changes);
  else await core.changeApp(app, p.changes);
  return 0;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      (command === undefined ? io.err : io.out)(HELP + '\n');
      return command === undefined ? 2 : 0;
    }
    const core = await FlatpakCore.create({ env: io.env });
    switch (command) {
      case 'list':
        return await list(core, parseArgs(rest, false, core.version.version), io);
      case 'show':
        return await show(core, parseArgs(rest, false, core.version.version), io);
      case 'override':
        return await override(core, parseArgs(rest, true, core.version.version), io);
      default:
        throw new UsageError(`Unknown command ${command}; see confine help`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ConfineError) {
      io.err(`error: ${e.message}\n`);
      return e.code === 'invalid-input' ? 2 : 1;
    }
    io.err(`error: ${(e as Error).message}\n`);
    return 1;
  }
}

// Which options each command takes, the parser that holds every command to its own, and the
// help text, all made from one table so the three cannot drift apart.

import { type Change } from '../../shared/flatpak/edit';
import { CHANGE_OPTIONS, parseChangeOption } from '../../shared/flatpak/override-args';
import type { Version } from '../../shared/flatpak/version';
import { isRuleId, PRESETS, RULE_IDS } from '../../shared/hardening/presets';
import { PORTAL_KINDS } from '../../shared/portals/catalogue';

export class UsageError extends Error {}

/** A flag stands alone; a value option takes `--name=VALUE` or `--name VALUE`. */
export interface OptionSpec {
  readonly value?: string;
  readonly help: string;
  /** What shell completion offers for the value: these words, or a folder. */
  readonly complete?: readonly string[] | 'dir';
  /** The value is a comma-separated list of those words. */
  readonly list?: true;
}

export const OPTION_SPECS = {
  json: { help: 'print JSON' },
  user: { help: 'the user’s override (the only one Confine writes; accepted as flatpak does)' },
  system: { help: 'the system-wide override: shown, but changed only by flatpak (Confine prints the command)' },
  installation: { value: 'ID', help: 'read the app of this installation' },
  reset: { help: 'remove the whole override' },
  show: { help: 'print the override file' },
  all: { help: 'every installed app' },
  'dry-run': { help: 'show what would change, change nothing' },
  preset: { value: 'NAME', help: 'recommended (default), strict or offline', complete: PRESETS },
  only: { value: 'ID,…', help: 'apply just these changes, ticked or not', complete: RULE_IDS, list: true },
  skip: { value: 'ID,…', help: 'leave these changes out', complete: RULE_IDS, list: true },
  'system-tree': {
    value: 'DIR',
    help: 'write a system override folder with a README and an Ansible playbook',
    complete: 'dir',
  },
  root: { value: 'DIR', help: 'read DIR as the machine’s /', complete: 'dir' },
  set: {
    value: 'KEY=allow|deny|unset',
    help: 'change one: KEY is camera, microphone, location, …, or TABLE/ID (unset only)',
    complete: PORTAL_KINDS.flatMap((k) => ['allow', 'deny', 'unset'].map((v) => `${k.key}=${v}`)),
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTION_SPECS;

export interface CommandSpec {
  readonly usage: string;
  readonly summary: string;
  readonly options: readonly OptionName[];
  /** Takes the change options of `flatpak override` (--socket=…, --filesystem=…). */
  readonly changes?: true;
  /** What shell completion offers for the words that are not options: app IDs, files or these words. */
  readonly operands?: 'app' | 'file' | readonly string[];
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];
export const isShell = (word: string): word is Shell => (SHELLS as readonly string[]).includes(word);

export const COMMAND_SPECS = {
  list: { usage: 'list', summary: 'List installed apps (with their effective permissions in JSON)', options: ['json'] },
  show: {
    usage: 'show APP',
    summary:
      'Show the permissions Flatpak enforces for APP, as `flatpak info --show-permissions` does, or as JSON with their sources',
    options: ['json', 'installation'],
    operands: 'app',
  },
  override: {
    usage: 'override [APP] OPTION…',
    summary: 'Change the user’s override of APP, or of all apps without APP',
    options: ['user', 'system', 'reset', 'show'],
    changes: true,
    operands: 'app',
  },
  audit: { usage: 'audit', summary: 'Rank apps by exposure: sandbox escapes, then broad access', options: ['json'] },
  harden: {
    usage: 'harden [APP…|--all]',
    summary:
      'Apply a preset to apps; prints each change with the risk it closes, what the app loses and what that costs',
    options: ['all', 'preset', 'dry-run', 'json', 'only', 'skip'],
    operands: 'app',
  },
  export: {
    usage: 'export [FILE]',
    summary: 'Save every override (user and system, with portal permissions) to FILE, or stdout',
    options: ['system-tree'],
    operands: 'file',
  },
  import: {
    usage: 'import FILE',
    summary: 'Restore overrides from an export, saying what happens to each',
    options: ['dry-run'],
    operands: 'file',
  },
  portals: {
    usage: 'portals APP',
    summary: 'Show APP’s portal permissions (camera, location, background, …)',
    options: ['json', 'set'],
    operands: 'app',
  },
  mac: {
    usage: 'mac',
    summary:
      'Show whether SELinux or AppArmor protect this machine, and how well Flatpak’s sandbox stands, with advice',
    options: ['json', 'root'],
  },
  completion: {
    usage: 'completion SHELL',
    summary: 'Print the completion script of bash, zsh or fish (README.md says where it goes)',
    options: [],
    operands: SHELLS,
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMAND_SPECS;

export const isCommand = (word: string): word is CommandName => Object.hasOwn(COMMAND_SPECS, word);

export interface Parsed {
  positional: string[];
  json: boolean;
  installation?: string;
  reset: boolean;
  show: boolean;
  changes: Change[];
  /** The change options as given, each as --NAME=VALUE, for a command that repeats them. */
  changeArgs: string[];
  user: boolean;
  system: boolean;
  all: boolean;
  dryRun: boolean;
  preset?: string;
  only?: string[];
  skip?: string[];
  systemTree?: string;
  root?: string;
  set?: string;
}

function takeValue(args: readonly string[], i: number, name: string): [string, number] {
  const arg = args[i] ?? '';
  const eq = arg.indexOf('=');
  const [value, at] = eq >= 0 ? [arg.slice(eq + 1), i] : [args[i + 1], i + 1];
  if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
  return [value, at];
}

function ruleIds(value: string): string[] {
  const ids = value.split(',').filter(Boolean);
  const unknown = ids.filter((id) => !isRuleId(id));
  if (unknown.length > 0)
    throw new UsageError(`Unknown change ${unknown.join(', ')}; the changes are ${RULE_IDS.join(', ')}`);
  return ids;
}

/** Reads the arguments of one command; an option that is not the command's own is an error. */
export function parseArgs(command: CommandName, args: readonly string[], version: Version): Parsed {
  const spec: CommandSpec = COMMAND_SPECS[command];
  const p: Parsed = {
    positional: [],
    json: false,
    reset: false,
    show: false,
    changes: [],
    changeArgs: [],
    user: false,
    system: false,
    all: false,
    dryRun: false,
  };
  const seen = new Set<string>();
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
    if (spec.changes && CHANGE_OPTIONS.includes(name)) {
      let value: string;
      [value, i] = takeValue(args, i, name);
      const parsed = parseChangeOption(name, value, version);
      if (!parsed.ok) throw new UsageError(parsed.message);
      p.changes.push(...parsed.changes);
      p.changeArgs.push(`--${name}=${value}`);
      continue;
    }
    if (!(spec.options as readonly string[]).includes(name)) {
      const owners = CHANGE_OPTIONS.includes(name)
        ? ['override']
        : Object.entries(COMMAND_SPECS)
            .filter(([, c]) => (c.options as readonly string[]).includes(name))
            .map(([n]) => n);
      throw new UsageError(
        owners.length > 0
          ? `${command} does not take --${name} (${owners.join(', ')} do${owners.length === 1 ? 'es' : ''})`
          : `Unknown option ${arg}`,
      );
    }
    if (seen.has(name)) throw new UsageError(`--${name} is given twice`);
    seen.add(name);
    const option: OptionSpec = OPTION_SPECS[name as OptionName];
    if (option.value === undefined) {
      if (arg.includes('=')) throw new UsageError(`--${name} takes no value`);
      setFlag(p, name as OptionName);
      continue;
    }
    let value: string;
    [value, i] = takeValue(args, i, name);
    setValue(p, name as OptionName, value);
  }
  return p;
}

function setFlag(p: Parsed, name: OptionName): void {
  if (name === 'json') p.json = true;
  else if (name === 'reset') p.reset = true;
  else if (name === 'show') p.show = true;
  else if (name === 'all') p.all = true;
  else if (name === 'user') p.user = true;
  else if (name === 'system') p.system = true;
  else if (name === 'dry-run') p.dryRun = true;
}

function setValue(p: Parsed, name: OptionName, value: string): void {
  if (name === 'installation') p.installation = value;
  else if (name === 'preset') p.preset = value;
  else if (name === 'only' || name === 'skip') p[name] = ruleIds(value);
  else if (name === 'system-tree') p.systemTree = value;
  else if (name === 'root') p.root = value;
  else if (name === 'set') p.set = value;
}

const CHANGE_HELP = `  Changes, as flatpak override takes them:
    --share=, --unshare=NAME            network, ipc
    --socket=, --nosocket=NAME          x11, wayland, pulseaudio, …
    --device=, --nodevice=NAME          dri, all, kvm, shm, …
    --allow=, --disallow=NAME           devel, multiarch, bluetooth, …
    --filesystem=PATH[:ro|:rw|:create]  --nofilesystem=PATH (or host:reset)
    --persist=PATH  --env=VAR=VALUE  --unset-env=VAR
    --talk-name=, --own-name=, --no-talk-name=NAME (and --see-name=)
    --system-talk-name=, --system-own-name=, --system-no-talk-name=NAME (and --system-see-name=)
    --default=KIND:VALUE                return one entry to its default (e.g. sockets:x11)
`;

function optionLine(name: OptionName): string {
  const o: OptionSpec = OPTION_SPECS[name];
  const left = `--${name}${o.value ? ` ${o.value}` : ''}`;
  return `    ${left.padEnd(34)} ${o.help}\n`;
}

/** Whether the arguments ask for help (before any `--`). */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** The help of one command. */
export function commandHelp(command: CommandName): string {
  const spec: CommandSpec = COMMAND_SPECS[command];
  return `Usage: confine ${spec.usage}${spec.options.length ? ' [OPTION…]' : ''}\n\n${spec.summary}.\n\n${spec.options.length ? `Options:\n${spec.options.map(optionLine).join('')}` : ''}${spec.changes ? CHANGE_HELP : ''}`;
}

export function mainHelp(): string {
  const lines = Object.entries(COMMAND_SPECS).map(
    ([, c]: [string, CommandSpec]) => `  ${c.usage.padEnd(28)} ${c.summary}\n`,
  );
  return `Usage: confine COMMAND [OPTION…]

See and change the sandbox permissions of Flatpak apps.

Commands:
${lines.join('')}  help                         Show this help (confine COMMAND --help: one command’s)

Options of every command: --help; confine --version prints the version.
For an app, Confine writes only what differs from the layers below (the app’s own metadata,
system and global overrides); the global override is written as given.
Exit status: 0 success, 2 bad input (with a message saying what is wrong), 1 any other failure.
`;
}

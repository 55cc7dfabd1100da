// Which options each command takes, the parser that holds every command to its own (Node's
// util.parseArgs, configured from the table), and the help text, all made from one table so the
// three cannot drift apart.

import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';
import { type Change } from '../../shared/flatpak/edit';
import { CHANGE_OPTIONS, parseChangeOption } from '../../shared/flatpak/override-args';
import type { Version } from '../../shared/flatpak/version';
import { CAPABILITY_IDS } from '../../shared/hardening/capabilities';
import { RULE_IDS } from '../../shared/hardening/presets';
import { PRESETS } from '../../shared/hardening/preset-labels';
import { PORTAL_KINDS } from '../../shared/portals/catalogue';

export class UsageError extends Error {}

/** A flag stands alone; a value option takes `--name=VALUE` or `--name VALUE`. */
export interface OptionSpec {
  readonly value?: string;
  readonly help: string;
  /** What shell completion offers for the value: these words, or a folder. */
  readonly complete?: readonly string[] | 'dir';
  /** The value is a comma-separated list of those words (the IDs of changes), each checked. */
  readonly list?: true;
  /** What one word of the list is, and many, for the refusal of an unknown one (change, changes). */
  readonly noun?: readonly [string, string];
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
  can: {
    value: 'CAP,…',
    help: `only the apps that can do all of these: ${CAPABILITY_IDS.join(', ')}`,
    complete: CAPABILITY_IDS,
    list: true,
    noun: ['capability', 'capabilities'],
  },
  'system-tree': {
    value: 'DIR',
    help: 'write a system override folder with a README and an Ansible playbook',
    complete: 'dir',
  },
  root: { value: 'DIR', help: 'read DIR as the machine’s /', complete: 'dir' },
  accept: { help: 'keep what the app now declares (all its changes, or only the ones given after it)' },
  deny: {
    help: 'deny what the app newly declares (all its additions, or only the ones given after it), as flatpak override --user would',
  },
  lock: { help: 'also lock the apps it changes: confine watch denies what their updates newly ask for' },
  install: { help: 'write a systemd user unit that runs confine watch, and say how to start it' },
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
  /** What the change options are to this command, where they are not changes (the help's heading). */
  readonly changesAre?: string;
  /** What shell completion offers for the words that are not options: app IDs, files or these words. */
  readonly operands?: 'app' | 'file' | readonly string[];
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];
export const isShell = (word: string): word is Shell => (SHELLS as readonly string[]).includes(word);

export const COMMAND_SPECS = {
  list: {
    usage: 'list',
    summary: 'List installed apps (with their effective permissions in JSON), or those that can do something',
    options: ['json', 'can'],
  },
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
    options: ['all', 'preset', 'dry-run', 'json', 'only', 'skip', 'lock'],
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
  verify: {
    usage: 'verify APP',
    summary:
      'Start APP’s sandbox with a read-only probe in the runtime’s shell and show what it can really reach, beside its permissions, every difference explained',
    options: ['json', 'installation'],
    operands: 'app',
  },
  review: {
    usage: 'review [APP|--all] [--accept|--deny]',
    summary:
      'List the permissions apps declare anew or no longer since you last looked (after an update), in flatpak override’s words; keep them, or deny the additions, all or item by item: the items as listed after --accept or --deny (confine review APP --deny --share=network)',
    options: ['json', 'all', 'accept', 'deny'],
    changes: true,
    changesAre: 'Items to keep or deny, as listed (not --default), in the words of flatpak override',
    operands: 'app',
  },
  lock: {
    usage: 'lock APP…|--all',
    summary:
      'Lock apps (--all: every app, present and future): confine watch denies what an update makes them declare anew, at once',
    options: ['all'],
    operands: 'app',
  },
  unlock: {
    usage: 'unlock APP…|--all',
    summary: 'Unlock apps (--all: forget every lock); their later changes wait in confine review',
    options: ['all'],
    operands: 'app',
  },
  watch: {
    usage: 'watch [--install]',
    summary:
      'Watch the installed apps and deny what locked apps declare anew as soon as an update lands, with a desktop notification; logs to stderr',
    options: ['install'],
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

/** The flags of a command, each true when given. */
type FlagName = { [K in OptionName]: (typeof OPTION_SPECS)[K] extends { value: string } ? never : K }[OptionName];
/** The value options whose value is a comma-separated list. */
type ListName = { [K in OptionName]: (typeof OPTION_SPECS)[K] extends { list: true } ? K : never }[OptionName];
type TextName = Exclude<OptionName, FlagName | ListName>;
/** `dry-run` → `dryRun`, so the fields read as the rest of the code does. */
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

/** What one command was given: a field per option of the table, typed by what the option takes. */
export type Parsed = {
  positional: string[];
  changes: Change[];
  /** The change options as given, each as --NAME=VALUE, for a command that repeats them. */
  changeArgs: string[];
} & { [K in FlagName as Camel<K>]: boolean } & { [K in TextName as Camel<K>]?: string } & {
  [K in ListName as Camel<K>]?: string[];
};

const optionSpec = (name: OptionName): OptionSpec => OPTION_SPECS[name];

const camel = (name: string): string => name.replace(/-(.)/g, (_, c: string) => c.toUpperCase());

type NodeOptions = NonNullable<ParseArgsConfig['options']>;
type Token = NonNullable<ReturnType<typeof parseNodeArgs>['tokens']>[number];
type OptionToken = Extract<Token, { kind: 'option' }>;

/** The options util.parseArgs may accept for one command: its own and, for `override` and `review`, the change options. */
function nodeOptions(command: CommandName): NodeOptions {
  const spec: CommandSpec = COMMAND_SPECS[command];
  const options: NodeOptions = {};
  for (const name of spec.options)
    options[name] = { type: optionSpec(name).value === undefined ? 'boolean' : 'string' };
  // Repeatable: flatpak applies them in the order given, so they are read from the tokens.
  if (spec.changes) for (const name of CHANGE_OPTIONS) options[name] = { type: 'string', multiple: true };
  return options;
}

function listValue(name: string, option: OptionSpec, value: string): string[] {
  const words = Array.isArray(option.complete) ? (option.complete as readonly string[]) : [];
  const items = value.split(',').filter(Boolean);
  const unknown = items.filter((item) => !words.includes(item));
  const [one, many] = option.noun ?? ['change', 'changes'];
  if (unknown.length > 0)
    throw new UsageError(`Unknown ${one} ${unknown.join(', ')}; the ${many} are ${words.join(', ')} (--${name})`);
  return items;
}

/** The refusal of an option the command does not take: whose it is, if anyone's. */
function notTaken(command: CommandName, token: OptionToken, args: readonly string[]): UsageError {
  const change = CHANGE_OPTIONS.includes(token.name);
  const owners = Object.entries(COMMAND_SPECS)
    .filter(([, c]: [string, CommandSpec]) =>
      change ? c.changes === true : (c.options as readonly string[]).includes(token.name),
    )
    .map(([n]) => n);
  return new UsageError(
    owners.length > 0
      ? `${command} does not take ${token.rawName} (${owners.join(', ')} do${owners.length === 1 ? 'es' : ''})`
      : `Unknown option ${args[token.index] ?? token.rawName} for ${command}; see confine ${command} --help`,
  );
}

/**
 * util.parseArgs's own messages speak of its config; this says the same in the CLI's words. Its
 * error does not carry the option, so the same arguments are read again leniently to find the
 * first one that broke the rule the error's code names.
 */
function usageError(e: unknown, command: CommandName, args: readonly string[], options: NodeOptions): unknown {
  const code = e instanceof Error ? (e as NodeJS.ErrnoException).code : undefined;
  const rules: Record<string, (t: OptionToken) => boolean> = {
    ERR_PARSE_ARGS_UNKNOWN_OPTION: (t) => !Object.hasOwn(options, t.name),
    ERR_PARSE_ARGS_INVALID_OPTION_VALUE: (t) =>
      Object.hasOwn(options, t.name) &&
      (options[t.name]?.type === 'boolean'
        ? t.value !== undefined
        : t.value === undefined || (!t.inlineValue && t.value.length > 1 && t.value.startsWith('-'))),
  };
  const rule = typeof code === 'string' ? rules[code] : undefined;
  if (!rule) return e;
  const { tokens } = parseNodeArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const token = tokens.find((t): t is OptionToken => t.kind === 'option' && rule(t));
  if (!token) return new UsageError(`${command}: cannot read the options ${args.join(' ')}`);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return notTaken(command, token, args);
  return new UsageError(
    options[token.name]?.type === 'boolean'
      ? `${command}: ${token.rawName} takes no value`
      : `${command}: ${token.rawName} needs a value`,
  );
}

/** Reads the arguments of one command; an option that is not the command's own is an error. */
export function parseArgs(command: CommandName, args: readonly string[], version: Version): Parsed {
  return read(command, args, version);
}

/**
 * Refuses what parseArgs refuses, except a bad value of a change option: that needs flatpak's
 * version, and this runs before anything is asked of flatpak or read from disk.
 */
export function checkOptions(command: CommandName, args: readonly string[]): void {
  read(command, args, null);
}

function read(command: CommandName, args: readonly string[], version: Version | null): Parsed {
  const options = nodeOptions(command);
  let tokens: Token[];
  try {
    tokens = parseNodeArgs({ args: [...args], options, strict: true, allowPositionals: true, tokens: true }).tokens;
  } catch (e) {
    throw usageError(e, command, args, options);
  }
  const positional: string[] = [];
  const changes: Change[] = [];
  const changeArgs: string[] = [];
  const fields: Record<string, boolean | string | string[]> = {};
  // Every flag of the type is there, false unless given, whichever command this is.
  for (const name of Object.keys(OPTION_SPECS) as OptionName[])
    if (optionSpec(name).value === undefined) fields[camel(name)] = false;
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind === 'positional') positional.push(token.value);
    if (token.kind !== 'option') continue;
    const { name, value } = token;
    if (value === '') throw new UsageError(`${command}: --${name} needs a value`);
    if (CHANGE_OPTIONS.includes(name) && value !== undefined) {
      if (version === null) continue;
      const parsed = parseChangeOption(name, value, version);
      if (!parsed.ok) throw new UsageError(parsed.message);
      changes.push(...parsed.changes);
      changeArgs.push(`--${name}=${value}`);
      continue;
    }
    if (seen.has(name)) throw new UsageError(`${command}: --${name} is given twice`);
    seen.add(name);
    const option = optionSpec(name as OptionName);
    fields[camel(name)] = value === undefined ? true : option.list ? listValue(name, option, value) : value;
  }
  // The fields were made from the same table as the type: every flag, and the value options given.
  return { positional, changes, changeArgs, ...fields } as Parsed;
}

const CHANGES_ARE = 'Changes, as flatpak override takes them';
const CHANGE_HELP = `  ${CHANGES_ARE}:
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
  return `Usage: confine ${spec.usage}${spec.options.length ? ' [OPTION…]' : ''}\n\n${spec.summary}.\n\n${spec.options.length ? `Options:\n${spec.options.map(optionLine).join('')}` : ''}${spec.changes ? CHANGE_HELP.replace(CHANGES_ARE, spec.changesAre ?? CHANGES_ARE) : ''}`;
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
For an app, Confine writes a grant only where the layers below (the app’s own metadata, system
and global overrides) do not give it, and a revoke always, as flatpak does, so it holds when an
update asks for the permission; --default forgets an entry. The global override is written as given.
Exit status: 0 success, 2 bad input (with a message saying what is wrong), 1 any other failure.
`;
}

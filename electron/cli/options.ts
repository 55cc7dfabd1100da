// Which options each command takes, the parser that holds every command to its own (Node's
// util.parseArgs, configured from the table), and the help text, all made from one table so the
// three cannot drift apart.

import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';
import type { Change } from '../../shared/flatpak/edit';
import { CHANGE_OPTIONS } from '../../shared/flatpak/change-options';
import type { parseChangeOption } from '../../shared/flatpak/override-args';
import type { Version } from '../../shared/flatpak/version';
import { PRESETS } from '../../shared/hardening/preset-names';
import { defineMessages, t } from '../../shared/i18n';

export class UsageError extends Error {}

// Words that come from tables only some commands load (the hardening rules and capabilities, the
// portal settings): read when a value is checked, a help shown or a completion script written,
// so that the start file every run loads carries none of those tables (issue 19).
const WORD_LISTS = {
  rules: async () => (await import('../../shared/hardening/presets')).RULE_IDS,
  capabilities: async (): Promise<readonly string[]> =>
    (await import('../../shared/hardening/capabilities')).CAPABILITY_IDS,
  settings: async () =>
    (await import('../../shared/portals/catalogue')).PORTAL_KINDS.flatMap((k) =>
      ['allow', 'deny', 'unset'].map((v) => `${k.key}=${v}`),
    ),
} satisfies Record<string, () => Promise<readonly string[]>>;

export type WordList = keyof typeof WORD_LISTS;

const loadedWords: Partial<Record<WordList, readonly string[]>> = {};

/** Loads these word lists, each once; `words` reads them after. */
export async function loadWords(lists: Iterable<WordList>): Promise<void> {
  await Promise.all([...new Set(lists)].map(async (l) => void (loadedWords[l] ??= await WORD_LISTS[l]())));
}

/** The words of a list loaded before: reading one that was not is a bug, not an empty list. */
function words(list: WordList): readonly string[] {
  const loaded = loadedWords[list];
  if (loaded === undefined) throw new Error(`The word list ${list} is read before it is loaded`);
  return loaded;
}

const U = defineMessages({
  unknownItem: {
    id: 'cli.usage.unknown-list-item',
    defaultMessage:
      '{noun, select, capability {{count, plural, one {Unknown capability {items}} other {Unknown capabilities {items}}}; the capabilities are {known}} other {{count, plural, one {Unknown change {items}} other {Unknown changes {items}}}; the changes are {known}}} ({option})',
    description: 'A word --only, --skip or --can does not know; items and known: comma-separated IDs; option: --only',
  },
  notTaken: {
    id: 'cli.usage.option-of-other-command',
    defaultMessage: '{command} does not take {option} ({count, plural, one {{owners} does} other {{owners} do}})',
    description:
      'command: a confine command; option: --json; owners: the commands that take it (list of command names)',
  },
  unknownOption: {
    id: 'cli.usage.unknown-option',
    defaultMessage: 'Unknown option {option} for {command}; see {help}',
    description: 'help: the command line confine COMMAND --help',
  },
  unreadable: {
    id: 'cli.usage.unreadable-options',
    defaultMessage: '{command}: cannot read the options {args}',
  },
  takesNoValue: { id: 'cli.usage.takes-no-value', defaultMessage: '{command}: {option} takes no value' },
  needsValue: { id: 'cli.usage.needs-value', defaultMessage: '{command}: {option} needs a value' },
  givenTwice: { id: 'cli.usage.given-twice', defaultMessage: '{command}: {option} is given twice' },
});

/** A flag stands alone; a value option takes `--name=VALUE` or `--name VALUE`. */
export interface OptionSpec {
  readonly value?: string;
  readonly help: string;
  /** What shell completion offers for the value: these words, or a folder. */
  readonly complete?: readonly string[] | 'dir';
  /** The value is a comma-separated list of those words (the IDs of changes), each checked. */
  readonly list?: true;
  /** What one word of the list is, for the refusal of an unknown one (a change unless said). */
  readonly noun?: 'change' | 'capability';
  /** The list `complete` (and the help) reads, which `loadWords` must have loaded. */
  readonly words?: WordList;
}

// The help of each option and command, formatted when shown: the tables below read them through
// getters, so the language chosen at start applies and the tables keep their string fields.
const H = defineMessages({
  json: { id: 'cli.option.json.help', defaultMessage: 'print JSON' },
  user: {
    id: 'cli.option.user.help',
    defaultMessage: 'the user’s override (the only one Confine writes; accepted as flatpak does)',
  },
  system: {
    id: 'cli.option.system.help',
    defaultMessage: 'the system-wide override: shown, but changed only by flatpak (Confine prints the command)',
  },
  installation: { id: 'cli.option.installation.help', defaultMessage: 'read the app of this installation' },
  reset: { id: 'cli.option.reset.help', defaultMessage: 'remove the whole override' },
  show: { id: 'cli.option.show.help', defaultMessage: 'print the override file' },
  all: { id: 'cli.option.all.help', defaultMessage: 'every installed app' },
  dryRun: { id: 'cli.option.dry-run.help', defaultMessage: 'show what would change, change nothing' },
  preset: {
    id: 'cli.option.preset.help',
    defaultMessage: '{recommended} (default), {strict} or {offline}',
    description: 'The values of --preset, as typed: recommended, strict, offline',
  },
  only: { id: 'cli.option.only.help', defaultMessage: 'apply just these changes, ticked or not' },
  skip: { id: 'cli.option.skip.help', defaultMessage: 'leave these changes out' },
  can: {
    id: 'cli.option.can.help',
    defaultMessage: 'only the apps that can do all of these: {capabilities}',
    description: 'capabilities: the comma-separated words --can takes (network, camera, …)',
  },
  systemTree: {
    id: 'cli.option.system-tree.help',
    defaultMessage: 'write a system override folder with a README and an Ansible playbook',
  },
  root: {
    id: 'cli.option.root.help',
    defaultMessage: 'read {dir} as the machine’s {slash}',
    description: 'dir: the metavariable DIR; slash: the root folder "/"',
  },
  set: {
    id: 'cli.option.set.help',
    defaultMessage: 'change one: {key} is {kinds}, …, or {tableId} ({unset} only)',
    description: 'key: KEY; kinds: camera, microphone, location; tableId: TABLE/ID; unset: the word unset, as typed',
  },
});

// The words of review, lock and watch (issue 17).
const R = defineMessages({
  accept: {
    id: 'cli.option.accept',
    defaultMessage: 'keep what the app now declares (all its changes, or only the ones given after it)',
  },
  deny: {
    id: 'cli.option.deny',
    defaultMessage:
      'deny what the app newly declares (all its additions, or only the ones given after it), as {command} would',
    description: 'command: flatpak override --user',
  },
  lock: {
    id: 'cli.option.lock',
    defaultMessage: 'also lock the apps it changes: {command} denies what their updates newly ask for',
    description: 'command: confine watch',
  },
  install: {
    id: 'cli.option.install',
    defaultMessage: 'write a systemd user unit that runs {command}, and say how to start it',
    description: 'command: confine watch',
  },
  review: {
    id: 'cli.command.review.summary',
    defaultMessage:
      'List the permissions apps declare anew or no longer since you last looked (after an update), in the words of {command}; keep them, or deny the additions, all or item by item: the items as listed after {accept} or {deny} ({example})',
  },
  items: {
    id: 'cli.help.review-items',
    defaultMessage: 'Items to keep or deny, as listed (not {default}), in the words of {command}:',
    description: 'Heading of the change options in confine review --help',
  },
  lockCommand: {
    id: 'cli.command.lock.summary',
    defaultMessage:
      'Lock apps ({all}: every app, present and future): {command} denies what an update makes them declare anew, at once',
  },
  unlockCommand: {
    id: 'cli.command.unlock.summary',
    defaultMessage: 'Unlock apps ({all}: forget every lock); their later changes wait in {command}',
  },
  watchCommand: {
    id: 'cli.command.watch.summary',
    defaultMessage:
      'Watch the installed apps and deny what locked apps declare anew as soon as an update lands, with a desktop notification; logs to stderr',
  },
});

export const OPTION_SPECS = {
  json: {
    get help() {
      return t(H.json);
    },
  },
  user: {
    get help() {
      return t(H.user);
    },
  },
  system: {
    get help() {
      return t(H.system);
    },
  },
  installation: {
    value: 'ID',
    get help() {
      return t(H.installation);
    },
  },
  reset: {
    get help() {
      return t(H.reset);
    },
  },
  show: {
    get help() {
      return t(H.show);
    },
  },
  all: {
    get help() {
      return t(H.all);
    },
  },
  'dry-run': {
    get help() {
      return t(H.dryRun);
    },
  },
  preset: {
    value: 'NAME',
    get help() {
      return t(H.preset, { recommended: 'recommended', strict: 'strict', offline: 'offline' });
    },
    complete: PRESETS,
  },
  only: {
    value: 'ID,…',
    get help() {
      return t(H.only);
    },
    words: 'rules',
    get complete() {
      return words('rules');
    },
    list: true,
  },
  skip: {
    value: 'ID,…',
    get help() {
      return t(H.skip);
    },
    words: 'rules',
    get complete() {
      return words('rules');
    },
    list: true,
  },
  can: {
    value: 'CAP,…',
    get help() {
      return t(H.can, { capabilities: words('capabilities').join(', ') });
    },
    words: 'capabilities',
    get complete() {
      return words('capabilities');
    },
    list: true,
    noun: 'capability',
  },
  'system-tree': {
    value: 'DIR',
    get help() {
      return t(H.systemTree);
    },
    complete: 'dir',
  },
  root: {
    value: 'DIR',
    get help() {
      return t(H.root, { dir: 'DIR', slash: '/' });
    },
    complete: 'dir',
  },
  accept: {
    get help() {
      return t(R.accept);
    },
  },
  deny: {
    get help() {
      return t(R.deny, { command: 'flatpak override --user' });
    },
  },
  lock: {
    get help() {
      return t(R.lock, { command: 'confine watch' });
    },
  },
  install: {
    get help() {
      return t(R.install, { command: 'confine watch' });
    },
  },
  set: {
    value: 'KEY=allow|deny|unset',
    get help() {
      return t(H.set, { key: 'KEY', kinds: 'camera, microphone, location', tableId: 'TABLE/ID', unset: 'unset' });
    },
    words: 'settings',
    get complete() {
      return words('settings');
    },
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

const C = defineMessages({
  list: {
    id: 'cli.command.list.summary',
    defaultMessage: 'List installed apps (with their effective permissions in JSON), or those that can do something',
  },
  show: {
    id: 'cli.command.show.summary',
    defaultMessage: 'Show the permissions Flatpak enforces for {app}, as {command} does, or as JSON with their sources',
    description: 'app: the metavariable APP; command: the flatpak command line',
  },
  override: {
    id: 'cli.command.override.summary',
    defaultMessage: 'Change the user’s override of {app}, or of all apps without {app}',
    description: 'app: the metavariable APP',
  },
  audit: {
    id: 'cli.command.audit.summary',
    defaultMessage: 'Rank apps by exposure: sandbox escapes, then broad access',
  },
  harden: {
    id: 'cli.command.harden.summary',
    defaultMessage:
      'Apply a preset to apps; prints each change with the risk it closes, what the app loses and what that costs',
  },
  export: {
    id: 'cli.command.export.summary',
    defaultMessage: 'Save every override (user and system, with portal permissions) to {file}, or stdout',
    description: 'file: the metavariable FILE',
  },
  import: {
    id: 'cli.command.import.summary',
    defaultMessage: 'Restore overrides from an export, saying what happens to each',
  },
  portals: {
    id: 'cli.command.portals.summary',
    defaultMessage: 'Show {app}’s portal permissions (camera, location, background, …)',
    description: 'app: the metavariable APP',
  },
  mac: {
    id: 'cli.command.mac.summary',
    defaultMessage:
      'Show whether SELinux or AppArmor protect this machine, and how well Flatpak’s sandbox stands, with advice',
  },
  verify: {
    id: 'cli.command.verify.summary',
    defaultMessage:
      'Start {app}’s sandbox with a read-only probe in the runtime’s shell and show what it can really reach, beside its permissions, every difference explained',
    description: 'app: the metavariable APP',
  },
  completion: {
    id: 'cli.command.completion.summary',
    defaultMessage: 'Print the completion script of bash, zsh or fish ({readme} says where it goes)',
    description: 'readme: the file name README.md',
  },
});

export const COMMAND_SPECS = {
  list: {
    usage: 'list',
    get summary() {
      return t(C.list);
    },
    options: ['json', 'can'],
  },
  show: {
    usage: 'show APP',
    get summary() {
      return t(C.show, { app: 'APP', command: '`flatpak info --show-permissions`' });
    },
    options: ['json', 'installation'],
    operands: 'app',
  },
  override: {
    usage: 'override [APP] OPTION…',
    get summary() {
      return t(C.override, { app: 'APP' });
    },
    options: ['user', 'system', 'reset', 'show'],
    changes: true,
    operands: 'app',
  },
  audit: {
    usage: 'audit',
    get summary() {
      return t(C.audit);
    },
    options: ['json'],
  },
  harden: {
    usage: 'harden [APP…|--all]',
    get summary() {
      return t(C.harden);
    },
    options: ['all', 'preset', 'dry-run', 'json', 'only', 'skip', 'lock'],
    operands: 'app',
  },
  export: {
    usage: 'export [FILE]',
    get summary() {
      return t(C.export, { file: 'FILE' });
    },
    options: ['system-tree'],
    operands: 'file',
  },
  import: {
    usage: 'import FILE',
    get summary() {
      return t(C.import);
    },
    options: ['dry-run'],
    operands: 'file',
  },
  portals: {
    usage: 'portals APP',
    get summary() {
      return t(C.portals, { app: 'APP' });
    },
    options: ['json', 'set'],
    operands: 'app',
  },
  mac: {
    usage: 'mac',
    get summary() {
      return t(C.mac);
    },
    options: ['json', 'root'],
  },
  verify: {
    usage: 'verify APP',
    get summary() {
      return t(C.verify, { app: 'APP' });
    },
    options: ['json', 'installation'],
    operands: 'app',
  },
  review: {
    usage: 'review [APP|--all] [--accept|--deny]',
    get summary() {
      return t(R.review, {
        accept: '--accept',
        deny: '--deny',
        command: 'flatpak override',
        example: 'confine review APP --deny --share=network',
      });
    },
    options: ['json', 'all', 'accept', 'deny'],
    changes: true,
    get changesAre() {
      return t(R.items, { command: 'flatpak override', default: '--default' });
    },
    operands: 'app',
  },
  lock: {
    usage: 'lock APP…|--all',
    get summary() {
      return t(R.lockCommand, { all: '--all', command: 'confine watch' });
    },
    options: ['all'],
    operands: 'app',
  },
  unlock: {
    usage: 'unlock APP…|--all',
    get summary() {
      return t(R.unlockCommand, { all: '--all', command: 'confine review' });
    },
    options: ['all'],
    operands: 'app',
  },
  watch: {
    usage: 'watch [--install]',
    get summary() {
      return t(R.watchCommand);
    },
    options: ['install'],
  },
  completion: {
    usage: 'completion SHELL',
    get summary() {
      return t(C.completion, { readme: 'README.md' });
    },
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

function checkList(name: string, option: OptionSpec, items: readonly string[]): void {
  const words = Array.isArray(option.complete) ? (option.complete as readonly string[]) : [];
  const unknown = items.filter((item) => !words.includes(item));
  if (unknown.length > 0)
    throw new UsageError(
      t(U.unknownItem, {
        noun: option.noun ?? 'change',
        count: unknown.length,
        items: unknown.join(', '),
        known: words.join(', '),
        option: `--${name}`,
      }),
    );
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
      ? t(U.notTaken, { command, option: token.rawName, owners: owners.join(', '), count: owners.length })
      : t(U.unknownOption, {
          option: args[token.index] ?? token.rawName,
          command,
          help: `confine ${command} --help`,
        }),
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
  if (!token) return new UsageError(t(U.unreadable, { command, args: args.join(' ') }));
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return notTaken(command, token, args);
  return new UsageError(
    t(options[token.name]?.type === 'boolean' ? U.takesNoValue : U.needsValue, { command, option: token.rawName }),
  );
}

/** The word lists the options of a command read. */
const wordListsOf = (names: readonly OptionName[]): WordList[] =>
  names.flatMap((name) => {
    const list = optionSpec(name).words;
    return list === undefined ? [] : [list];
  });

/** Reads the arguments of one command; an option that is not the command's own is an error. */
export async function parseArgs(command: CommandName, args: readonly string[], version: Version): Promise<Parsed> {
  // The parser of change options (and the edit rules it builds on) only for the commands taking them.
  const parse = (COMMAND_SPECS[command] as CommandSpec).changes
    ? (await import('../../shared/flatpak/override-args')).parseChangeOption
    : null;
  const parsed = read(command, args, { version, parse });
  const fields = parsed as Record<string, unknown>;
  const given = COMMAND_SPECS[command].options.filter((name) => optionSpec(name).list && fields[camel(name)]);
  // Loaded only when such an option is given: `list` without --can needs no capabilities.
  await loadWords(wordListsOf(given));
  for (const name of given) checkList(name, optionSpec(name), fields[camel(name)] as string[]);
  return parsed;
}

/**
 * Refuses what parseArgs refuses, except a bad value of a change option (that needs flatpak's
 * version) and an unknown word of a list (that needs a table only its command loads): this runs
 * before anything is asked of flatpak or read from disk.
 */
export function checkOptions(command: CommandName, args: readonly string[]): void {
  read(command, args, null);
}

/** How change options are read: with flatpak's version, by the parser of their values. */
interface ChangeReader {
  readonly version: Version;
  readonly parse: typeof parseChangeOption | null;
}

function read(command: CommandName, args: readonly string[], changeReader: ChangeReader | null): Parsed {
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
    if (value === '') throw new UsageError(t(U.needsValue, { command, option: `--${name}` }));
    if (CHANGE_OPTIONS.includes(name) && value !== undefined) {
      if (changeReader === null) continue;
      // A command without change options refuses them in parseNodeArgs above.
      if (changeReader.parse === null) throw new Error(`--${name} reached a command without changes`);
      const parsed = changeReader.parse(name, value, changeReader.version);
      if (!parsed.ok) throw new UsageError(parsed.message);
      changes.push(...parsed.changes);
      changeArgs.push(`--${name}=${value}`);
      continue;
    }
    if (seen.has(name)) throw new UsageError(t(U.givenTwice, { command, option: `--${name}` }));
    seen.add(name);
    const option = optionSpec(name as OptionName);
    fields[camel(name)] = value === undefined ? true : option.list ? value.split(',').filter(Boolean) : value;
  }
  // The fields were made from the same table as the type: every flag, and the value options given.
  return { positional, changes, changeArgs, ...fields } as Parsed;
}

const HELP = defineMessages({
  changes: { id: 'cli.help.changes', defaultMessage: 'Changes, as {command} takes them:' },
  orReset: {
    id: 'cli.help.changes.or-reset',
    defaultMessage: '(or {reset})',
    description: 'After --nofilesystem=PATH: the value host:reset is also taken',
  },
  andSee: {
    id: 'cli.help.changes.and-see',
    defaultMessage: '(and {option})',
    description: 'After the bus name options: the option --see-name= (or --system-see-name=) is also taken',
  },
  default: {
    id: 'cli.help.changes.default',
    defaultMessage: 'return one entry to its default (e.g. {example})',
    description: 'The --default=KIND:VALUE option; example: sockets:x11',
  },
  usage: { id: 'cli.help.usage', defaultMessage: 'Usage: {command}', description: 'command: the command line' },
  options: { id: 'cli.help.options', defaultMessage: 'Options:' },
  commands: { id: 'cli.help.commands', defaultMessage: 'Commands:' },
  about: { id: 'cli.help.about', defaultMessage: 'See and change the sandbox permissions of Flatpak apps.' },
  help: {
    id: 'cli.help.help-command',
    defaultMessage: 'Show this help ({command}: one command’s)',
    description: 'command: confine COMMAND --help',
  },
  footer: {
    id: 'cli.help.footer',
    defaultMessage:
      'Options of every command: {help}; {version} prints the version.\nFor an app, Confine writes a grant only where the layers below (the app’s own metadata, system\nand global overrides) do not give it, and a revoke always, as flatpak does, so it holds when an\nupdate asks for the permission; {default} forgets an entry. The global override is written as given.\nExit status: 0 success, 2 bad input (with a message saying what is wrong), 1 any other failure.',
    description:
      'The end of confine --help; keep the line breaks about 100 characters apart. help: --help; version: confine --version; default: --default',
  },
});

function changeHelp(heading: string | undefined): string {
  const rows: [string, string][] = [
    ['--share=, --unshare=NAME', 'network, ipc'],
    ['--socket=, --nosocket=NAME', 'x11, wayland, pulseaudio, …'],
    ['--device=, --nodevice=NAME', 'dri, all, kvm, shm, …'],
    ['--allow=, --disallow=NAME', 'devel, multiarch, bluetooth, …'],
    ['--filesystem=PATH[:ro|:rw|:create]', `--nofilesystem=PATH ${t(HELP.orReset, { reset: 'host:reset' })}`],
    ['--persist=PATH  --env=VAR=VALUE  --unset-env=VAR', ''],
    ['--talk-name=, --own-name=, --no-talk-name=NAME', t(HELP.andSee, { option: '--see-name=' })],
    [
      '--system-talk-name=, --system-own-name=, --system-no-talk-name=NAME',
      t(HELP.andSee, { option: '--system-see-name=' }),
    ],
    ['--default=KIND:VALUE', t(HELP.default, { example: 'sockets:x11' })],
  ];
  const lines = rows.map(([left, right]) => `    ${right === '' ? left : `${left.padEnd(35)} ${right}`}`.trimEnd());
  return `  ${heading ?? t(HELP.changes, { command: 'flatpak override' })}\n${lines.join('\n')}\n`;
}

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
export async function commandHelp(command: CommandName): Promise<string> {
  const spec: CommandSpec = COMMAND_SPECS[command];
  await loadWords(wordListsOf(spec.options));
  const usage = `confine ${spec.usage}${spec.options.length ? ' [OPTION…]' : ''}`;
  const options = spec.options.length ? `${t(HELP.options)}\n${spec.options.map(optionLine).join('')}` : '';
  return `${t(HELP.usage, { command: usage })}\n\n${spec.summary}.\n\n${options}${spec.changes ? changeHelp(spec.changesAre) : ''}`;
}

export function mainHelp(): string {
  const lines = Object.entries(COMMAND_SPECS).map(
    ([, c]: [string, CommandSpec]) => `  ${c.usage.padEnd(28)} ${c.summary}\n`,
  );
  const usage = 'confine COMMAND [OPTION…]';
  const footer = t(HELP.footer, { help: '--help', version: 'confine --version', default: '--default' });
  return `${t(HELP.usage, { command: usage })}

${t(HELP.about)}

${t(HELP.commands)}
${lines.join('')}  ${'help'.padEnd(28)} ${t(HELP.help, { command: 'confine COMMAND --help' })}

${footer}
`;
}

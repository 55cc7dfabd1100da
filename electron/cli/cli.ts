// `confine`: the command-line face of the same core the window uses.
// Exit status: 0 success, 2 bad input (with a message saying what is wrong), 1 any other failure.
//
// Each command lives in its own module under commands/, loaded only when it runs: a run loads
// the code (and libraries: D-Bus, XML, schemas) of its one command, not of all of them.

import { ConfineError } from '../../shared/errors';
import { defineMessages, languagesFromEnv, setLanguage, t } from '../../shared/i18n';
import { CONFINE_VERSION } from '../../shared/version';
import {
  checkOptions,
  commandHelp,
  isCommand,
  mainHelp,
  parseArgs,
  UsageError,
  wantsHelp,
  type CommandName,
  type Parsed,
} from './options';
import { FlatpakCore } from '../services/core';
import { LINE, type CliIo } from './command';

export type { CliIo } from './command';

type Command = (core: FlatpakCore, p: Parsed, io: CliIo) => Promise<number>;

const COMMANDS: Readonly<Record<CommandName, () => Promise<Command>>> = {
  list: async () => (await import('./commands/list')).list,
  show: async () => (await import('./commands/show')).show,
  override: async () => (await import('./commands/override')).override,
  audit: async () => (await import('./commands/audit')).audit,
  harden: async () => (await import('./commands/harden')).harden,
  export: async () => (await import('./commands/export')).exportCommand,
  import: async () => (await import('./commands/import')).importCommand,
  portals: async () => (await import('./commands/portals')).portals,
  mac: async () => (await import('./commands/mac')).mac,
  verify: async () => (await import('./verify')).verifyCommand,
  review: async () => (await import('./commands/review')).review,
  lock: async () => (await import('./commands/lock')).lock,
  unlock: async () => (await import('./commands/lock')).unlock,
  watch: async () => (await import('./commands/watch')).watch,
  completion: async () => (await import('./commands/completion')).completion,
};

const HELP_WORDS = ['help', '--help', '-h'];

const M = defineMessages({
  versionAlone: { id: 'cli.usage.version-alone', defaultMessage: '{option} takes nothing more' },
  unknownCommand: {
    id: 'cli.usage.unknown-command',
    defaultMessage: 'Unknown command {command}; see {help}',
    description: 'command: what was typed; help: the command line confine help',
  },
});

/** The first words that make `confine` run as this tool rather than open its window. */
export const CLI_COMMANDS: ReadonlySet<string> = new Set([...Object.keys(COMMANDS), ...HELP_WORDS, '--version']);

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  // Words follow the environment's language as gettext reads it; JSON is the same in every one.
  await setLanguage(rest.includes('--json') ? [] : languagesFromEnv(io.env));
  try {
    if (command === '--version') {
      if (rest.length > 0) throw new UsageError(t(M.versionAlone, { option: '--version' }));
      io.out(`confine ${CONFINE_VERSION}\n`);
      return 0;
    }
    if (command === undefined || HELP_WORDS.includes(command)) {
      const topic = rest[0];
      if (topic === undefined) {
        (command === undefined ? io.err : io.out)(mainHelp());
        return command === undefined ? 2 : 0;
      }
      if (!isCommand(topic) || rest.length > 1)
        throw new UsageError(t(M.unknownCommand, { command: rest.join(' '), help: 'confine help' }));
      io.out(await commandHelp(topic));
      return 0;
    }
    if (!isCommand(command)) throw new UsageError(t(M.unknownCommand, { command, help: 'confine help' }));
    if (wantsHelp(rest)) {
      io.out(await commandHelp(command));
      return 0;
    }
    checkOptions(command, rest);
    const [core, run] = await Promise.all([FlatpakCore.create({ env: io.env }), COMMANDS[command]()]);
    try {
      return await run(core, await parseArgs(command, rest, core.version.version), io);
    } finally {
      // The session bus connection of `portals` would keep the process alive.
      await core.close();
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(t(LINE.error, { message: e.message }));
      return 2;
    }
    if (e instanceof ConfineError) {
      io.err(t(LINE.error, { message: e.message }));
      return e.code === 'invalid-input' ? 2 : 1;
    }
    io.err(t(LINE.error, { message: (e as Error).message }));
    return 1;
  }
}

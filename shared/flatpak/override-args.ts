// The flags of `flatpak override`, read into changes, and an override written back as the
// `flatpak override` command that makes it. Values are checked with Flatpak's grammar and its
// own error messages.

import { FLAG_KINDS, knownFlags, type FlagKind } from './catalogue';
import { emptyContext, type BusKind, type BusPolicy, type Context } from './context';
import { applyChange, type Change } from './edit';
import { formatFilesystem, fsSuffixRefusal, parseFilesystem } from './filesystem';
import { parseNegation } from './negation';
import { checkBusName, checkEnvName, checkEnvValue, checkPersistentPath } from './grammar';
import type { Version } from './version';
import { defineMessages, t } from '../i18n';
import { BUS_OPTIONS, FLAG_OPTIONS } from './change-options';
import { shellQuote } from './shell-quote';

// The option names (what the CLI's start needs) and the quoting are in modules of their own, so
// a run that parses no change (list, show) loads neither this parser nor the edit rules.
export { CHANGE_OPTIONS } from './change-options';
export { shellQuote } from './shell-quote';

const DEFAULT_KINDS = [
  ...FLAG_KINDS,
  'filesystems',
  'persistent',
  'environment',
  'session-bus',
  'system-bus',
  'filesystem-reset',
] as const;

// `flatpak override`'s own refusals, in the user's language; options and kinds are placeholders.
const M = defineMessages({
  unknownType: {
    id: 'error.override.unknown-type',
    defaultMessage: 'Unknown {noun} type {value}, valid types are: {valid}',
    description:
      'Flatpak’s wording. noun: share, socket, device or feature; value: what was given; valid: comma-separated names',
  },
  envFormat: {
    id: 'error.override.env-format',
    defaultMessage: 'Invalid env format {value}',
    description: 'Flatpak’s wording for --env without NAME=VALUE; value: what was given',
  },
  unknownOption: { id: 'error.override.unknown-option', defaultMessage: 'Unknown option {option}' },
  defaultUsage: {
    id: 'error.override.default-usage',
    defaultMessage: '{option} takes KIND:VALUE, KIND being one of {kinds} (for example {examples})',
    description:
      'option: --default; KIND and VALUE are the placeholders of its syntax; kinds and examples: comma-separated tokens',
  },
  unknownEntry: {
    id: 'error.override.unknown-entry',
    defaultMessage: 'Unknown {kind} entry {value}, valid ones are: {valid}',
    description: 'kind: shared, sockets, devices or features; value: what was given; valid: comma-separated names',
  },
});

/** The names a change option takes, where they are a fixed list (--socket: x11, wayland, …); else none. */
export function changeOptionChoices(option: string, version: Version): readonly string[] {
  const flag = FLAG_OPTIONS[option];
  return flag ? knownFlags(flag.kind, version) : [];
}

export type ParsedChange = { ok: true; changes: Change[] } | { ok: false; message: string };

function fail(message: string): ParsedChange {
  return { ok: false, message };
}

/** Reads one `--option=value` of `flatpak override` (plus `--default=KIND:VALUE`) into changes. */
export function parseChangeOption(option: string, value: string, version: Version): ParsedChange {
  const flag = FLAG_OPTIONS[option];
  if (flag) {
    const valid = knownFlags(flag.kind, version);
    if (!valid.includes(value)) return fail(t(M.unknownType, { noun: flag.noun, value, valid: valid.join(', ') }));
    const changes: Change[] = [{ kind: flag.kind, name: value, value: flag.value }];
    // Flatpak's own rule: fallback-x11 given as an option also sets or clears x11.
    if (flag.kind === 'sockets' && value === 'fallback-x11')
      changes.unshift({ kind: 'sockets', name: 'x11', value: flag.value });
    return { ok: true, changes };
  }
  const bus = BUS_OPTIONS[option];
  if (bus) {
    const bad = checkBusName(value);
    return bad ? fail(bad) : { ok: true, changes: [{ kind: 'bus', bus: bus.bus, name: value, value: bus.policy }] };
  }
  switch (option) {
    case 'filesystem':
    case 'nofilesystem': {
      const negated = option === 'nofilesystem';
      const fs = parseFilesystem(value, negated);
      if (!fs.ok) return fail(fs.message);
      // Flatpak warns and grants read-write for a typo like home:r0; a user asked for something else.
      if (fs.warning) return fail(fsSuffixRefusal(fs.warning, true));
      if (fs.path === 'host-reset') return { ok: true, changes: [{ kind: 'filesystem-reset', value: true }] };
      return { ok: true, changes: [{ kind: 'filesystems', path: fs.path, value: fs.mode }] };
    }
    case 'persist': {
      const bad = checkPersistentPath(value);
      return bad ? fail(bad) : { ok: true, changes: [{ kind: 'persistent', path: value, value: true }] };
    }
    case 'env': {
      const eq = value.indexOf('=');
      if (eq <= 0) return fail(t(M.envFormat, { value }));
      const name = value.slice(0, eq);
      const bad = checkEnvName(name) ?? checkEnvValue(value.slice(eq + 1));
      return bad ? fail(bad) : { ok: true, changes: [{ kind: 'environment', name, value: value.slice(eq + 1) }] };
    }
    case 'unset-env': {
      const bad = checkEnvName(value);
      return bad ? fail(bad) : { ok: true, changes: [{ kind: 'environment', name: value, value: null }] };
    }
    case 'default':
      return parseDefault(value, version);
    default:
      return fail(t(M.unknownOption, { option: `--${option}` }));
  }
}

/** `--default=KIND:VALUE` returns one entry to what the layers below say. */
function parseDefault(spec: string, version: Version): ParsedChange {
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const value = colon < 0 ? '' : spec.slice(colon + 1);
  const usage = t(M.defaultUsage, {
    option: '--default',
    kinds: DEFAULT_KINDS.join(', '),
    examples: 'sockets:x11, filesystems:~/Games, environment:FOO, session-bus:org.example.Service',
  });
  if (kind === 'filesystem-reset') return { ok: true, changes: [{ kind: 'filesystem-reset', value: undefined }] };
  if (colon < 0 || value === '') return fail(usage);
  if ((FLAG_KINDS as readonly string[]).includes(kind)) {
    const k = kind as FlagKind;
    const valid = knownFlags(k, version);
    if (!valid.includes(value)) return fail(t(M.unknownEntry, { kind: k, value, valid: valid.join(', ') }));
    return { ok: true, changes: [{ kind: k, name: value, value: undefined }] };
  }
  switch (kind) {
    case 'filesystems': {
      const fs = parseFilesystem(parseNegation(value).name, false);
      if (!fs.ok) return fail(fs.message);
      return { ok: true, changes: [{ kind: 'filesystems', path: fs.path, value: undefined }] };
    }
    case 'persistent':
      return { ok: true, changes: [{ kind: 'persistent', path: value, value: undefined }] };
    case 'environment': {
      const bad = checkEnvName(value);
      return bad ? fail(bad) : { ok: true, changes: [{ kind: 'environment', name: value, value: undefined }] };
    }
    case 'session-bus':
    case 'system-bus': {
      const bad = checkBusName(value);
      return bad
        ? fail(bad)
        : {
            ok: true,
            changes: [
              { kind: 'bus', bus: kind === 'session-bus' ? 'session' : 'system', name: value, value: undefined },
            ],
          };
    }
    default:
      return fail(usage);
  }
}

/** The `flatpak override` arguments that create this override layer from nothing. */
export function overrideArgs(layer: Context): string[] {
  const args: string[] = [];
  const flagNames: Record<FlagKind, [string, string]> = {
    shared: ['--share', '--unshare'],
    sockets: ['--socket', '--nosocket'],
    devices: ['--device', '--nodevice'],
    features: ['--allow', '--disallow'],
  };
  for (const kind of FLAG_KINDS) {
    for (const [name, on] of layer.flags[kind]) args.push(`${flagNames[kind][on ? 0 : 1]}=${name}`);
  }
  if (layer.filesystems.has('host-reset')) args.push('--nofilesystem=host:reset');
  for (const [path, mode] of layer.filesystems) {
    if (path === 'host-reset' || (path === 'host' && mode === 'none' && layer.filesystems.has('host-reset'))) continue;
    const token = formatFilesystem(path, mode);
    args.push(mode === 'none' ? `--nofilesystem=${parseNegation(token).name}` : `--filesystem=${token}`);
  }
  for (const path of layer.persistent) args.push(`--persist=${path}`);
  for (const [name, value] of layer.env) args.push(value === null ? `--unset-env=${name}` : `--env=${name}=${value}`);
  const busFlag: Record<BusKind, Record<BusPolicy, string>> = {
    session: { own: '--own-name', talk: '--talk-name', see: '--see-name', none: '--no-talk-name' },
    system: {
      own: '--system-own-name',
      talk: '--system-talk-name',
      see: '--system-see-name',
      none: '--system-no-talk-name',
    },
  };
  for (const bus of ['session', 'system'] as const)
    for (const [name, policy] of layer.bus[bus]) args.push(`${busFlag[bus][policy]}=${name}`);
  return args;
}

/** The whole command, ready to paste into a terminal; `see` policies have no flatpak flag. */
export function overrideCommand(appId: string | null, layer: Context): string {
  const args = overrideArgs(layer);
  const flatpakArgs = args.filter((a) => !a.startsWith('--see-name=') && !a.startsWith('--system-see-name='));
  const parts = [
    flatpakArgs.length === args.length ? 'flatpak' : 'confine',
    'override',
    ...(flatpakArgs.length === args.length ? ['--user'] : []),
    ...args,
    ...(appId ? [appId] : []),
  ];
  return parts.map(shellQuote).join(' ');
}

/** Applies the parsed changes of a command line to an empty layer (used to check round trips). */
export function layerFromChanges(changes: readonly Change[]): Context {
  return changes.reduce(applyChange, emptyContext());
}

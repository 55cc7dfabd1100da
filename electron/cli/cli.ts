// `confine`: the command-line face of the same core the window uses.
// Exit status: 0 success, 2 bad input (with a message saying what is wrong), 1 any other failure.

import { ConfineError } from '../../shared/errors';
import { HELP_LINKS } from '../../shared/ipc/contract';
import { effectiveReport } from '../../shared/flatpak/report';
import { renderShowPermissions } from '../../shared/flatpak/show';
import { systemOverrideCommand, systemOverrideRefusal } from '../../shared/flatpak/self-sandbox';
import { formatVersion } from '../../shared/flatpak/version';
import { checkAppId } from '../../shared/flatpak/grammar';
import { SEVERITIES, SEVERITY_LABELS } from '../../shared/hardening/audit';
import { capabilitiesOf, hasAll, isCapabilityId, type CapabilityId } from '../../shared/hardening/capabilities';
import { costSentence, PRESETS, type PresetName } from '../../shared/hardening/presets';
import { CONFINE_VERSION } from '../../shared/version';
import { count } from '../../shared/plural';
import {
  checkOptions,
  commandHelp,
  isCommand,
  isShell,
  mainHelp,
  parseArgs,
  SHELLS,
  UsageError,
  wantsHelp,
  type CommandName,
  type Parsed,
} from './options';
import { completionScript } from './completion';
import { FlatpakCore } from '../services/core';
import { applyHardening, auditAll, previewHardening } from '../services/hardening';
import {
  applyImport,
  exportOverrides,
  exportSystemTree,
  exportText,
  parseExport,
  previewImport,
  readExportFile,
  writeExportFile,
  type ImportItem,
} from '../services/transfer';
import type { Environment } from '../services/locations';
import { hostFs, readSystemStatus, rootExists } from '../services/system';
import { adviceFor, machineLine, systemCards } from '../../shared/system/describe';
import type { Advice } from '../../shared/system/model';
import { describeValue, kindByKey, kindOf, PORTAL_KINDS } from '../../shared/portals/catalogue';
import type { PortalRow } from '../../shared/portals/model';
import { grantsOf, portalsView, setPortal } from '../services/portals';
import { resetApp } from '../services/reset';
import { verifyCommand } from './verify';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Environment;
}

function checkApp(app: string | undefined): string {
  if (app === undefined) throw new UsageError('APP is missing');
  const bad = checkAppId(app);
  if (bad) throw new UsageError(`'${app}' is not a valid application name: ${bad}`);
  return app;
}

async function list(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 0) throw new UsageError('list takes no arguments');
  const wanted = (p.can ?? []).filter(isCapabilityId);
  const filtered = p.can !== undefined;
  const [{ apps: all, permissions: perms, warnings }, grants] = await Promise.all([
    core.snapshot({ permissions: p.json || filtered }),
    filtered ? grantsOf(core) : undefined,
  ]);
  for (const w of warnings) io.err(`warning: ${w}\n`);
  // An app whose permissions Flatpak refuses to compute does not run, so it can do nothing.
  const capabilities = new Map<string, CapabilityId[]>();
  if (grants)
    for (const [id, p2] of perms) if (p2.context) capabilities.set(id, capabilitiesOf(p2.context, grants.get(id)));
  const apps = filtered ? all.filter((a) => hasAll(capabilities.get(a.id) ?? [], wanted)) : all;
  if (!p.json) {
    for (const a of apps) {
      const d = a.deployments[0];
      io.out(
        [a.id, a.name, a.version ?? '', d?.branch ?? '', a.deployments.map((x) => x.installation).join(',')].join(
          '\t',
        ) + '\n',
      );
    }
    return 0;
  }
  const rows = apps.map((a) => {
    const p2 = perms.get(a.id);
    return {
      ...a,
      permissions: p2?.effective ? effectiveReport(p2.effective) : null,
      ...(filtered ? { capabilities: capabilities.get(a.id) ?? [] } : {}),
      ...(p2?.error ? { error: p2.error } : {}),
    };
  });
  io.out(JSON.stringify({ flatpakVersion: formatVersion(core.version.version), apps: rows }, null, 2) + '\n');
  return 0;
}

async function show(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length !== 1)
    throw new UsageError(p.positional.length === 0 ? 'APP is missing' : 'show takes one APP');
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
        {
          app,
          installation: perms.deployment.installation,
          arch: perms.deployment.arch,
          branch: perms.deployment.branch,
          layers: perms.layers,
          permissions: effectiveReport(perms.effective),
        },
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
  const app = p.positional[0] === undefined ? null : checkApp(p.positional[0]);
  if (p.user && p.system) throw new UsageError('--user and --system cannot be combined');
  const ref = { scope: p.system ? ('system' as const) : ('user' as const), app };
  if (p.reset && (p.changes.length > 0 || p.show))
    throw new UsageError('--reset cannot be combined with changes or --show');
  if (p.system && !p.show) {
    if (!p.reset && p.changes.length === 0)
      throw new UsageError('Nothing to change: give at least one option (see confine help)');
    io.err(
      `error: ${systemOverrideRefusal(core.sandbox, systemOverrideCommand(app, p.reset ? ['--reset'] : p.changeArgs))}\n`,
    );
    return 1;
  }
  if (p.reset) return resetCommand(core, app, io);
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

/**
 * Without a permission store the file is still reset and the exit status is 0: there is nothing
 * the command could have done about portal entries, and a machine without a desktop session (a
 * server, a script over ssh) has none. A store that refuses a removal is a failure (1).
 */
async function resetCommand(core: FlatpakCore, app: string | null, io: CliIo): Promise<number> {
  const r = await resetApp(core, app);
  io.out(r.file.changed ? `Removed ${r.file.path}\n` : `No override file to remove (${r.file.path})\n`);
  if (app !== null) {
    if (r.portalsUnavailable !== undefined)
      io.err(`warning: portal permissions were not reset: ${r.portalsUnavailable}\n`);
    else if (r.portals.length === 0) io.out('No portal permissions to remove\n');
    else
      io.out(
        `Removed ${count(r.portals.length, 'portal permission', 'portal permissions')}: ${r.portals.map((s) => `${s.table}/${s.id}`).join(', ')}\n`,
      );
  }
  for (const f of r.portalFailures) io.err(`error: ${f.message}\n`);
  return r.portalFailures.length > 0 ? 1 : 0;
}

async function audit(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 0) throw new UsageError('audit takes no arguments');
  const report = await auditAll(core);
  if (p.json) {
    io.out(JSON.stringify(report, null, 2) + '\n');
    return 0;
  }
  for (const b of report.brokenGlobals)
    io.err(
      `warning: Flatpak refuses to run ${count(b.apps.length, 'app', 'apps')} until this file is fixed or reset${b.command ? ` (${b.command})` : ''}: ${b.message}\n`,
    );
  const o = report.overview;
  io.out(
    `${o.apps} apps: ${o.canEscape} can escape the sandbox, ${o.readHome} can read your home folder, ${o.network} have the network, ${o.x11} use X11 even on Wayland.\n`,
  );
  io.out(
    `Findings: ${SEVERITIES.map((s) => `${o.bySeverity[s]} ${SEVERITY_LABELS[s].toLowerCase()}`).join(', ')}.\n\n`,
  );
  for (const a of report.apps) {
    const worst = a.findings[0];
    io.out(
      [
        String(a.score).padStart(4),
        a.id,
        a.name,
        a.error
          ? `cannot be read: ${a.error}`
          : worst
            ? `${SEVERITY_LABELS[worst.severity]}: ${worst.title}`
            : 'nothing found',
      ].join('\t') + '\n',
    );
  }
  io.out(`\n${report.limits.map((l) => `Note: ${l}`).join('\n')}\n`);
  return 0;
}

function presetOf(p: Parsed): PresetName {
  const preset = p.preset ?? 'recommended';
  if (!(PRESETS as readonly string[]).includes(preset))
    throw new UsageError(`Unknown preset ${preset}; the presets are ${PRESETS.join(', ')}`);
  return preset as PresetName;
}

async function harden(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  const preset = presetOf(p);
  if (p.all === p.positional.length > 0)
    throw new UsageError(p.all ? '--all cannot be combined with app IDs' : 'Name the apps to harden, or give --all');
  const ids = p.all ? 'all' : p.positional.map((a) => checkApp(a));
  if (p.only && p.skip) throw new UsageError('--only and --skip cannot be combined');
  let previews = await previewHardening(core, ids, preset);
  if (p.only || p.skip) {
    const pick = (v: (typeof previews)[number]) =>
      v.proposals
        .map((x) => x.id)
        .filter((id) => (p.only ? p.only.includes(id) : v.selected.includes(id) && !p.skip?.includes(id)));
    previews = await previewHardening(core, ids, preset, Object.fromEntries(previews.map((v) => [v.appId, pick(v)])));
  }
  const outcomes = p.dryRun
    ? []
    : await applyHardening(
        core,
        preset,
        previews.filter((v) => !v.error).map((v) => ({ appId: v.appId, proposalIds: v.selected })),
      );
  if (p.json) {
    io.out(
      JSON.stringify(
        {
          preset,
          dryRun: p.dryRun,
          apps: previews.map((v) => ({ ...v, result: outcomes.find((o) => o.appId === v.appId) ?? null })),
        },
        (k, v: unknown) => ((k === 'before' || k === 'after') && Buffer.isBuffer(v) ? v.toString('utf8') : v),
        2,
      ) + '\n',
    );
  } else {
    for (const v of previews) {
      io.out(`${v.appId} (${v.name})\n`);
      if (v.error) {
        io.out(`  skipped: ${v.error}\n`);
        continue;
      }
      if (v.proposals.length === 0) io.out('  nothing to change\n');
      for (const prop of v.proposals) {
        const mark = v.selected.includes(prop.id) ? (p.dryRun ? 'would' : 'done ') : 'left ';
        io.out(
          `  ${mark}  ${prop.title}\n         Why: ${prop.reason}\n         It can no longer ${prop.loses}.\n         ${costSentence(prop)}\n`,
        );
      }
      if (v.selected.length > 0) io.out(`  exposure ${v.before.score} → ${v.after.score}\n`);
    }
  }
  const failed = previews.filter((v) => v.error).length + outcomes.filter((o) => !o.ok).length;
  for (const o of outcomes) if (!o.ok) io.err(`error: ${o.appId}: ${o.error.message}\n`);
  return failed > 0 ? 1 : 0;
}

async function exportCommand(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 1) throw new UsageError('export takes at most one FILE');
  if (p.systemTree !== undefined) {
    if (p.positional.length > 0) throw new UsageError('--system-tree writes a folder; leave out FILE');
    const { files, skipped } = await exportSystemTree(core, p.systemTree);
    for (const s of skipped) io.err(`warning: left out ${s}\n`);
    io.out(
      `Wrote ${count(files.length, 'override file', 'override files')}, README.md and playbook.yml to ${p.systemTree}\n`,
    );
    return skipped.length > 0 ? 1 : 0;
  }
  const { file, skipped } = await exportOverrides(core);
  for (const s of skipped) io.err(`warning: left out ${s}\n`);
  for (const o of file.overrides)
    if (o.malformed !== undefined)
      io.err(
        `warning: ${o.app ?? 'global'}${o.scope === 'system' ? ' (system)' : ''} is exported as it is, though Flatpak refuses it: ${o.malformed}\n`,
      );
  const target = p.positional[0];
  if (target === undefined || target === '-') io.out(exportText(file));
  else await writeExportFile(target, file, { replace: false });
  // The export is written, but it is not a whole backup: say so in the exit status too.
  return skipped.length > 0 ? 1 : 0;
}

async function importCommand(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length !== 1) throw new UsageError('import takes one FILE');
  const file = parseExport(await readExportFile(p.positional[0] ?? ''));
  const items = await previewImport(core, file);
  const name = (i: ImportItem) => `${i.app ?? 'global'}${i.scope === 'system' ? ' (system)' : ''}`;
  const what = (i: ImportItem) =>
    [
      i.incoming?.kind === 'link' ? `a link to ${i.incoming.target}` : '',
      i.portals.length ? `with ${count(i.portals.length, 'portal permission', 'portal permissions')}` : '',
      i.malformed ? `as it was, though Flatpak refuses it: ${i.malformed}` : '',
    ]
      .filter(Boolean)
      .join('; ');
  const line = (verb: string, i: ImportItem) => io.out(`${verb}\t${name(i)}${what(i) ? ` (${what(i)})` : ''}\n`);
  for (const i of items.filter((x) => x.status === 'same')) line('unchanged', i);
  const todo = items.filter((i) => i.status !== 'same');
  if (p.dryRun) {
    for (const i of todo) line(i.status === 'new' ? 'would create' : 'would replace', i);
    return 0;
  }
  const { failures, restored } = await applyImport(core, todo);
  for (const i of restored) line(i.status === 'new' ? 'created' : 'replaced', i);
  for (const f of failures) io.err(`error: ${f.appId ?? 'global'}: ${f.error.message}\n`);
  // A backup that is not wholly back is not a success.
  return failures.length > 0 ? 1 : 0;
}

const PORTAL_WORDS: Readonly<Record<PortalRow['state'], string>> = {
  allowed: 'allowed',
  denied: 'denied',
  'not-set': 'not set',
  other: 'kept',
};

async function portals(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length !== 1) throw new UsageError('portals takes one APP');
  const app = checkApp(p.positional[0]);
  const connection = await core.portals();
  if (p.set !== undefined) {
    const m = /^([^=]+)=(allow|deny|unset)$/.exec(p.set);
    if (!m?.[1] || !m[2]) throw new UsageError(`--set takes KEY=allow, KEY=deny or KEY=unset, not ${p.set}`);
    const kind = kindByKey(m[1]);
    const [table, id] = kind
      ? [kind.table, kind.id]
      : [m[1].slice(0, m[1].indexOf('/')), m[1].slice(m[1].indexOf('/') + 1)];
    if (!kind && (!m[1].includes('/') || m[2] !== 'unset'))
      throw new UsageError(
        `${m[1]} is not one of ${PORTAL_KINDS.map((k) => k.key).join(', ')}; another entry is named TABLE/ID and can only be unset`,
      );
    const value = m[2] === 'unset' ? null : m[2] === 'allow' ? (kind?.allowed ?? null) : (kind?.denied ?? null);
    const step = await setPortal(connection, app, table, id, value === null ? null : [...value]);
    io.out(`${table}/${id}: ${describeValue(kind, step.before)} → ${describeValue(kind, step.after)}\n`);
    return 0;
  }
  const view = await portalsView(connection, app);
  if (p.json) {
    io.out(JSON.stringify(view, null, 2) + '\n');
    return view.available ? 0 : 1;
  }
  if (!view.available) {
    io.err(`error: ${view.reason}\n`);
    return 1;
  }
  for (const row of view.rows) {
    const state = row.state === 'other' ? describeValue(kindOf(row.table, row.id), row.value) : PORTAL_WORDS[row.state];
    io.out(`${row.key.padEnd(16)} ${state.padEnd(10)} ${row.label}${row.unavailable ? ` (${row.unavailable})` : ''}\n`);
  }
  return 0;
}

const SEVERITY_MARK: Readonly<Record<Advice['severity'], string>> = {
  ok: 'ok',
  info: 'note',
  warning: 'WARNING',
  critical: 'CRITICAL',
};

function adviceLines(list: readonly Advice[]): string {
  const url = (key: string) => (HELP_LINKS as Readonly<Record<string, string>>)[key] ?? key;
  return list
    .map(
      (a) =>
        `  ${SEVERITY_MARK[a.severity]}: ${a.title}. ${a.detail}\n${a.command ? `      $ ${a.command}\n` : ''}${(a.links ?? []).map((l) => `      see ${url(l)}\n`).join('')}`,
    )
    .join('');
}

async function mac(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 0) throw new UsageError('mac takes no arguments');
  const root = p.root ?? '/';
  if (!(await rootExists(root))) throw new UsageError(`--root ${root} is not a readable folder`);
  const { apps } = await core.listApps();
  const status = await readSystemStatus(
    hostFs(root),
    core.version.detected ? formatVersion(core.version.version) : null,
    apps,
  );
  if (p.json) {
    io.out(JSON.stringify(status, null, 2) + '\n');
    return 0;
  }
  io.out(`${status.verdict.text}\n${machineLine(status)}\n`);
  const general = adviceFor(status, 'machine');
  if (general.length) io.out(`\n${adviceLines(general)}`);
  for (const card of systemCards(status)) {
    io.out(`\n${card.title}: ${card.headline}\n`);
    for (const [label, value] of card.facts) io.out(`  ${label}: ${value}\n`);
    io.out(adviceLines(adviceFor(status, card.topic)));
  }
  return 0;
}

function completion(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  const [shell, ...more] = p.positional;
  if (shell === undefined || more.length > 0 || !isShell(shell))
    throw new UsageError(`completion takes one SHELL: ${SHELLS.join(', ')}`);
  io.out(completionScript(shell, core.version.version));
  return Promise.resolve(0);
}

type Command = (core: FlatpakCore, p: Parsed, io: CliIo) => Promise<number>;

const COMMANDS: Readonly<Record<CommandName, Command>> = {
  list,
  show,
  override,
  audit,
  harden,
  export: exportCommand,
  import: importCommand,
  portals,
  mac,
  verify: verifyCommand,
  completion,
};

const HELP_WORDS = ['help', '--help', '-h'];

/** The first words that make `confine` run as this tool rather than open its window. */
export const CLI_COMMANDS: ReadonlySet<string> = new Set([...Object.keys(COMMANDS), ...HELP_WORDS, '--version']);

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === '--version') {
      if (rest.length > 0) throw new UsageError('--version takes nothing more');
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
        throw new UsageError(`Unknown command ${rest.join(' ')}; see confine help`);
      io.out(commandHelp(topic));
      return 0;
    }
    if (!isCommand(command)) throw new UsageError(`Unknown command ${command}; see confine help`);
    if (wantsHelp(rest)) {
      io.out(commandHelp(command));
      return 0;
    }
    checkOptions(command, rest);
    const core = await FlatpakCore.create({ env: io.env });
    try {
      return await COMMANDS[command](core, parseArgs(command, rest, core.version.version), io);
    } finally {
      // The session bus connection of `portals` would keep the process alive.
      await core.close();
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

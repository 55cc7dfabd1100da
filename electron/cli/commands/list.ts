import { effectiveReport } from '../../../shared/flatpak/report';
import { formatVersion } from '../../../shared/flatpak/version';
import type { CapabilityId } from '../../../shared/hardening/capabilities';
import type { AppPermissions, FlatpakCore } from '../../services/core';
import { keepListOutput, keptListOutput } from '../../services/list-output';
import type { AppInfo } from '../../../shared/model';
import { t } from '../../../shared/i18n';
import { LINE, USAGE, type CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

export async function list(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 0) throw new UsageError(t(USAGE.noArguments, { command: 'list' }));
  const filtered = p.can !== undefined;
  // Portal grants (--can) live on the session bus, outside what the kept output is made from.
  if (p.json && !filtered) return listJson(core, io);
  const [{ apps: all, permissions: perms, warnings }, grants, table] = await Promise.all([
    // (--json without --can was answered above: here permissions are wanted only to filter.)
    core.snapshot({ permissions: filtered }),
    // Portal grants come from the session bus: only --can needs them, and the D-Bus library.
    filtered ? import('../../services/portals').then(({ grantsOf }) => grantsOf(core)) : undefined,
    // So does the capability table, and the audit rules it draws on.
    filtered ? import('../../../shared/hardening/capabilities') : undefined,
  ]);
  const wanted = table ? (p.can ?? []).filter(table.isCapabilityId) : [];
  for (const w of warnings) io.err(t(LINE.warning, { message: w }));
  // An app whose permissions Flatpak refuses to compute does not run, so it can do nothing.
  const capabilities = new Map<string, CapabilityId[]>();
  if (grants && table)
    for (const [id, p2] of perms)
      if (p2.context) capabilities.set(id, table.capabilitiesOf(p2.context, grants.get(id)));
  const apps = table ? all.filter((a) => table.hasAll(capabilities.get(a.id) ?? [], wanted)) : all;
  if (!p.json) {
    for (const a of apps) {
      const d = a.deployments[0];
      io.out(
        [a.id, a.name, a.version ?? '', d?.branch ?? '', a.deployments.map(installationWord).join(',')].join('\t') +
          '\n',
      );
    }
    return 0;
  }
  io.out(jsonOf(core, apps, perms, capabilities) + '\n');
  return 0;
}

/** An installation as `flatpak list` names it: user, system (the default system installation,
 *  `default` inside Flatpak), or "system (ID)" for one of installations.d. */
function installationWord(d: AppInfo['deployments'][number]): string {
  return d.kind === 'custom' ? `system (${d.installation})` : d.kind;
}

function jsonOf(
  core: FlatpakCore,
  apps: readonly AppInfo[],
  perms: ReadonlyMap<string, AppPermissions>,
  capabilities?: ReadonlyMap<string, CapabilityId[]>,
): string {
  const rows = apps.map((a) => {
    const p2 = perms.get(a.id);
    return {
      ...a,
      permissions: p2?.effective ? effectiveReport(p2.effective) : null,
      ...(capabilities ? { capabilities: capabilities.get(a.id) ?? [] } : {}),
      ...(p2?.error ? { error: p2.error } : {}),
    };
  });
  return JSON.stringify({ flatpakVersion: formatVersion(core.version.version), apps: rows }, null, 2);
}

/** `list --json`: printed again from the cache when nothing it is made from has changed. */
async function listJson(core: FlatpakCore, io: CliIo): Promise<number> {
  const inputs = await core.readInputs();
  for (const w of inputs.warnings) io.err(t(LINE.warning, { message: w }));
  const kept = inputs.text === undefined ? undefined : keptListOutput(io.env, inputs.text);
  if (kept !== undefined) {
    io.out(kept);
    return 0;
  }
  const { snapshot, text } = await inputs.read();
  const output = jsonOf(core, snapshot.apps, snapshot.permissions) + '\n';
  io.out(output);
  if (text !== undefined) await keepListOutput(io.env, text, output);
  return 0;
}

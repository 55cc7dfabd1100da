import { effectiveReport } from '../../../shared/flatpak/report';
import { formatVersion } from '../../../shared/flatpak/version';
import type { CapabilityId } from '../../../shared/hardening/capabilities';
import type { FlatpakCore } from '../../services/core';
import { t } from '../../../shared/i18n';
import { LINE, USAGE, type CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

export async function list(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length > 0) throw new UsageError(t(USAGE.noArguments, { command: 'list' }));
  const filtered = p.can !== undefined;
  const [{ apps: all, permissions: perms, warnings }, grants, table] = await Promise.all([
    core.snapshot({ permissions: p.json || filtered }),
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
  // The line's end written apart: added to the text, it made a copy of all of it (~0.4 MB at
  // 200 apps) to write as one.
  io.out(JSON.stringify({ flatpakVersion: formatVersion(core.version.version), apps: rows }, null, 2));
  io.out('\n');
  return 0;
}

import { effectiveReport } from '../../../shared/flatpak/report';
import { renderShowPermissions } from '../../../shared/flatpak/show';
import type { FlatpakCore } from '../../services/core';
import { defineMessages, t } from '../../../shared/i18n';
import { checkApp, LINE, USAGE, type CliIo } from '../command';

const M = defineMessages({
  noPermissions: { id: 'cli.show.cannot-compute', defaultMessage: 'cannot compute the permissions' },
});
import { UsageError, type Parsed } from '../options';

export async function show(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  // No APP at all is said by checkApp.
  if (p.positional.length > 1) throw new UsageError(t(USAGE.takesOne, { command: 'show', operand: 'APP' }));
  const app = checkApp(p.positional[0]);
  const perms = await core.appPermissions(app, p.installation);
  if (perms.error || !perms.context || !perms.effective) {
    io.err(t(LINE.error, { message: perms.error ?? t(M.noPermissions) }));
    return 1;
  }
  for (const layer of perms.layers) {
    if (layer.state === 'unreadable') io.err(t(LINE.warning, { message: layer.message }));
    for (const w of layer.warnings ?? []) io.err(t(LINE.warning, { message: `${layer.path}: ${w}` }));
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

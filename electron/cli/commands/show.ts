import { effectiveReport } from '../../../shared/flatpak/report';
import { renderShowPermissions } from '../../../shared/flatpak/show';
import type { FlatpakCore } from '../../services/core';
import { checkApp, type CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

export async function show(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
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

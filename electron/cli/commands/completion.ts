import type { FlatpakCore } from '../../services/core';
import { defineMessages, t } from '../../../shared/i18n';
import type { CliIo } from '../command';

const M = defineMessages({
  oneShell: {
    id: 'cli.completion.one-shell',
    defaultMessage: '{command} takes one {shell}: {shells}',
    description: 'command: completion; shell: the metavariable SHELL; shells: bash, zsh, fish',
  },
});
import { completionScript } from '../completion';
import { isShell, loadWords, SHELLS, UsageError, type Parsed } from '../options';

export async function completion(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  const [shell, ...more] = p.positional;
  if (shell === undefined || more.length > 0 || !isShell(shell))
    throw new UsageError(t(M.oneShell, { command: 'completion', shell: 'SHELL', shells: SHELLS.join(', ') }));
  // The script offers every option's words.
  await loadWords(['rules', 'capabilities', 'settings']);
  io.out(completionScript(shell, core.version.version));
  return 0;
}

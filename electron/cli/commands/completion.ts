import type { FlatpakCore } from '../../services/core';
import type { CliIo } from '../command';
import { completionScript } from '../completion';
import { isShell, SHELLS, UsageError, type Parsed } from '../options';

export function completion(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  const [shell, ...more] = p.positional;
  if (shell === undefined || more.length > 0 || !isShell(shell))
    throw new UsageError(`completion takes one SHELL: ${SHELLS.join(', ')}`);
  io.out(completionScript(shell, core.version.version));
  return Promise.resolve(0);
}

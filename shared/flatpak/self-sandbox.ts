// Confine run as a Flatpak: what its own sandbox is (read by the services from /.flatpak-info,
// which Flatpak writes into every sandbox and nowhere else), and what Confine says about what it
// cannot do from in there, with the command that does it instead. Pure: the services detect,
// this decides the words.

import { defineMessages, t } from '../i18n';
import { KeyFile } from '../keyfile/keyfile';
import type { InstallationInfo } from '../model';
import { shellQuote } from './shell-quote';
import { parseVersion, type Version } from './version';

export interface SelfSandbox {
  /** The app ID Flatpak runs Confine as ([Application] name). */
  readonly appId: string;
  /** The flatpak that started the sandbox ([Instance] flatpak-version): the one that reads the
   *  override files, asked here because no `flatpak` runs inside the sandbox. */
  readonly flatpakVersion?: Version;
}

/** /.flatpak-info's text as Flatpak writes it (flatpak-run.c); null when it names no app. */
export function parseFlatpakInfo(text: string): SelfSandbox | null {
  const parsed = KeyFile.parse(text);
  if (!parsed.ok) return null;
  const appId = parsed.file.getString('Application', 'name')?.value;
  if (!appId) return null;
  const version = parseVersion(parsed.file.getString('Instance', 'flatpak-version')?.value ?? '');
  return version ? { appId, flatpakVersion: version } : { appId };
}

/** The command, run on the host, that lets the sandboxed Confine read a folder. */
export function grantReadCommand(sandbox: SelfSandbox, path: string): string {
  return ['flatpak', 'override', '--user', sandbox.appId, `--filesystem=${path}:ro`].map(shellQuote).join(' ');
}

const M = defineMessages({
  unreachable: {
    id: 'permission.self-sandbox.unreachable-installation',
    defaultMessage:
      '{path}: Confine cannot see the installation “{installation}” from inside its Flatpak sandbox, so its apps are not listed. If it exists, let Confine read it by running on the host: {command}',
    description: 'A warning; path is a folder, installation the installation’s ID, command a shell command',
  },
  refusedInSandbox: {
    id: 'permission.self-sandbox.system-override-refused',
    defaultMessage:
      'System overrides cannot be written from inside Confine’s Flatpak sandbox: the system installation is read-only there. Run this on the host instead (as an administrator): {command}',
    description: 'command is a flatpak override --system command line',
  },
  userOnly: {
    id: 'permission.self-sandbox.user-overrides-only',
    defaultMessage:
      'Confine writes only your own ({option}) overrides. A system-wide one is written by flatpak with administrator rights: {command}',
    description: 'option is --user; command is a flatpak override --system command line',
  },
});

/** Said of an installation whose folder cannot be seen from inside the sandbox. */
export function unreachableInstallation(sandbox: SelfSandbox, inst: InstallationInfo): string {
  return t(M.unreachable, { path: inst.path, installation: inst.id, command: grantReadCommand(sandbox, inst.path) });
}

/** The `flatpak override --system` command that makes the change a user asked Confine for. */
export function systemOverrideCommand(appId: string | null, args: readonly string[]): string {
  return ['flatpak', 'override', '--system', ...args, ...(appId === null ? [] : [appId])].map(shellQuote).join(' ');
}

/** Why a system override is not written, and what to run instead. */
export function systemOverrideRefusal(sandbox: SelfSandbox | null, command: string): string {
  return sandbox ? t(M.refusedInSandbox, { command }) : t(M.userOnly, { option: '--user', command });
}

// Quoting for a POSIX shell, used wherever Confine shows a command to copy.

/** Quotes an argument for a POSIX shell only where needed. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./~-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

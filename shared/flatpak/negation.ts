// Flatpak's leading `!`: in a flag list it denies the flag, in `filesystems` it takes the path
// away, in a generic policy it removes the value. Every list reads and writes it the same way.

export interface Negation {
  readonly negated: boolean;
  /** The token without its `!`. */
  readonly name: string;
}

export function parseNegation(token: string): Negation {
  return token.startsWith('!') ? { negated: true, name: token.slice(1) } : { negated: false, name: token };
}

export function formatNegation(name: string, negated: boolean): string {
  return negated ? `!${name}` : name;
}

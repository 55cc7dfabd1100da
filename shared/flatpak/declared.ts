// What an app declares (its metadata's permissions), as the `flatpak override` options that
// would grant or revoke the same, and what changed between two such lists: the words a user
// reads in `confine review` and gives back to keep or deny one item.

import type { FlagKind } from './catalogue';
import { BUS_POLICY_RANK, type Context } from './context';
import type { Change } from './edit';
import type { FsMode } from './filesystem';
import { layerFromChanges, overrideArgs, parseChangeOption, shellQuote } from './override-args';
import type { Version } from './version';

/** The declared permissions of a context, one `--option=value` each, in the order
 *  `flatpak override` takes them (flags first, as Flatpak lists its own). */
export function declaredItems(context: Context): string[] {
  return overrideArgs(context);
}

export interface DeclaredDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export function diffDeclared(seen: readonly string[], now: readonly string[]): DeclaredDiff {
  const before = new Set(seen);
  const after = new Set(now);
  return { added: now.filter((i) => !before.has(i)), removed: seen.filter((i) => !after.has(i)) };
}

export const isEmptyDiff = (d: DeclaredDiff): boolean => d.added.length === 0 && d.removed.length === 0;

/** `--share=network` → the changes it stands for; undefined for anything that is not an option. */
export function itemChanges(item: string, version: Version): Change[] | undefined {
  const m = /^--([a-z-]+)=(.*)$/s.exec(item);
  if (!m?.[1] || m[2] === undefined || m[1] === 'default') return undefined;
  const parsed = parseChangeOption(m[1], m[2], version);
  return parsed.ok ? parsed.changes : undefined;
}

/** The items as `declaredItems` writes them, so `--filesystem=home:rw` finds `--filesystem=home`. */
export function canonicalItems(item: string, version: Version): string[] | undefined {
  const changes = itemChanges(item, version);
  return changes && declaredItems(layerFromChanges(changes));
}

const FS_RANK: Readonly<Record<FsMode, number>> = { none: 0, ro: 1, rw: 2, create: 3 };

/**
 * The change that takes back what an added item gives beyond what the user saw: the entry goes
 * back to the value it had in `seen` (revoked where it had none), written as an explicit entry
 * of the user's override so that it holds. Undefined where the item gives nothing more (a newly
 * declared revoke, a narrower mode) or cannot be taken back (`--persist`, which Flatpak cannot
 * revoke).
 */
export function denialOf(item: string, seen: readonly string[], version: Version): Change | undefined {
  const changes = itemChanges(item, version);
  const change = changes?.[changes.length - 1];
  if (change === undefined) return undefined;
  const before = layerFromChanges(seen.flatMap((s) => itemChanges(s, version) ?? []));
  switch (change.kind) {
    case 'filesystems': {
      const was = before.filesystems.get(change.path) ?? 'none';
      const now = change.value ?? 'none';
      return FS_RANK[now] > FS_RANK[was] ? { ...change, value: was } : undefined;
    }
    case 'bus': {
      const was = before.bus[change.bus].get(change.name) ?? 'none';
      const now = change.value ?? 'none';
      return BUS_POLICY_RANK[now] > BUS_POLICY_RANK[was] ? { ...change, value: was } : undefined;
    }
    case 'environment': {
      if (change.value === null || change.value === undefined) return undefined;
      const was = before.env.has(change.name) ? (before.env.get(change.name) ?? null) : null;
      return { ...change, value: was };
    }
    case 'persistent':
    case 'filesystem-reset':
      return undefined;
    default: {
      const kind: FlagKind = change.kind;
      const was = before.flags[kind].get(change.name) ?? false;
      return change.value === true && !was ? { kind, name: change.name, value: false } : undefined;
    }
  }
}

/** `--default=KIND:VALUE` for a change: what returns its entry to what the app declares. */
function defaultArg(change: Change): string | undefined {
  switch (change.kind) {
    case 'filesystems':
      return `--default=filesystems:${change.path}`;
    case 'bus':
      return `--default=${change.bus}-bus:${change.name}`;
    case 'environment':
      return `--default=environment:${change.name}`;
    case 'persistent':
    case 'filesystem-reset':
      return undefined;
    default:
      return `--default=${change.kind}:${change.name}`;
  }
}

/** The command that gives an app back what was denied of these items: their entries return to
 *  what the app declares. */
export function allowCommand(appId: string, items: readonly string[], version: Version): string {
  const args = items.flatMap((item) => {
    const changes = itemChanges(item, version);
    const last = changes?.[changes.length - 1];
    const arg = last && defaultArg(last);
    return arg ? [arg] : [];
  });
  return ['confine', 'override', ...args, appId].map(shellQuote).join(' ');
}

// Changes in words, for the undo history: "revoke Network", "set Downloads folder to read only".
// Every name comes from the catalogue, so a permission reads the same here as on its row.

import { count } from '../plural';
import {
  BUS_POLICIES,
  FILESYSTEM_MODE,
  FILESYSTEM_RESET,
  OTHER_OPTIONS,
  filesystemLabel,
  flagOption,
} from './catalogue';
import type { Change } from './edit';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** One change as an imperative phrase that reads after "Undo: ". */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'filesystems': {
      const what = filesystemLabel(change.path);
      return change.value === undefined
        ? `return ${what} to its default`
        : `set ${what} to ${lowerFirst(FILESYSTEM_MODE[change.value].label)}`;
    }
    case 'filesystem-reset':
      return change.value ? lowerFirst(FILESYSTEM_RESET.label) : `keep inherited file access`;
    case 'persistent':
      return `${change.value ? 'add' : 'remove'} the persistent folder ~/${change.path}`;
    case 'environment':
      return change.value === undefined
        ? `return ${change.name} to its default`
        : change.value === null
          ? `remove ${change.name} from the environment`
          : `set ${change.name}`;
    case 'bus': {
      const bus = lowerFirst((change.bus === 'session' ? OTHER_OPTIONS.sessionBus : OTHER_OPTIONS.systemBus).label);
      const policy = BUS_POLICIES.find((p) => p.name === change.value);
      return policy
        ? `set ${change.name} on the ${bus} to ${lowerFirst(policy.label)}`
        : `return ${change.name} on the ${bus} to its default`;
    }
    default: {
      const label = flagOption(change.kind, change.name)?.label ?? change.name;
      return change.value === undefined
        ? `return ${label} to its default`
        : `${change.value ? 'grant' : 'revoke'} ${label}`;
    }
  }
}

/** A save of one or more changes: the change itself when alone, else how many. */
export function describeChanges(changes: readonly Change[]): string {
  const [only] = changes;
  return changes.length === 1 && only ? describeChange(only) : `make ${count(changes.length, 'change', 'changes')}`;
}

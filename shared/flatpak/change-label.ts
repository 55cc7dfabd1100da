// Changes in words, for the undo history: "revoke Network", "set Downloads folder to read only".
// Every name comes from the catalogue, so a permission reads the same here as on its row.

import { defineMessages, t } from '../i18n';
import { filesystemLabel, flagOption } from './catalogue';
import type { Change } from './edit';

const M = defineMessages({
  toDefault: {
    id: 'change.default',
    defaultMessage: 'return {what} to its default',
    description:
      'An imperative phrase that follows “Undo: ” in the undo history (small first letter where the language allows); what is a permission’s label, a path or an environment variable’s name',
  },
  setFilesystem: {
    id: 'change.filesystems.set',
    defaultMessage:
      'set {what} to {mode, select, none {no access} ro {read only} rw {read and write} other {read, write and create}}',
    description:
      'An imperative phrase that follows “Undo: ” in the undo history (small first letter where the language allows); what is a folder’s label or a path',
  },
  forgetInherited: {
    id: 'change.filesystem-reset.on',
    defaultMessage: 'forget inherited file access',
    description:
      'An imperative phrase that follows “Undo: ” in the undo history (small first letter where the language allows)',
  },
  keepInherited: {
    id: 'change.filesystem-reset.off',
    defaultMessage: 'keep inherited file access',
    description:
      'An imperative phrase that follows “Undo: ” in the undo history (small first letter where the language allows)',
  },
  addPersistent: {
    id: 'change.persistent.add',
    defaultMessage: 'add the persistent folder {path}',
    description:
      'An imperative phrase that follows “Undo: ” in the undo history (small first letter where the language allows); path is a folder of the home folder: ~/.mozilla',
  },
  removePersistent: {
    id: 'change.persistent.remove',
    defaultMessage: 'remove the persistent folder {path}',
    description:
      'An imperative phrase that follows “Undo: ” in the undo history (small first letter where the language allows); path is a folder of the home folder: ~/.mozilla',
  },
  removeVariable: {
    id: 'change.environment.remove',
    defaultMessage: 'remove {name} from the environment',
    description:
      'An imperative phrase that follows “Undo: ” in the undo history (small first letter where the language allows); name is an environment variable’s name',
  },
  setVariable: {
    id: 'change.environment.set',
    defaultMessage: 'set {name}',
    description:
      'An imperative phrase that follows “Undo: ” in the undo history (small first letter where the language allows); name is an environment variable’s name',
  },
  setBusName: {
    id: 'change.bus.set',
    defaultMessage:
      'set {name} on the {bus, select, session {session bus} other {system bus}} to {policy, select, none {none} see {see} talk {talk} other {own}}',
    description:
      'An imperative phrase that follows “Undo: ” in the undo history (small first letter where the language allows); name is a D-Bus name; policy the access level (see permission.bus-policy.*)',
  },
  busNameToDefault: {
    id: 'change.bus.default',
    defaultMessage: 'return {name} on the {bus, select, session {session bus} other {system bus}} to its default',
    description:
      'An imperative phrase that follows “Undo: ” in the undo history (small first letter where the language allows); name is a D-Bus name',
  },
  grant: {
    id: 'change.flag.grant',
    defaultMessage: 'grant {permission}',
    description:
      'An imperative phrase that follows “Undo: ” in the undo history (small first letter where the language allows); permission is a permission’s label: “grant Network”',
  },
  revoke: {
    id: 'change.flag.revoke',
    defaultMessage: 'revoke {permission}',
    description:
      'An imperative phrase that follows “Undo: ” in the undo history (small first letter where the language allows); permission is a permission’s label: “revoke Network”',
  },
  several: {
    id: 'change.several',
    defaultMessage: 'make {count, plural, one {# change} other {# changes}}',
    description:
      'An imperative phrase that follows “Undo: ” in the undo history (small first letter where the language allows): several changes saved together',
  },
});

/** One change as an imperative phrase that reads after "Undo: ". */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'filesystems': {
      const what = filesystemLabel(change.path);
      return change.value === undefined ? t(M.toDefault, { what }) : t(M.setFilesystem, { what, mode: change.value });
    }
    case 'filesystem-reset':
      return t(change.value ? M.forgetInherited : M.keepInherited);
    case 'persistent':
      return t(change.value ? M.addPersistent : M.removePersistent, { path: `~/${change.path}` });
    case 'environment':
      return change.value === undefined
        ? t(M.toDefault, { what: change.name })
        : change.value === null
          ? t(M.removeVariable, { name: change.name })
          : t(M.setVariable, { name: change.name });
    case 'bus':
      return change.value === undefined
        ? t(M.busNameToDefault, { name: change.name, bus: change.bus })
        : t(M.setBusName, { name: change.name, bus: change.bus, policy: change.value });
    default: {
      const permission = flagOption(change.kind, change.name)?.label ?? change.name;
      return change.value === undefined
        ? t(M.toDefault, { what: permission })
        : t(change.value ? M.grant : M.revoke, { permission });
    }
  }
}

/** A save of one or more changes: the change itself when alone, else how many. */
export function describeChanges(changes: readonly Change[]): string {
  const [only] = changes;
  return changes.length === 1 && only ? describeChange(only) : t(M.several, { count: changes.length });
}

// What every editable row needs: whether this is the global page, whether editing is locked
// (a malformed file), the unsaved changes, and the way to make one.

import { useShallow } from 'zustand/react/shallow';
import { changeKey, type Change } from '../../../shared/flatpak/edit';
import type { LayerId } from '../../../shared/flatpak/merge';
import { useStore } from '../store';
import { samePage } from '../store/selection';

export interface Editor {
  readonly isGlobal: boolean;
  readonly readOnly: boolean;
  /** The layer the user edits: the app's own override or the global one. */
  readonly ownLayer: LayerId;
  readonly pendingFor: (change: Change) => Change | undefined;
  readonly change: (change: Change) => void;
}

export function useEditor(): Editor {
  const { selected, view, viewFor, pending, pendingFor, queueChange } = useStore(
    useShallow((s) => ({
      selected: s.selected,
      view: s.view,
      viewFor: s.viewFor,
      pending: s.pending,
      pendingFor: s.pendingFor,
      queueChange: s.queueChange,
    })),
  );
  const isGlobal = selected?.kind === 'global';
  return {
    isGlobal,
    readOnly: !samePage(viewFor, selected) || !view || !!view.error,
    ownLayer: isGlobal ? 'user-global' : 'user-app',
    pendingFor: (change) => (samePage(pendingFor, selected) ? pending.get(changeKey(change)) : undefined),
    change: queueChange,
  };
}

/** The kind of change that sets an entry of kind K (every flag kind shares one). */
export type ChangeOf<K extends Change['kind']> = Change extends infer T
  ? T extends { readonly kind: infer TK }
    ? K extends TK
      ? T
      : never
    : never
  : never;
export type EntryValue<K extends Change['kind']> = Exclude<ChangeOf<K>['value'], undefined>;

export interface RowState<V> {
  /** What the row shows; undefined where the edited layer has no entry and the row shows that. */
  readonly value: V | undefined;
  /** A change of this entry waits to be saved. */
  readonly pending: boolean;
  /** The saved entry comes from the layer the user edits. */
  readonly mine: boolean;
  /** Marked as changed by you: your own saved entry, or one about to be saved. */
  readonly changed: boolean;
}

/**
 * A row's shown state: the value of a change not yet saved, else the saved value. A pending
 * change back to the default (no entry) shows as no entry where the row shows the edited layer's
 * own entry (`showsOwnEntry`: the global page, the reset switch); a row showing the effective
 * value keeps the saved one, as what the layers below give is known only once the save is read back.
 */
export function rowState<C extends Change>(
  editor: Editor,
  change: C,
  saved: EntryValue<C['kind']> | undefined,
  source: LayerId | undefined,
  showsOwnEntry = false,
): RowState<EntryValue<C['kind']>> {
  // The change waiting has the same kind as `change`: its key holds the kind.
  const pending = editor.pendingFor(change);
  const mine = source !== undefined && source === editor.ownLayer;
  let value = saved;
  if (pending)
    value = pending.value !== undefined ? (pending.value as EntryValue<C['kind']>) : showsOwnEntry ? undefined : saved;
  return { value, pending: !!pending, mine, changed: mine || !!pending };
}

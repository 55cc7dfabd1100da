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
    useShallow((s) => ({ selected: s.selected, view: s.view, viewFor: s.viewFor, pending: s.pending, pendingFor: s.pendingFor, queueChange: s.queueChange })),
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

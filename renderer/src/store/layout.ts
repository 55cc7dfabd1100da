// Which pane a narrow window shows, as libadwaita's navigation split view does: below the
// breakpoint the list and the page take turns at the full width; above it both are shown and
// the pane is ignored.

import { useSyncExternalStore } from 'react';
import { create } from 'zustand';

/**
 * Below this width the window shows one pane at a time. The narrowest sidebar (220 px) beside a
 * page that still reads well (about 380 px) needs 600. styles.css repeats the number in its media
 * query, which cannot read a variable.
 */
export const NARROW_MAX_WIDTH = 599;
const QUERY = `(max-width: ${NARROW_MAX_WIDTH}px)`;

/** Whether the window is narrow now, for code that reads it once. */
// jsdom, which the component tests run in, has no matchMedia: there the window is wide.
export const isNarrow = (): boolean => typeof window.matchMedia === 'function' && window.matchMedia(QUERY).matches;

export type Pane = 'list' | 'content';

export interface LayoutState {
  pane: Pane;
  /** Where focus goes once the pane has been drawn; null when nothing asked. */
  focus: Pane | null;
  showContent: () => void;
  showList: () => void;
  focused: () => void;
}

export const useLayout = create<LayoutState>()((set) => ({
  // A phone-sized window opens on the list, as Settings does; a wide one that is narrowed later
  // keeps the page it shows.
  pane: isNarrow() ? 'list' : 'content',
  focus: null,
  showContent: () => set({ pane: 'content', focus: 'content' }),
  showList: () => set({ pane: 'list', focus: 'list' }),
  focused: () => set({ focus: null }),
}));

function subscribe(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

/** Whether the window is narrow enough to show one pane at a time; follows resizing. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, isNarrow);
}

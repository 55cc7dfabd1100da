// A permission group whose heading is a disclosure button, and the jump list that reaches any
// group at once: it unfolds the group, scrolls its heading into view and puts the focus on it.

import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { selectFolded } from '../store/folds';
import type { GroupEntry } from './page-summary';

function Chevron() {
  return (
    <svg className="fold__chevron" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M6 3.5 10.5 8 6 12.5" />
    </svg>
  );
}

/** A group as in Controls' Group, with its heading (the element of `id`) folding it. */
export function FoldGroup({
  title,
  description,
  children,
  id,
}: {
  title: string;
  description?: string;
  children: ReactNode;
  id: string;
}) {
  const folded = useStore(selectFolded(id));
  const setFolded = useStore((s) => s.setFolded);
  return (
    <section className={`group fold${folded ? ' fold--folded' : ''}`} aria-labelledby={id}>
      <h2 className="group__title fold__heading">
        <button
          type="button"
          id={id}
          className="fold__toggle"
          aria-expanded={!folded}
          aria-controls={`${id}-body`}
          onClick={() => setFolded([id], !folded)}
        >
          <Chevron />
          {title}
        </button>
      </h2>
      <div id={`${id}-body`} className="fold__body" hidden={folded}>
        {description ? <p className="group__description">{description}</p> : null}
        <div className="group__box">{children}</div>
      </div>
    </section>
  );
}

/** Moves to a group: unfolds it, then scrolls its heading into view and focuses it. */
function useJump(): (id: string) => void {
  const setFolded = useStore((s) => s.setFolded);
  return (id) => {
    setFolded([id], false);
    const heading = document.getElementById(id);
    if (!heading) return;
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  };
}

function label(g: GroupEntry): string {
  const parts = [g.label];
  if (g.granted > 0) parts.push(`${g.granted} granted`);
  if (g.changed > 0) parts.push(`${g.changed} changed by you`);
  return parts.join(', ');
}

/** The groups by name with their counts, and a way to fold or unfold them all. */
export function JumpList({ groups }: { groups: readonly GroupEntry[] }) {
  const jump = useJump();
  const ids = groups.map((g) => g.id);
  const { setFolded, anyOpen, anyFolded } = useStore(
    useShallow((s) => ({
      setFolded: s.setFolded,
      anyOpen: ids.some((id) => s.folded[id] !== true),
      anyFolded: ids.some((id) => s.folded[id] === true),
    })),
  );
  return (
    <nav className="jump" aria-label="Permission groups">
      <ul className="jump__list">
        {groups.map((g) => (
          <li key={g.id}>
            <a
              className="jump__link"
              href={`#${g.id}`}
              aria-label={label(g)}
              title={label(g)}
              onClick={(e) => {
                e.preventDefault();
                jump(g.id);
              }}
            >
              {g.label}
              {g.granted > 0 ? (
                <span className="jump__count" aria-hidden="true">
                  {g.granted}
                </span>
              ) : null}
              {g.changed > 0 ? (
                <span className="jump__changed" aria-hidden="true">
                  {g.changed}
                </span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
      <div className="jump__actions">
        <span className="jump__legend" aria-hidden="true">
          <span className="jump__count">n</span> granted <span className="jump__changed">n</span> changed by you
        </span>
        <button
          type="button"
          className="button button--flat"
          disabled={!anyFolded}
          onClick={() => setFolded(ids, false)}
        >
          Expand all
        </button>
        <button type="button" className="button button--flat" disabled={!anyOpen} onClick={() => setFolded(ids, true)}>
          Collapse all
        </button>
      </div>
    </nav>
  );
}

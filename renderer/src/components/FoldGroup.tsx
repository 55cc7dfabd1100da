// A permission group whose heading is a disclosure button, and the jump list that reaches any
// group at once: it unfolds the group, scrolls its heading into view and puts the focus on it.

import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { selectFolded } from '../store/folds';
import type { GroupEntry } from './page-summary';
import { rich } from './rich';
import { defineMessages, t } from '../../../shared/i18n';

const M = defineMessages({
  entry: {
    id: 'ui.jump-list.entry',
    defaultMessage:
      '{group}{granted, plural, =0 {} one {, # granted} other {, # granted}}{changed, plural, =0 {} one {, # changed by you} other {, # changed by you}}',
    description:
      'Accessible name of a link in the list of permission groups; group is its name (Network), granted how many entries give the app something, changed how many you changed',
  },
  nav: {
    id: 'ui.jump-list.label',
    defaultMessage: 'Permission groups',
    description: 'Accessible name of the list of links to the permission groups of a page',
  },
  legend: {
    id: 'ui.jump-list.legend',
    defaultMessage: '{grantedMark} granted {changedMark} changed by you',
    description:
      'Legend of the two counts on each link: grantedMark and changedMark are small badges showing the letter "n"',
  },
  expand: {
    id: 'ui.jump-list.expand-all',
    defaultMessage: 'Expand all',
    description: 'Button that unfolds every group',
  },
  collapse: {
    id: 'ui.jump-list.collapse-all',
    defaultMessage: 'Collapse all',
    description: 'Button that folds every group',
  },
});

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

const label = (g: GroupEntry): string => t(M.entry, { group: g.label, granted: g.granted, changed: g.changed });

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
    <nav className="jump" aria-label={t(M.nav)}>
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
          {rich(
            M.legend,
            {},
            {
              grantedMark: <span className="jump__count">n</span>,
              changedMark: <span className="jump__changed">n</span>,
            },
          )}
        </span>
        <button
          type="button"
          className="button button--flat"
          disabled={!anyFolded}
          onClick={() => setFolded(ids, false)}
        >
          {t(M.expand)}
        </button>
        <button type="button" className="button button--flat" disabled={!anyOpen} onClick={() => setFolded(ids, true)}>
          {t(M.collapse)}
        </button>
      </div>
    </nav>
  );
}

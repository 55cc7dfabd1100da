import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { selectApps } from '../store/selectors';
import { Dialog } from './Dialog';
import { defineMessages, formatList, t } from '../../../shared/i18n';
import { COMMON } from '../i18n/messages';
import { rich } from './rich';

const M = defineMessages({
  title: { id: 'ui.import-dialog.title', defaultMessage: 'Import overrides' },
  summary: {
    id: 'ui.import-dialog.summary',
    defaultMessage: '{count, plural, one {# file} other {# files}} to import',
    description: 'Beside the dialog’s buttons: how many override files are ticked',
  },
  import: { id: 'ui.import-dialog.import', defaultMessage: 'Import', description: 'Button' },
  from: {
    id: 'ui.import-dialog.from',
    defaultMessage: 'From {path}. Each app’s override and portal permissions replace yours; you can undo the import.',
    description: 'path is the export file',
  },
  globalId: {
    id: 'ui.import-dialog.global-id',
    defaultMessage: 'global override',
    description: 'Shown in place of an app ID beside “All applications”',
  },
  withPortals: {
    id: 'ui.import-dialog.with-portals',
    defaultMessage: '{status} · with {count, plural, one {# portal permission} other {# portal permissions}}',
    description: 'status is one of ui.import-dialog.status.*',
  },
  malformed: {
    id: 'ui.import-dialog.malformed',
    defaultMessage: 'Restored exactly as it was, though Flatpak refuses it: {problem}',
    description: 'problem is what is wrong with the file (from the parser)',
  },
  elsewhere: {
    id: 'ui.import-dialog.elsewhere',
    defaultMessage:
      'Left to {command} (system overrides need administrator rights, and links are put back only there): {items}.',
    description: 'command is “confine import”; items lists what the window does not import',
  },
});

const REVIEW = defineMessages({
  title: {
    id: 'ui.import-dialog.review-title',
    defaultMessage: 'What you have looked at, and the locks',
    description:
      'A choice in the import dialog: the export’s memory of New since you last looked, and which apps are locked',
  },
  detail: {
    id: 'ui.import-dialog.review-detail',
    defaultMessage:
      '{apps, plural, one {# app} other {# apps}} looked at; {all, select, yes {every app locked} other {{locks, plural, =0 {no lock} one {# lock} other {# locks}}}}; merged with yours',
  },
  missing: {
    id: 'ui.import-dialog.review-missing',
    defaultMessage: 'Not on this computer, so left out: {installations}',
    description: 'installations: names of Flatpak installations the export has and this computer lacks',
  },
});

const STATUS = defineMessages({
  new: { id: 'ui.import-dialog.status.new', defaultMessage: 'New', description: 'The app has no override yet' },
  changed: { id: 'ui.import-dialog.status.changed', defaultMessage: 'Replaces yours' },
  same: { id: 'ui.import-dialog.status.same', defaultMessage: 'Already the same' },
});

/** What importing an export would change, file by file, before anything is written. */
export function ImportDialog() {
  const { importing, toggle, toggleReview, apply, close } = useStore(
    useShallow((s) => ({
      importing: s.importing,
      toggle: s.toggleImport,
      toggleReview: s.toggleImportReview,
      apply: s.applyImport,
      close: s.closeImport,
    })),
  );
  const apps = useStore(selectApps);
  if (!importing) return null;
  // An export may name apps not installed here: those keep their ID alone.
  const nameOf = (id: string) => apps.find((a) => a.id === id)?.name;
  return (
    <Dialog
      title={t(M.title)}
      onClose={close}
      summary={t(M.summary, { count: importing.chosen.length })}
      action={{
        label: t(M.import),
        disabled: importing.busy || (importing.chosen.length === 0 && !importing.mergeReview),
        run: () => void apply(),
      }}
    >
      <p className="dialog__text">{rich(M.from, {}, { path: <code>{importing.path}</code> })}</p>
      <ul className="proposals">
        {importing.items.map((item) => {
          const name = item.app === null ? t(COMMON.allApps) : nameOf(item.app);
          const id = item.app ?? t(M.globalId);
          return (
            <li key={item.app ?? '*global*'} className="proposal">
              <label className="proposal__label">
                <input
                  type="checkbox"
                  checked={importing.chosen.includes(item.app)}
                  disabled={item.status === 'same' || importing.busy}
                  onChange={() => toggle(item.app)}
                />
                <span className="proposal__text">
                  <span className="proposal__title">
                    {name ?? id}
                    {name ? (
                      <>
                        {' '}
                        <span className="proposal__id">{id}</span>
                      </>
                    ) : null}
                  </span>
                  <span className="proposal__reason">
                    {item.portals
                      ? t(M.withPortals, { status: t(STATUS[item.status]), count: item.portals })
                      : t(STATUS[item.status])}
                  </span>
                  {item.malformed ? (
                    <span className="proposal__loses">{t(M.malformed, { problem: item.malformed })}</span>
                  ) : null}
                </span>
              </label>
            </li>
          );
        })}
        {importing.review ? (
          <li className="proposal">
            <label className="proposal__label">
              <input
                type="checkbox"
                checked={importing.mergeReview}
                disabled={importing.busy}
                onChange={toggleReview}
              />
              <span className="proposal__text">
                <span className="proposal__title">{t(REVIEW.title)}</span>
                <span className="proposal__reason">
                  {t(REVIEW.detail, {
                    apps: importing.review.apps,
                    all: importing.review.locks.all ? 'yes' : 'no',
                    locks: importing.review.locks.apps.length,
                  })}
                </span>
                {importing.review.missing.length > 0 ? (
                  <span className="proposal__loses">
                    {t(REVIEW.missing, { installations: formatList(importing.review.missing) })}
                  </span>
                ) : null}
              </span>
            </label>
          </li>
        ) : null}
      </ul>
      {importing.elsewhere.length > 0 ? (
        <p className="dialog__text">
          {rich(M.elsewhere, { items: formatList(importing.elsewhere) }, { command: <code>confine import</code> })}
        </p>
      ) : null}
    </Dialog>
  );
}

import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { defineMessage, t } from '../../../shared/i18n';

const CANCEL = defineMessage({
  id: 'ui.dialog.cancel',
  defaultMessage: 'Cancel',
  description: 'Button of every dialog',
});

const TABBABLE = 'button, input, select, textarea, a[href], [tabindex]';

function tabbables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
  );
}

/** The dialog's one suggested action, beside Cancel (or alone, see `cancel`). */
export interface DialogAction {
  readonly label: string;
  readonly disabled: boolean;
  readonly run: () => void;
}

/**
 * A modal dialog on the native `<dialog>` and `showModal()`: the browser moves focus in (to the
 * title, so the whole dialog is read from its start), makes the page behind inert, turns Escape
 * into `cancel` and gives focus back to what opened it on `close()`.
 */
export function Dialog({
  title,
  onClose,
  children,
  summary,
  liveSummary,
  action,
  cancel = true,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** What the action will do, shown beside the buttons; announced as it changes when live. */
  summary: ReactNode;
  liveSummary?: boolean;
  action: DialogAction;
  /** False where the action itself only closes (a run that is over): Cancel would say the same. */
  cancel?: boolean;
  wide?: boolean;
}) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  // A layout effect: the dialog is modal before the first paint, and its cleanup runs while the
  // element is still in the document, so close() can hand focus back.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      // What opened the dialog may be gone (a row that was hardened away): the browser then
      // leaves focus on the body, and the page's main area takes it instead.
      if (document.activeElement === document.body || document.activeElement === null) {
        if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
        else document.querySelector<HTMLElement>('main')?.focus();
      }
    };
  }, []);

  // Cancel went while it had focus: the browser leaves focus on the body, outside the dialog,
  // and the one button left (which closes as Cancel did) takes it.
  const actionRef = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (!cancel && (document.activeElement === document.body || document.activeElement === null))
      actionRef.current?.focus();
  }, [cancel]);

  const onCancel = (e: React.SyntheticEvent<HTMLDialogElement>) => {
    // The store decides when the dialog goes; the element only closes when React removes it.
    e.preventDefault();
    onCloseRef.current();
  };

  // Chromium lets Tab leave the last control for the browser's own toolbar, which an app window
  // does not have; the cycle is closed here so it is the same in both.
  const onKeyDown = (e: React.KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const all = tabbables(ref.current);
    const first = all[0];
    const last = all.at(-1);
    if (!first || !last) return;
    const at = document.activeElement;
    if (e.shiftKey && (at === first || !all.includes(at as HTMLElement))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && at === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog--wide' : ''}`}
      aria-labelledby={id}
      onCancel={onCancel}
      onKeyDown={onKeyDown}
      // A press on the backdrop lands on the dialog element itself, outside its box.
      onMouseDown={(e) => {
        if (e.target !== e.currentTarget) return;
        const box = e.currentTarget.getBoundingClientRect();
        const inside =
          e.clientX >= box.left && e.clientX <= box.right && e.clientY >= box.top && e.clientY <= box.bottom;
        if (!inside) onCloseRef.current();
      }}
    >
      <h2 className="dialog__title" id={id} tabIndex={-1}>
        {title}
      </h2>
      <div className="dialog__body">{children}</div>
      <div className="dialog__footer">
        <span className="dialog__summary" role={liveSummary ? 'status' : undefined}>
          {summary}
        </span>
        {cancel ? (
          <button type="button" className="button" onClick={() => onCloseRef.current()}>
            {t(CANCEL)}
          </button>
        ) : null}
        <button
          ref={actionRef}
          type="button"
          className="button button--suggested"
          disabled={action.disabled}
          onClick={action.run}
        >
          {action.label}
        </button>
      </div>
    </dialog>
  );
}

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { defineMessages, t } from '../../../shared/i18n';
import { rich } from './rich';

const M = defineMessages({
  undoStep: {
    id: 'ui.toast.undo-step',
    defaultMessage: 'Undo: {step}',
    description: 'Accessible name of the Undo button; step names the change, such as “harden Firefox”',
  },
  undoStepTooltip: {
    id: 'ui.toast.undo-step-tooltip',
    defaultMessage: 'Undo: {step} (Ctrl+Z)',
    description: 'Tooltip of the Undo button, with its keyboard shortcut; step names the change',
  },
  undoTooltip: {
    id: 'ui.toast.undo-tooltip',
    defaultMessage: 'Undo (Ctrl+Z)',
    description: 'With its keyboard shortcut',
  },
  undo: { id: 'ui.toast.undo', defaultMessage: 'Undo', description: 'Button in a note at the bottom of the window' },
  reload: {
    id: 'ui.toast.reload',
    defaultMessage: 'Reload',
    description: 'Button after another program changed the file: show what is there now',
  },
  dismiss: {
    id: 'ui.toast.dismiss',
    defaultMessage: 'Dismiss',
    description: 'Accessible name of the note’s close button',
  },
});

const SHOW_MS = 8000;

/** Where focus goes when the toast that held it goes away: back where it came from, or the page. */
function refocus(from: Element | null) {
  if (from instanceof HTMLElement && from.isConnected && !(from as HTMLButtonElement).disabled) from.focus();
  else document.querySelector<HTMLElement>('main')?.focus();
}

/** A short note at the bottom of the window, with Undo where that makes sense and Reload after a conflict. */
export function Toast() {
  const { toast, dismiss, undo, reloadAfter, undoLabel } = useStore(
    useShallow((s) => ({
      toast: s.toast,
      dismiss: s.dismissToast,
      undo: s.undo,
      reloadAfter: s.reloadAfter,
      undoLabel: s.undoStack.at(-1)?.label,
    })),
  );
  const ref = useRef<HTMLDivElement>(null);
  // Someone reading or about to press a button: the note waits for them.
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const cameFrom = useRef<Element | null>(null);
  const focusedRef = useRef(false);

  useEffect(() => {
    if (!toast || hovered || focused) return;
    const t = setTimeout(dismiss, SHOW_MS);
    return () => clearTimeout(t);
  }, [toast, dismiss, hovered, focused]);

  useLayoutEffect(() => {
    if (!toast) return;
    if (toast.takeFocus) {
      cameFrom.current = document.activeElement;
      ref.current?.querySelector<HTMLElement>('button')?.focus();
    }
    return () => {
      // The toast's element is already gone here; had it focus, focus is on the body now.
      if (focusedRef.current && (document.activeElement === document.body || document.activeElement === null))
        refocus(cameFrom.current);
      cameFrom.current = null;
      focusedRef.current = false;
      setFocused(false);
      setHovered(false);
    };
  }, [toast]);

  if (!toast) return null;
  // Another program changed what Confine meant to write: show what is there now rather than retry.
  const conflict = toast.failure?.code === 'conflict' ? toast.failure : undefined;
  return (
    <div
      ref={ref}
      className={`toast toast--${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => {
        focusedRef.current = true;
        setFocused(true);
      }}
      onBlur={(e) => {
        if (e.currentTarget.contains(e.relatedTarget)) return;
        focusedRef.current = false;
        setFocused(false);
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        dismiss();
      }}
    >
      <span className="toast__message">
        {toast.rich
          ? rich(
              toast.rich.message,
              toast.rich.values,
              Object.fromEntries(Object.entries(toast.rich.code).map(([name, text]) => [name, <code>{text}</code>])),
            )
          : toast.message}
      </span>
      {toast.undo ? (
        <button
          type="button"
          className="button button--flat"
          // One history serves every app, so the button names the step it takes back.
          aria-label={undoLabel ? t(M.undoStep, { step: undoLabel }) : undefined}
          // The window's own Ctrl+Z undoes the same step from anywhere but a text field.
          aria-keyshortcuts="Control+Z"
          title={undoLabel ? t(M.undoStepTooltip, { step: undoLabel }) : t(M.undoTooltip)}
          onClick={() => {
            dismiss();
            void undo();
          }}
        >
          {t(M.undo)}
        </button>
      ) : null}
      {toast.action ? (
        <button
          type="button"
          className="button button--flat"
          onClick={() => {
            const { run } = toast.action ?? {};
            dismiss();
            run?.();
          }}
        >
          {toast.action.label}
        </button>
      ) : null}
      {conflict ? (
        <button
          type="button"
          className="button button--flat"
          onClick={() => {
            dismiss();
            void reloadAfter(conflict);
          }}
        >
          {t(M.reload)}
        </button>
      ) : null}
      <button type="button" className="icon-button icon-button--light" aria-label={t(M.dismiss)} onClick={dismiss}>
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" />
        </svg>
      </button>
    </div>
  );
}

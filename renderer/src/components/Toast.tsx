import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';

const SHOW_MS = 8000;

/** A short note at the bottom of the window, with Undo where that makes sense and Reload after a conflict. */
export function Toast() {
  const { toast, dismiss, undo, reloadAfter } = useStore(
    useShallow((s) => ({ toast: s.toast, dismiss: s.dismissToast, undo: s.undo, reloadAfter: s.reloadAfter })),
  );
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(dismiss, SHOW_MS);
    return () => clearTimeout(t);
  }, [toast, dismiss]);
  if (!toast) return null;
  // Another program changed what Confine meant to write: show what is there now rather than retry.
  const conflict = toast.failure?.code === 'conflict' ? toast.failure : undefined;
  return (
    <div className={`toast toast--${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <span className="toast__message">{toast.message}</span>
      {toast.undo ? (
        <button
          type="button"
          className="button button--flat"
          onClick={() => {
            dismiss();
            void undo();
          }}
        >
          Undo
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
          Reload
        </button>
      ) : null}
      <button type="button" className="icon-button icon-button--light" aria-label="Dismiss" onClick={dismiss}>
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" />
        </svg>
      </button>
    </div>
  );
}

import { call } from '../api';
import { useStore } from '../store';

/** Copies a command to the clipboard, for the user to run in a terminal; `name` tells copies apart. */
export function CopyButton({ text, name }: { text: string; name?: string }) {
  const showToast = useStore((s) => s.showToast);
  return (
    <button
      type="button"
      className="button"
      aria-label={name}
      onClick={() => {
        void call('clipboard:write', { text }).then((r) =>
          showToast(r.ok ? { kind: 'info', message: 'Command copied.' } : { kind: 'error', message: r.error.message }),
        );
      }}
    >
      Copy
    </button>
  );
}

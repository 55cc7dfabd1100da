import { call } from '../api';
import { useStore } from '../store';
import { defineMessages, t } from '../../../shared/i18n';

const M = defineMessages({
  copied: { id: 'ui.copy.copied', defaultMessage: 'Command copied.', description: 'A note after copying a command' },
  copy: { id: 'ui.copy.button', defaultMessage: 'Copy', description: 'Button: copy a command to the clipboard' },
});

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
          showToast(r.ok ? { kind: 'info', message: t(M.copied) } : { kind: 'error', message: r.error.message }),
        );
      }}
    >
      {t(M.copy)}
    </button>
  );
}

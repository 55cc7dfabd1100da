import { call } from '../api';
import { useStore } from '../store';
import { Group } from './Controls';

/** The `flatpak override` command that recreates the user's override, to copy into a terminal. */
export function CommandPanel({ command, empty }: { command: string; empty: boolean }) {
  const showToast = useStore((s) => s.showToast);
  return (
    <Group title="Command line" description={empty ? 'You have not changed anything here: there is no override file.' : 'The same override, made in a terminal.'} id="group-command">
      <div className="command">
        <code className="command__text">{command}</code>
        <button
          type="button"
          className="button"
          onClick={() => {
            void call('clipboard:write', { text: command }).then((r) => showToast(r.ok ? { kind: 'info', message: 'Command copied.' } : { kind: 'error', message: r.error.message }));
          }}
        >
          Copy
        </button>
      </div>
    </Group>
  );
}

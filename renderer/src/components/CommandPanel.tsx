import { Group } from './Controls';
import { CopyButton } from './CopyButton';

/** The `flatpak override` command that recreates the user's override, to copy into a terminal. */
export function CommandPanel({ command, empty }: { command: string; empty: boolean }) {
  return (
    <Group
      title="Command line"
      description={
        empty
          ? 'You have not changed anything here: there is no override file.'
          : 'The same override, made in a terminal.'
      }
      id="group-command"
    >
      <div className="command">
        <code className="command__text">{command}</code>
        <CopyButton text={command} />
      </div>
    </Group>
  );
}

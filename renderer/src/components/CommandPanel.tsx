import { Group } from './Controls';
import { CopyButton } from './CopyButton';
import { defineMessages, t } from '../../../shared/i18n';

const M = defineMessages({
  title: {
    id: 'ui.command-panel.title',
    defaultMessage: 'Command line',
    description: 'Heading of a group on an app page',
  },
  empty: {
    id: 'ui.command-panel.empty',
    defaultMessage: 'You have not changed anything here: there is no override file.',
  },
  same: {
    id: 'ui.command-panel.same',
    defaultMessage: 'The same override, made in a terminal.',
    description: 'Above the flatpak override command that recreates the user’s override',
  },
});

/** The `flatpak override` command that recreates the user's override, to copy into a terminal. */
export function CommandPanel({ command, empty }: { command: string; empty: boolean }) {
  return (
    <Group title={t(M.title)} description={t(empty ? M.empty : M.same)} id="group-command">
      <div className="command">
        <code className="command__text">{command}</code>
        <CopyButton text={command} />
      </div>
    </Group>
  );
}

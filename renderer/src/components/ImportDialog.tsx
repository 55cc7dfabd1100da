import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { Dialog } from './Dialog';

const STATUS = { new: 'New', changed: 'Replaces yours', same: 'Already the same' } as const;

/** What importing an export would change, file by file, before anything is written. */
export function ImportDialog() {
  const { importing, toggle, apply, close } = useStore(
    useShallow((s) => ({ importing: s.importing, toggle: s.toggleImport, apply: s.applyImport, close: s.closeImport })),
  );
  if (!importing) return null;
  return (
    <Dialog
      title="Import overrides"
      onClose={close}
      summary={`${importing.chosen.length} file(s) to import`}
      action={{
        label: 'Import',
        disabled: importing.busy || importing.chosen.length === 0,
        run: () => void apply(),
      }}
    >
      <p className="dialog__text">
        From <code>{importing.path}</code>. Each app’s override and portal permissions replace yours; you can undo the
        import.
      </p>
      <ul className="proposals">
        {importing.items.map((item) => (
          <li key={item.app ?? '*global*'} className="proposal">
            <label className="proposal__label">
              <input
                type="checkbox"
                checked={importing.chosen.includes(item.app)}
                disabled={item.status === 'same' || importing.busy}
                onChange={() => toggle(item.app)}
              />
              <span className="proposal__text">
                <span className="proposal__title">{item.app ?? 'All applications (global override)'}</span>
                <span className="proposal__reason">
                  {STATUS[item.status]}
                  {item.portals ? ` · with ${item.portals} portal permission${item.portals === 1 ? '' : 's'}` : ''}
                </span>
                {item.malformed ? (
                  <span className="proposal__loses">
                    Restored exactly as it was, though Flatpak refuses it: {item.malformed}
                  </span>
                ) : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {importing.elsewhere.length > 0 ? (
        <p className="dialog__text">
          Left to <code>confine import</code> (system overrides need administrator rights, and links are put back only
          there): {importing.elsewhere.join(', ')}.
        </p>
      ) : null}
    </Dialog>
  );
}

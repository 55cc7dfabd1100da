import { useShallow } from 'zustand/react/shallow';
import { count, plural } from '../../../shared/plural';
import { useStore } from '../store';
import { selectApps } from '../store/selectors';
import { Dialog } from './Dialog';

const STATUS = { new: 'New', changed: 'Replaces yours', same: 'Already the same' } as const;

/** What importing an export would change, file by file, before anything is written. */
export function ImportDialog() {
  const { importing, toggle, apply, close } = useStore(
    useShallow((s) => ({ importing: s.importing, toggle: s.toggleImport, apply: s.applyImport, close: s.closeImport })),
  );
  const apps = useStore(selectApps);
  if (!importing) return null;
  // An export may name apps not installed here: those keep their ID alone.
  const nameOf = (id: string) => apps.find((a) => a.id === id)?.name;
  return (
    <Dialog
      title="Import overrides"
      onClose={close}
      summary={`${count(importing.chosen.length, 'file', 'files')} to import`}
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
        {importing.items.map((item) => {
          const name = item.app === null ? 'All applications' : nameOf(item.app);
          const id = item.app ?? 'global override';
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
                    {STATUS[item.status]}
                    {item.portals
                      ? ` · with ${item.portals} ${plural(item.portals, 'portal permission', 'portal permissions')}`
                      : ''}
                  </span>
                  {item.malformed ? (
                    <span className="proposal__loses">
                      Restored exactly as it was, though Flatpak refuses it: {item.malformed}
                    </span>
                  ) : null}
                </span>
              </label>
            </li>
          );
        })}
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

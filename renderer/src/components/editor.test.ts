import { describe, expect, it } from 'vitest';
import { changeKey, type Change } from '../../../shared/flatpak/edit';
import { rowState, type Editor } from './editor';

function editor(isGlobal: boolean, pending: readonly Change[]): Editor {
  const byKey = new Map(pending.map((c) => [changeKey(c), c]));
  return {
    isGlobal,
    readOnly: false,
    ownLayer: isGlobal ? 'user-global' : 'user-app',
    pendingFor: (c) => byKey.get(changeKey(c)),
    change: () => undefined,
  };
}

const network = { kind: 'shared', name: 'network', value: undefined } as const;
const games = { kind: 'filesystems', path: '~/Games', value: undefined } as const;

describe('a row shows', () => {
  it('the saved value, marked as changed only where it is the edited layer’s own', () => {
    expect(rowState(editor(false, []), network, true, 'app')).toEqual({
      value: true,
      pending: false,
      mine: false,
      changed: false,
    });
    expect(rowState(editor(false, []), network, false, 'user-app')).toEqual({
      value: false,
      pending: false,
      mine: true,
      changed: true,
    });
    expect(rowState(editor(true, []), network, undefined, undefined, true)).toEqual({
      value: undefined,
      pending: false,
      mine: false,
      changed: false,
    });
  });

  it('a change waiting to be saved in place of the saved value, for that entry only', () => {
    const e = editor(false, [{ kind: 'filesystems', path: '~/Games', value: 'ro' }]);
    expect(rowState(e, games, 'rw', 'app')).toEqual({ value: 'ro', pending: true, mine: false, changed: true });
    expect(rowState(e, { kind: 'filesystems', path: '~/Music', value: undefined }, 'rw', 'app')).toMatchObject({
      value: 'rw',
      pending: false,
    });
    // A flag of the same name in another kind is another entry.
    expect(rowState(e, { kind: 'sockets', name: '~/Games', value: undefined }, true, 'app')).toMatchObject({
      pending: false,
    });
  });

  it('a change back to the default as no entry where it shows the layer’s own entry, else the saved value until read back', () => {
    const e = editor(true, [{ kind: 'shared', name: 'network', value: undefined }]);
    expect(rowState(e, network, false, 'user-global', true)).toEqual({
      value: undefined,
      pending: true,
      mine: true,
      changed: true,
    });
    expect(rowState(e, network, false, 'user-global')).toMatchObject({ value: false, pending: true });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layer, loadableKeyfileText, VERSION } from '../../test/arbitraries/context';
import { KeyFile } from '../keyfile/keyfile';
import { canonicalContext, loadContext, type Context } from './context';
import { renderShowPermissions } from './show';
import { writeContext } from './write';

function load(doc: KeyFile): Context {
  const r = loadContext(doc, VERSION);
  if (!r.ok) throw new Error(r.message);
  return r.context;
}

describe('writing layers', () => {
  it('reads back what it writes into a new file', () => {
    fc.assert(
      fc.property(layer({ reset: true }), (ctx) => {
        expect(canonicalContext(load(writeContext(KeyFile.empty(), ctx, 'override', VERSION)))).toBe(
          canonicalContext(ctx),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('rewrites a file to another layer and leaves foreign groups, keys and comments alone', () => {
    const foreign = '# my notes\n[X-Mine]\nkeep=this; exactly\n';
    fc.assert(
      fc.property(layer({ reset: true }), layer({ reset: true }), (first, second) => {
        const start = KeyFile.parse(foreign);
        if (!start.ok) throw new Error('bad fixture');
        const one = writeContext(start.file, first, 'override', VERSION);
        const two = writeContext(one, second, 'override', VERSION);
        expect(canonicalContext(load(two))).toBe(canonicalContext(second));
        expect(two.toString().startsWith('# my notes\n[X-Mine]\nkeep=this; exactly\n')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('does not touch a file whose meaning does not change', () => {
    fc.assert(
      fc.property(loadableKeyfileText(), (text) => {
        const parsed = KeyFile.parse(text);
        if (!parsed.ok) throw new Error(`the generator made an unreadable file: ${parsed.error.message}`);
        expect(writeContext(parsed.file, load(parsed.file), 'override', VERSION).toString()).toBe(text);
      }),
      // Every run reaches the check: about as many as the 1000 unfiltered runs did, in the same time.
      { numRuns: 700 },
    );
  });

  it('keeps tokens this Flatpak does not know when it rewrites their line', () => {
    const parsed = KeyFile.parse('[Context]\nsockets=wayland;inherit-wayland-socket;\ndevices=input;\n');
    if (!parsed.ok) throw new Error('bad fixture');
    const ctx = load(parsed.file);
    const edited = writeContext(
      parsed.file,
      {
        ...ctx,
        flags: {
          ...ctx.flags,
          sockets: new Map([
            ['wayland', true],
            ['x11', false],
          ]),
        },
      },
      'override',
      VERSION,
    );
    expect(edited.toString()).toBe('[Context]\nsockets=!x11;wayland;inherit-wayland-socket;\ndevices=input;\n');
  });

  it('prints an app without permissions as nothing, like flatpak info', () => {
    const parsed = KeyFile.parse('[Application]\nname=org.example.App\n');
    if (!parsed.ok) throw new Error('bad fixture');
    expect(renderShowPermissions(load(parsed.file), VERSION)).toBe('');
  });
});

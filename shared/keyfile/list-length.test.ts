// plainListLength counts the items of a list without decoding it; where it answers, the answer
// must be the number of items g_key_file_get_string_list gives (unescapeList, checked against
// GLib in test/keyfile-glib.test.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainListLength, unescapeList } from './escape';

describe('plainListLength', () => {
  it('is the number of items of a list without escapes, and unknown for one with them', () => {
    const chars = [';', ';', 'a', '/', ' ', '\\', 's', '\udc80', '\ud83d\ude00'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 12 }), (cs) => {
        const raw = cs.join('');
        const n = plainListLength(raw);
        if (raw.includes('\\') || raw.includes('\udc80')) expect(n).toBeUndefined();
        else expect({ raw, n }).toEqual({ raw, n: unescapeList(raw).items.length });
      }),
      { numRuns: 2000 },
    );
    expect([plainListLength(''), plainListLength(';'), plainListLength('a;b'), plainListLength('a;b;')]).toEqual([
      0, 1, 2, 2,
    ]);
  });
});

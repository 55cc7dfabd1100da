import { describe, expect, it } from 'vitest';
import { FLAG_OPTIONS, SPECIAL_FILESYSTEMS, XDG_FILESYSTEMS } from './catalogue';
import { PORTAL_KINDS } from '../portals/catalogue';
import { PERMISSION_HELP, filesystemHelpId, flagHelpId, helpCatalogueIds, helpFor, portalHelpId } from './help';

describe('permission help', () => {
  it('has an entry for every permission of the catalogues', () => {
    const missing = helpCatalogueIds().filter((id) => helpFor(id) === undefined);
    expect(missing).toEqual([]);
  });

  it('has no entry for a name the catalogues do not know', () => {
    const known = new Set(helpCatalogueIds());
    expect(Object.keys(PERMISSION_HELP).filter((id) => !known.has(id))).toEqual([]);
  });

  it('names every flag, filesystem keyword, XDG folder and portal of the window', () => {
    // Counted from the catalogues' own lists, so an ID scheme that drops a kind fails here.
    const ids = new Set(helpCatalogueIds());
    for (const o of FLAG_OPTIONS) expect(ids.has(flagHelpId(o.kind, o.name))).toBe(true);
    for (const f of [...SPECIAL_FILESYSTEMS, ...XDG_FILESYSTEMS])
      expect(ids.has(filesystemHelpId(f.name) ?? '')).toBe(true);
    for (const k of PORTAL_KINDS) expect(ids.has(portalHelpId(k.key))).toBe(true);
    expect(ids.size).toBe(helpCatalogueIds().length);
  });

  it('finds the folder of an XDG entry with a sub-path, and nothing for a plain path', () => {
    expect(filesystemHelpId('xdg-download/Games')).toBe('filesystems:xdg-download');
    expect(filesystemHelpId('host-reset')).toBe('filesystems:host-reset');
    expect(filesystemHelpId('~/Games')).toBeUndefined();
    expect(filesystemHelpId('/srv/data')).toBeUndefined();
    expect(helpFor('toString')).toBeUndefined();
  });

  it('says both what a permission allows and what goes without it, in sentences', () => {
    for (const [id, h] of Object.entries(PERMISSION_HELP)) {
      expect(h.allows, id).toMatch(/^[A-Z].*\.$/s);
      expect(h.without, id).toMatch(/^[A-Z].*\.$/s);
      expect(h.allows, id).not.toBe(h.without);
    }
  });
});

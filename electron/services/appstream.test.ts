import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeApp } from './appstream';
import { tempDir } from '../../test/helpers/temp';

// Localised as AppStream and desktop files are in the wild: xml:lang with a country or a
// script modifier, a language with no untranslated fallback in the desktop file's order.
const ID = 'org.example.Maps';
const CATALOGUE = `<?xml version="1.0" encoding="UTF-8"?>
<components version="0.8" origin="flatpak">
  <component type="desktop-application">
    <id>${ID}</id>
    <name>Maps</name>
    <name xml:lang="de">Karten</name>
    <name xml:lang="pt_BR">Mapas</name>
    <name xml:lang="sr@latin">Mape</name>
    <summary>Find places around the world</summary>
    <summary xml:lang="de">Orte auf der ganzen Welt finden</summary>
    <summary xml:lang="fr">Trouver des lieux dans le monde entier</summary>
    <developer_name>The Maps Team</developer_name>
  </component>
</components>`;
const DESKTOP = `[Desktop Entry]
Type=Application
Name=Clock
Name[de]=Uhr
Name[fr_CA]=Horloge
Comment=Tell the time
Comment[de_AT]=Die Zeit sagen
Exec=clock
`;

let dir: string;
let withCatalogue: string;
let withDesktopFile: string;

beforeAll(async () => {
  dir = await tempDir('confine-appstream-');
  withCatalogue = join(dir, 'maps');
  await mkdir(join(withCatalogue, 'files/share/app-info/xmls'), { recursive: true });
  await writeFile(join(withCatalogue, 'files/share/app-info/xmls', `${ID}.xml.gz`), gzipSync(CATALOGUE));
  withDesktopFile = join(dir, 'clock');
  await mkdir(join(withDesktopFile, 'export/share/applications'), { recursive: true });
  await writeFile(join(withDesktopFile, 'export/share/applications', 'org.example.Clock.desktop'), DESKTOP);
});

describe('an app’s name and summary in the user’s language', () => {
  it('are untranslated when no language is asked for, as JSON output needs', async () => {
    expect(await describeApp(withCatalogue, ID)).toMatchObject({
      name: 'Maps',
      summary: 'Find places around the world',
    });
  });

  it('follow the first requested language the catalogue has, each element on its own', async () => {
    expect(await describeApp(withCatalogue, ID, ['de-DE'])).toMatchObject({
      name: 'Karten',
      summary: 'Orte auf der ganzen Welt finden',
      developer: 'The Maps Team',
    });
    // French has a summary but no name: the name falls back to the untranslated one.
    expect(await describeApp(withCatalogue, ID, ['fr-FR'])).toMatchObject({
      name: 'Maps',
      summary: 'Trouver des lieux dans le monde entier',
    });
    expect(await describeApp(withCatalogue, ID, ['ja', 'pt-BR', 'de'])).toMatchObject({ name: 'Mapas' });
    expect(await describeApp(withCatalogue, ID, ['pt-PT'])).toMatchObject({ name: 'Maps' });
  });

  it('come from a desktop file’s localised keys when there is no catalogue', async () => {
    expect(await describeApp(withDesktopFile, 'org.example.Clock', ['de-DE'])).toEqual({
      name: 'Uhr',
      summary: 'Tell the time',
    });
    expect(await describeApp(withDesktopFile, 'org.example.Clock', ['de-AT'])).toEqual({
      name: 'Uhr',
      summary: 'Die Zeit sagen',
    });
    expect(await describeApp(withDesktopFile, 'org.example.Clock', ['fr-CA'])).toMatchObject({ name: 'Horloge' });
  });
});

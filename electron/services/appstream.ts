// Reads what an app says about itself (name, summary, developer, version, categories, icon)
// from its deployed files: the AppStream catalogue Flatpak deploys with it, its metainfo, and
// its desktop file, in that order of preference. No subprocess, no network.

import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Zlib from 'node:zlib';
import type * as Component from '../../shared/appstream/component';
import type { AppDescription } from '../../shared/appstream/component';
import { bestTranslation } from '../../shared/i18n/locales';
import { decodeKeyfile } from '../../shared/keyfile/bytes';
import { KeyFile } from '../../shared/keyfile/keyfile';
import { readBytesSync } from './read-files';

export type { AppDescription };

// The reader is loaded by the first catalogue read: a cached description needs no XML parser,
// so a warm run does not load the library at all.
let reader: Promise<typeof Component> | undefined;
const componentReader = () => (reader ??= import('../../shared/appstream/component'));

/** The most a catalogue may unpack to. An app's own catalogue describes that one app, in
 *  kilobytes; one that unpacks past this (a "zip bomb") is refused rather than filling the memory. */
export const MAX_CATALOGUE = 16 * 1024 * 1024;

// zlib is loaded by the first catalogue read: a cached description needs none. Required rather
// than imported: the CLI's bundle is compiled with V8's code cache (electron/cli/start.ts), where
// an import() would need Node's ES module loader, and its start, in every run.
let zlibModule: typeof Zlib | undefined;
const zlib = () => (zlibModule ??= createRequire(import.meta.url)('node:zlib') as typeof Zlib);

/** The bytes of an app's file, undefined for none or one that cannot be read. Read without the
 *  event loop, as metadata is: these files are a few kilobytes, and the thread pool's round trips
 *  (stat, open, fstat, read, close) cost several times the reads, over a thousand apps about a
 *  tenth of a cold start (issue 15). */
function readOptional(path: string): Buffer | undefined {
  try {
    return readBytesSync(path) ?? undefined;
  } catch {
    return undefined;
  }
}

async function fromXml(xml: string, id: string, languages: readonly string[]): Promise<AppDescription | undefined> {
  // A catalogue that is not well-formed gives nothing (describeComponent refuses it): the other
  // sources can still name the app.
  return (await componentReader()).describeComponent(xml, id, languages);
}

async function fromAppstream(
  deployDir: string,
  id: string,
  languages: readonly string[],
): Promise<AppDescription | undefined> {
  for (const rel of [`files/share/app-info/xmls/${id}.xml.gz`, `files/share/swcatalog/xml/${id}.xml.gz`]) {
    const gz = readOptional(join(deployDir, rel));
    if (!gz) continue;
    const { gunzipSync } = zlib();
    let xml: string;
    try {
      // Synchronous on purpose: these files are tiny, and the thread pool is kept for file reads.
      xml = gunzipSync(gz, { maxOutputLength: MAX_CATALOGUE }).toString('utf8');
    } catch {
      continue;
    }
    const found = await fromXml(xml, id, languages);
    if (found) return found;
  }
  for (const rel of [
    `files/share/metainfo/${id}.metainfo.xml`,
    `files/share/metainfo/${id}.appdata.xml`,
    `files/share/appdata/${id}.appdata.xml`,
  ]) {
    const xml = readOptional(join(deployDir, rel));
    const found = xml && (await fromXml(xml.toString('utf8'), id, languages));
    if (found) return found;
  }
  return undefined;
}

function fromDesktopFile(deployDir: string, id: string, languages: readonly string[]): AppDescription {
  const data = readOptional(join(deployDir, 'export/share/applications', `${id}.desktop`));
  if (!data) return {};
  const parsed = KeyFile.parse(decodeKeyfile(data));
  if (!parsed.ok) return {};
  const g = 'Desktop Entry';
  const keys = parsed.file.keys(g);
  // `Name[de_DE]`: the key in the best of the requested languages, else the plain one.
  const get = (k: string) => {
    const locales = keys.flatMap((key) =>
      key.startsWith(`${k}[`) && key.endsWith(']') ? [key.slice(k.length + 1, -1)] : [],
    );
    const best = bestTranslation(locales, languages);
    return (
      (best && parsed.file.getString(g, `${k}[${best}]`)?.value) || parsed.file.getString(g, k)?.value || undefined
    );
  };
  const d: AppDescription = {};
  const name = get('Name');
  if (name) d.name = name;
  const comment = get('Comment');
  if (comment) d.summary = comment;
  const cats = parsed.file.getStringList(g, 'Categories');
  if (cats && !cats.problem) d.categories = cats.items.filter(Boolean);
  return d;
}

const ICON_SIZES = ['scalable', '128x128', '256x256', '96x96', '64x64', '512x512', '48x48', '32x32'];

/** Icon name → best icon file, from the icons an installation exports for all its apps
 *  (Flatpak exports only icons named after the app's ID). */
export type IconIndex = ReadonlyMap<string, string>;

export async function iconIndex(installationPath: string): Promise<IconIndex> {
  const hicolor = join(installationPath, 'exports/share/icons/hicolor');
  const sizes = await readdir(hicolor).catch(() => [] as string[]);
  const ordered = [
    ...ICON_SIZES.filter((s) => sizes.includes(s)),
    ...sizes.filter((s) => !ICON_SIZES.includes(s)).sort(),
  ];
  const lists = await Promise.all(
    ordered.map((size) => readdir(join(hicolor, size, 'apps')).catch(() => [] as string[])),
  );
  const index = new Map<string, string>();
  ordered.forEach((size, i) => {
    // A folder's entries hold no slash and are never `.` or `..`: the path needs no join (which
    // normalises it again for every icon, a few percent of a listing).
    const dir = join(hicolor, size, 'apps');
    for (const file of lists[i] ?? []) {
      const m = /^(.+)\.(svg|png)$/.exec(file);
      if (m?.[1] && !index.has(m[1])) index.set(m[1], `${dir}/${file}`);
    }
  });
  return index;
}

/** What the app says about itself, in the best of the requested languages it is written in;
 *  the desktop file is read only when AppStream has no name. */
export async function describeApp(
  deployDir: string,
  id: string,
  languages: readonly string[] = [],
): Promise<AppDescription> {
  const stream = await fromAppstream(deployDir, id, languages);
  if (stream?.name) return stream;
  const { name, summary, categories } = fromDesktopFile(deployDir, id, languages);
  return {
    ...(name ? { name } : {}),
    ...(summary ? { summary } : {}),
    ...(categories ? { categories } : {}),
    ...stream,
  };
}

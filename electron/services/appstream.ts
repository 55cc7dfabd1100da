// Reads what an app says about itself (name, summary, developer, version, categories, icon)
// from its deployed files: the AppStream catalogue Flatpak deploys with it, its metainfo, and
// its desktop file, in that order of preference. No subprocess, no network.

import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { X2jOptions, XMLParser } from 'fast-xml-parser';
import type * as Zlib from 'node:zlib';
import { bestTranslation } from '../../shared/i18n/locales';
import { decodeKeyfile } from '../../shared/keyfile/bytes';
import { KeyFile } from '../../shared/keyfile/keyfile';
import { readBytes } from './read-files';

export interface AppDescription {
  name?: string;
  summary?: string;
  developer?: string;
  version?: string;
  categories?: string[];
}

const PARSER_OPTIONS: X2jOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['component', 'name', 'summary', 'category', 'release', 'developer_name'].includes(name),
  // Entities are decoded only in the few strings Confine reads (see decodeEntities), which is
  // much cheaper than decoding every text node of every catalogue.
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
};

// Made on the first catalogue read: a cached description needs no XML parser, so a warm run
// does not load the library at all.
let parser: Promise<XMLParser> | undefined;
const xmlParser = (): Promise<XMLParser> =>
  (parser ??= import('fast-xml-parser').then(({ XMLParser }) => new XMLParser(PARSER_OPTIONS)));

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

type XmlNode = Record<string, unknown>;

function text(node: unknown): string | undefined {
  if (typeof node === 'string') return decodeEntities(node.trim()) || undefined;
  if (typeof node === 'number') return String(node);
  if (node && typeof node === 'object' && '#text' in node) return text((node as XmlNode)['#text']);
  return undefined;
}

const langOf = (n: unknown): string | undefined =>
  n && typeof n === 'object' && '@xml:lang' in n ? String((n as XmlNode)['@xml:lang']) : undefined;

/** Of several localised elements, the one in the best of the requested languages, else the
 *  untranslated one. */
function localised(nodes: unknown, languages: readonly string[]): string | undefined {
  if (!Array.isArray(nodes)) return text(nodes);
  const list = nodes as unknown[];
  const langs = list.map(langOf);
  const best = bestTranslation(
    langs.filter((l): l is string => l !== undefined),
    languages,
  );
  const chosen = best !== undefined ? text(list[langs.indexOf(best)]) : undefined;
  return chosen ?? text(list.find((n) => langOf(n) === undefined) ?? list[0]);
}

function fromComponent(c: XmlNode, languages: readonly string[]): AppDescription {
  const d: AppDescription = {};
  const name = localised(c.name, languages);
  if (name) d.name = name;
  const summary = localised(c.summary, languages);
  if (summary) d.summary = summary;
  const developer =
    localised(c.developer_name, languages) ?? localised((c.developer as XmlNode | undefined)?.name, languages);
  if (developer) d.developer = developer;
  const releases = (c.releases as XmlNode | undefined)?.release;
  const first = Array.isArray(releases) ? (releases[0] as XmlNode | undefined) : undefined;
  const version = first ? text(first['@version']) : undefined;
  if (version) d.version = version;
  const categories = (c.categories as XmlNode | undefined)?.category;
  if (Array.isArray(categories)) d.categories = categories.map(text).filter((x): x is string => !!x);
  return d;
}

function componentFor(doc: XmlNode, id: string): XmlNode | undefined {
  const components = (doc.components as XmlNode | undefined)?.component ?? doc.component;
  if (!Array.isArray(components)) return undefined;
  const list = components as XmlNode[];
  const byId = list.find((c) => text(c.id) === id || text(c.id) === `${id}.desktop`);
  return byId ?? (list.length === 1 ? list[0] : undefined);
}

// zlib is loaded by the first catalogue read: a cached description needs none. Required rather
// than imported: the CLI's bundle is compiled with V8's code cache (electron/cli/start.ts), where
// an import() would need Node's ES module loader, and its start, in every run.
let zlibModule: typeof Zlib | undefined;
const zlib = () => (zlibModule ??= createRequire(import.meta.url)('node:zlib') as typeof Zlib);

async function readOptional(path: string): Promise<Buffer | undefined> {
  return (await readBytes(path).catch(() => null)) ?? undefined;
}

async function fromXml(xml: string, id: string, languages: readonly string[]): Promise<AppDescription | undefined> {
  const parser = await xmlParser();
  try {
    const component = componentFor(parser.parse(xml) as XmlNode, id);
    return component ? fromComponent(component, languages) : undefined;
  } catch {
    // A broken catalogue is not fatal: the other sources can still name the app.
    return undefined;
  }
}

async function fromAppstream(
  deployDir: string,
  id: string,
  languages: readonly string[],
): Promise<AppDescription | undefined> {
  for (const rel of [`files/share/app-info/xmls/${id}.xml.gz`, `files/share/swcatalog/xml/${id}.xml.gz`]) {
    const gz = await readOptional(join(deployDir, rel));
    if (!gz) continue;
    const { gunzipSync } = zlib();
    let xml: string;
    try {
      // Synchronous on purpose: these files are tiny, and the thread pool is kept for file reads.
      xml = gunzipSync(gz).toString('utf8');
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
    const xml = await readOptional(join(deployDir, rel));
    const found = xml && (await fromXml(xml.toString('utf8'), id, languages));
    if (found) return found;
  }
  return undefined;
}

async function fromDesktopFile(deployDir: string, id: string, languages: readonly string[]): Promise<AppDescription> {
  const data = await readOptional(join(deployDir, 'export/share/applications', `${id}.desktop`));
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
    for (const file of lists[i] ?? []) {
      const m = /^(.+)\.(svg|png)$/.exec(file);
      if (m?.[1] && !index.has(m[1])) index.set(m[1], join(hicolor, size, 'apps', file));
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
  const { name, summary, categories } = await fromDesktopFile(deployDir, id, languages);
  return {
    ...(name ? { name } : {}),
    ...(summary ? { summary } : {}),
    ...(categories ? { categories } : {}),
    ...stream,
  };
}

// Reads what an app says about itself (name, summary, developer, version, categories, icon)
// from its deployed files: the AppStream catalogue Flatpak deploys with it, its metainfo, and
// its desktop file, in that order of preference. No subprocess, no network.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { KeyFile } from '../../shared/keyfile/keyfile';

const gunzipAsync = promisify(gunzip);

export interface AppDescription {
  name?: string;
  summary?: string;
  developer?: string;
  version?: string;
  categories?: string[];
  icon?: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['component', 'name', 'summary', 'category', 'release', 'developer_name'].includes(name),
  processEntities: true,
  htmlEntities: false,
});

type XmlNode = Record<string, unknown>;

function text(node: unknown): string | undefined {
  if (typeof node === 'string') return node.trim() || undefined;
  if (typeof node === 'number') return String(node);
  if (node && typeof node === 'object' && '#text' in node) return text((node as XmlNode)['#text']);
  return undefined;
}

/** The untranslated one of several localised elements. */
function untranslated(nodes: unknown): string | undefined {
  if (!Array.isArray(nodes)) return text(nodes);
  const plain = nodes.find((n) => !(n && typeof n === 'object' && '@xml:lang' in n));
  return text(plain ?? nodes[0]);
}

function fromComponent(c: XmlNode): AppDescription {
  const d: AppDescription = {};
  const name = untranslated(c.name);
  if (name) d.name = name;
  const summary = untranslated(c.summary);
  if (summary) d.summary = summary;
  const developer = untranslated(c.developer_name) ?? untranslated((c.developer as XmlNode | undefined)?.name);
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
  const byId = components.find((c) => text((c as XmlNode).id) === id || text((c as XmlNode).id) === `${id}.desktop`);
  return (byId ?? (components.length === 1 ? components[0] : undefined)) as XmlNode | undefined;
}

async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

async function fromAppstream(deployDir: string, id: string): Promise<AppDescription | undefined> {
  for (const rel of [`files/share/swcatalog/xml/${id}.xml.gz`, `files/share/app-info/xmls/${id}.xml.gz`]) {
    const gz = await readOptional(join(deployDir, rel));
    if (!gz) continue;
    try {
      const component = componentFor(parser.parse((await gunzipAsync(gz)).toString('utf8')) as XmlNode, id);
      if (component) return fromComponent(component);
    } catch {
      // A broken catalogue is not fatal: the metainfo and desktop file can still name the app.
    }
  }
  for (const rel of [`files/share/metainfo/${id}.metainfo.xml`, `files/share/metainfo/${id}.appdata.xml`, `files/share/appdata/${id}.appdata.xml`]) {
    const xml = await readOptional(join(deployDir, rel));
    if (!xml) continue;
    try {
      const component = componentFor(parser.parse(xml.toString('utf8')) as XmlNode, id);
      if (component) return fromComponent(component);
    } catch {
      // As above.
    }
  }
  return undefined;
}

async function fromDesktopFile(deployDir: string, id: string): Promise<AppDescription & { iconName?: string }> {
  const data = await readOptional(join(deployDir, 'export/share/applications', `${id}.desktop`));
  if (!data) return {};
  const parsed = KeyFile.parse(data.toString('utf8'));
  if (!parsed.ok) return {};
  const g = 'Desktop Entry';
  const get = (k: string) => parsed.file.getString(g, k)?.value || undefined;
  const d: AppDescription & { iconName?: string } = {};
  const name = get('Name');
  if (name) d.name = name;
  const comment = get('Comment');
  if (comment) d.summary = comment;
  const icon = get('Icon');
  if (icon) d.iconName = icon;
  const cats = parsed.file.getStringList(g, 'Categories');
  if (cats && !cats.problem) d.categories = cats.items.filter(Boolean);
  return d;
}

const ICON_SIZES = ['scalable', '128x128', '256x256', '96x96', '64x64', '512x512', '48x48', '32x32'];

async function findIcon(deployDir: string, name: string): Promise<string | undefined> {
  const hicolor = join(deployDir, 'export/share/icons/hicolor');
  let sizes: string[];
  try {
    sizes = await readdir(hicolor);
  } catch {
    sizes = [];
  }
  const ordered = [...ICON_SIZES.filter((s) => sizes.includes(s)), ...sizes.filter((s) => !ICON_SIZES.includes(s))];
  for (const size of ordered) {
    let files: string[];
    try {
      files = await readdir(join(hicolor, size, 'apps'));
    } catch {
      continue;
    }
    for (const ext of ['svg', 'png']) if (files.includes(`${name}.${ext}`)) return join(hicolor, size, 'apps', `${name}.${ext}`);
  }
  for (const size of ['128x128', '64x64']) {
    const cached = join(deployDir, 'files/share/app-info/icons/flatpak', size, `${name}.png`);
    if (await readOptional(cached)) return cached;
  }
  return undefined;
}

export async function describeApp(deployDir: string, id: string): Promise<AppDescription> {
  const [stream, desktop] = await Promise.all([fromAppstream(deployDir, id), fromDesktopFile(deployDir, id)]);
  const merged: AppDescription = { ...desktop, ...stream };
  delete (merged as { iconName?: string }).iconName;
  // An icon name from the desktop file becomes part of a path, so it must be a plain name.
  const iconName = desktop.iconName && /^[A-Za-z0-9_.-]+$/.test(desktop.iconName) && !desktop.iconName.startsWith('.') ? desktop.iconName : id;
  const icon = await findIcon(deployDir, iconName);
  if (icon) merged.icon = icon;
  return merged;
}

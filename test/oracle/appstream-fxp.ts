// The AppStream reader Confine had before its streaming one (issue 15): fast-xml-parser builds a
// tree of the whole document, and the fields are picked from it. Kept as the oracle the streaming
// reader is compared with; it is not used by Confine itself.

import { XMLParser } from 'fast-xml-parser';
import type { AppDescription } from '../../shared/appstream/component';
import { bestTranslation } from '../../shared/i18n/locales';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['component', 'name', 'summary', 'category', 'release', 'developer_name'].includes(name),
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

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

/** What the tree reader made of a document; undefined where it threw or found no component. */
export function describeWithTree(xml: string, id: string, languages: readonly string[]): AppDescription | undefined {
  try {
    const component = componentFor(parser.parse(xml) as XmlNode, id);
    return component ? fromComponent(component, languages) : undefined;
  } catch {
    return undefined;
  }
}

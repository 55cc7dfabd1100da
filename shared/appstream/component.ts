// What an AppStream document (a catalogue Flatpak deploys, or an app's metainfo) says of one app:
// name, summary, developer, version, categories. Read in one pass with a streaming XML parser
// (saxes), keeping only those few fields, where building a tree of every element cost a cold start
// at a thousand apps most of its time (issue 15). Pure: a string in, a description out.
//
// The parser is strict: a document that is not well-formed XML (an unclosed or mismatched tag, an
// entity it does not define, a broken character reference) is refused as a whole, and the caller
// falls back to the app's other files, as it does for an unreadable one. Entities declared in a
// DOCTYPE are never expanded (one that is used is an undefined entity, so refused), which keeps
// "billion laughs" documents out; nesting costs no stack, as nothing is built of it.

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { bestTranslation } from '../i18n/locales';

export interface AppDescription {
  name?: string;
  summary?: string;
  developer?: string;
  version?: string;
  categories?: string[];
}

/** A localisable element's text, with the language it is in (none: untranslated). */
interface Localised {
  readonly lang: string | undefined;
  readonly text: string | undefined;
}

/** The fields of one <component>, as its elements were met. An element that may appear once but
 *  appears twice is counted, and then not read: which of the two is meant is not said. */
class ComponentFields {
  readonly ids: (string | undefined)[] = [];
  readonly names: Localised[] = [];
  readonly summaries: Localised[] = [];
  readonly developerNames: Localised[] = [];
  /** The <name>s of each <developer> element. */
  readonly developers: Localised[][] = [];
  /** Of each <releases> element, the version its first <release> has (AppStream lists the newest
   *  first), null before one is met. */
  readonly releases: (string | undefined | null)[] = [];
  /** The <category> texts of each <categories> element. */
  readonly categories: (string | undefined)[][] = [];
}

const trimmed = (s: string): string | undefined => s.trim() || undefined;

/** Of several localised elements, the one in the best of the requested languages, else the
 *  untranslated one (else the first). */
function localised(list: readonly Localised[], languages: readonly string[]): string | undefined {
  if (list.length === 0) return undefined;
  const langs = list.map((l) => l.lang);
  const best = bestTranslation(
    langs.filter((l): l is string => l !== undefined),
    languages,
  );
  const chosen = best !== undefined ? list[langs.indexOf(best)]?.text : undefined;
  return chosen ?? (list.find((l) => l.lang === undefined) ?? list[0])?.text;
}

function describe(c: ComponentFields, languages: readonly string[]): AppDescription {
  const d: AppDescription = {};
  const name = localised(c.names, languages);
  if (name) d.name = name;
  const summary = localised(c.summaries, languages);
  if (summary) d.summary = summary;
  const developer =
    localised(c.developerNames, languages) ??
    (c.developers.length === 1 ? localised(c.developers[0] ?? [], languages) : undefined);
  if (developer) d.developer = developer;
  const version = c.releases.length === 1 ? c.releases[0] : undefined;
  if (version) d.version = version;
  const categories = c.categories.length === 1 ? c.categories[0] : undefined;
  // An empty <categories> says nothing; one with only empty <category> elements says "none".
  if (categories && categories.length > 0) d.categories = categories.filter((x): x is string => !!x);
  return d;
}

/** What an element's text becomes once the element closes; null for one whose text is not kept. */
type Sink = ((text: string | undefined) => void) | null;

/**
 * The description of the component `id` (or `id.desktop`) in an AppStream document, else of its
 * only component; undefined when it has neither or is not well-formed XML.
 */
export function describeComponent(xml: string, id: string, languages: readonly string[]): AppDescription | undefined {
  const components: ComponentFields[] = [];
  // The open elements, outermost first, with what becomes of each one's text and that text so far.
  const open: string[] = [];
  const sinks: Sink[] = [];
  const texts: string[] = [];
  let current: ComponentFields | undefined;
  /** The depth of the component being read: 1 under <components>, 0 as the document's root. */
  let componentDepth = -1;

  const sinkFor = (tag: SaxesTagPlain, c: ComponentFields, within: number, parent: string | undefined): Sink => {
    const name = tag.name;
    const local =
      (list: Localised[]): Sink =>
      (text) =>
        list.push({ lang: tag.attributes['xml:lang'], text });
    if (within === 1) {
      if (name === 'id') return (text) => c.ids.push(text);
      if (name === 'name') return local(c.names);
      if (name === 'summary') return local(c.summaries);
      if (name === 'developer_name') return local(c.developerNames);
      if (name === 'developer') c.developers.push([]);
      else if (name === 'releases') c.releases.push(null);
      else if (name === 'categories') c.categories.push([]);
    } else if (within === 2) {
      if (parent === 'developer' && name === 'name') return local(c.developers.at(-1) ?? []);
      if (parent === 'categories' && name === 'category') return (text) => c.categories.at(-1)?.push(text);
      if (parent === 'releases' && name === 'release' && c.releases.at(-1) === null) {
        const version = tag.attributes.version;
        c.releases[c.releases.length - 1] = version === undefined ? undefined : trimmed(version);
      }
    }
    return null;
  };

  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const depth = open.length;
    let sink: Sink = null;
    if (current === undefined) {
      if (tag.name === 'component' && (depth === 0 || (depth === 1 && open[0] === 'components'))) {
        current = new ComponentFields();
        componentDepth = depth;
      }
    } else sink = sinkFor(tag, current, depth - componentDepth, open[depth - 1]);
    open.push(tag.name);
    sinks.push(sink);
    texts.push('');
  });
  // An element's own text, its child elements' left out; CDATA is text as it stands.
  const onText = (t: string) => {
    const top = texts.length - 1;
    if (top >= 0 && sinks[top] !== null) texts[top] += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const sink = sinks.pop();
    const text = texts.pop() ?? '';
    open.pop();
    if (sink) sink(trimmed(text));
    if (current !== undefined && open.length === componentDepth) {
      components.push(current);
      current = undefined;
    }
  });
  try {
    parser.write(xml).close();
  } catch {
    // Not well-formed: refused whole (see the top of the file).
    return undefined;
  }
  const matches = (c: ComponentFields) => {
    const own = c.ids.length === 1 ? c.ids[0] : undefined;
    return own === id || own === `${id}.desktop`;
  };
  const chosen = components.find(matches) ?? (components.length === 1 ? components[0] : undefined);
  return chosen === undefined ? undefined : describe(chosen, languages);
}

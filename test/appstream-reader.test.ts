// The streaming AppStream reader (shared/appstream/component.ts) against the tree reader Confine
// had before it (test/oracle/appstream-fxp.ts): the same description of every catalogue and
// metainfo file of the real test bed and of generated documents; and on hostile documents either
// the same result or a refusal that the tests below state.

import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeComponent } from '../shared/appstream/component';
import { describeApp, MAX_CATALOGUE } from '../electron/services/appstream';
import { describeWithTree } from './oracle/appstream-fxp';
import { tempDir } from './helpers/temp';
import { testbed } from './helpers/testbed';

const LANGUAGE_SETS: readonly (readonly string[])[] = [[], ['de-DE'], ['fr'], ['pt-BR', 'de'], ['sr-Latn']];

describe('the streaming reader reads what the tree reader read', () => {
  it('of every catalogue and metainfo file deployed in the test bed', async () => {
    const bed = testbed();
    const system = new Set(bed.systemAppIds);
    let compared = 0;
    for (const { id } of bed.apps) {
      const files = join(
        system.has(id) ? bed.systemDir : bed.userDir,
        'app',
        id,
        bed.arch,
        'stable/active/files/share',
      );
      for (const [path, packed] of [
        [`app-info/xmls/${id}.xml.gz`, true],
        [`metainfo/${id}.metainfo.xml`, false],
      ] as const) {
        const bytes = await readFile(join(files, path));
        const xml = (packed ? gunzipSync(bytes) : bytes).toString('utf8');
        for (const languages of LANGUAGE_SETS) {
          const streamed = describeComponent(xml, id, languages);
          expect({ path, languages, streamed }).toEqual({
            path,
            languages,
            streamed: describeWithTree(xml, id, languages),
          });
          expect(streamed?.name).toBeTruthy();
          compared++;
        }
      }
    }
    expect(compared).toBe(bed.apps.length * 2 * LANGUAGE_SETS.length);
  });

  it('of generated documents: localised fields, several components, repeated and empty elements', () => {
    fc.assert(
      fc.property(documents, fc.constantFrom(...LANGUAGE_SETS), ({ xml, id }, languages) => {
        expect(describeComponent(xml, id, languages)).toEqual(describeWithTree(xml, id, languages));
      }),
      { numRuns: 400 },
    );
  });
});

// Text as catalogues have it: words, non-ASCII letters, the five XML entities, character
// references, spaces around it.
const word = fc.constantFrom(
  'Maps',
  'Karten',
  'Éditeur',
  'Straße',
  '地図',
  '🗺',
  '&amp;',
  '&lt;b&gt;',
  '&quot;x&quot;',
  '&apos;',
  '&#233;',
  '&#x1F5FA;',
  'A&amp;B',
  '0',
);
const text = fc
  .tuple(fc.constantFrom('', ' ', '\n  '), fc.array(word, { maxLength: 3 }), fc.constantFrom('', ' ', '\n'))
  .map(([a, ws, b]) => `${a}${ws.join(' ')}${b}`);
const lang = fc.option(fc.constantFrom('de', 'de_DE', 'fr', 'pt_BR', 'sr@latin', 'en_GB'), { nil: undefined });
const element = (name: string, t: string, l?: string) =>
  fc.constantFrom(true, false).map((selfClose) => {
    const attrs = l === undefined ? '' : ` xml:lang="${l}"`;
    return t === '' && selfClose ? `<${name}${attrs}/>` : `<${name}${attrs}>${t}</${name}>`;
  });
const localisedElement = (name: string) => fc.tuple(text, lang).chain(([t, l]) => element(name, t, l));
const ID = 'org.example.Maps';
const idElement = fc.constantFrom(ID, `${ID}.desktop`, 'org.example.Other', ` ${ID} `).map((i) => `<id>${i}</id>`);
const developer = fc
  .array(localisedElement('name'), { maxLength: 2 })
  .map((names) => `<developer id="example.org">${names.join('')}</developer>`);
const release = fc
  .option(fc.constantFrom('1.0', ' 2.3.4-beta ', '45', ''), { nil: undefined })
  .map((v) => (v === undefined ? '<release timestamp="1"/>' : `<release version="${v}" timestamp="1"/>`));
const releases = fc.array(release, { maxLength: 3 }).map((r) => `<releases>${r.join('\n')}</releases>`);
const categories = fc
  .array(fc.constantFrom('Utility', 'Maps', ' Game ', ''), { maxLength: 3 })
  .map(
    (cs) =>
      `<categories>${cs.map((c) => (c === '' ? '<category/>' : `<category>${c}</category>`)).join('')}</categories>`,
  );
// What a catalogue has beside: description markup (with its own <name>-less children), icons,
// comments; none of it may leak into the fields.
const other = fc.constantFrom(
  '<description><p>A <em>map</em> app</p><ul><li>Find &amp; go</li></ul></description>',
  '<icon type="cached" width="64" height="64">org.example.Maps.png</icon>',
  '<launchable type="desktop-id">org.example.Maps.desktop</launchable>',
  '<!-- <name>Not this</name> -->',
  '<content_rating type="oars-1.1"/>',
  '<url type="homepage">https://example.org/?a=1&amp;b=2</url>',
  '<provides><id>org.example.Other</id></provides>',
  '<custom><name>Not this</name><value key="x">y</value></custom>',
  '<suggests><developer><name>Not this</name></developer></suggests>',
);
const component = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: idElement },
      { weight: 4, arbitrary: localisedElement('name') },
      { weight: 3, arbitrary: localisedElement('summary') },
      { weight: 2, arbitrary: localisedElement('developer_name') },
      { weight: 1, arbitrary: developer },
      { weight: 2, arbitrary: releases },
      { weight: 2, arbitrary: categories },
      { weight: 2, arbitrary: other },
    ),
    { maxLength: 10 },
  )
  .map((children) => `<component type="desktop-application">\n  ${children.join('\n  ')}\n</component>`);
const documents = fc
  .tuple(
    fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>\n', '\uFEFF<?xml version="1.0"?>'),
    fc.oneof(
      component,
      fc
        .array(component, { minLength: 1, maxLength: 3 })
        .map((cs) => `<components version="0.8">${cs.join('')}</components>`),
    ),
  )
  .map(([declaration, body]) => ({ xml: `${declaration}${body}\n`, id: ID }));

describe('hostile documents: the streaming reader refuses what is not well-formed XML', () => {
  const named = (body: string) => `<component><id>${ID}</id>${body}</component>`;

  it('expands no entity a DOCTYPE declares: a "billion laughs" document is refused at once', () => {
    const lol = [
      '<!ENTITY lol0 "lol">',
      ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`),
    ].join('');
    const xml = `<?xml version="1.0"?><!DOCTYPE component [${lol}]>${named('<name>&lol9;</name>')}`;
    const t = performance.now();
    expect(describeComponent(xml, ID, [])).toBeUndefined();
    expect(performance.now() - t).toBeLessThan(1000);
    // A DOCTYPE alone is harmless: what does not use its entities is read.
    expect(describeComponent(`<!DOCTYPE component [${lol}]>${named('<name>Maps</name>')}`, ID, [])).toEqual({
      name: 'Maps',
    });
  });

  it('reads no file an external entity names', () => {
    const xml = `<!DOCTYPE component [<!ENTITY pw SYSTEM "file:///etc/passwd">]>${named('<name>&pw;</name>')}`;
    expect(describeComponent(xml, ID, [])).toBeUndefined();
  });

  it('refuses unclosed and mismatched tags and undefined entities, which the tree reader let through', () => {
    for (const xml of [
      `<component><id>${ID}</id><name>Maps</name>`,
      `<component><id>${ID}</id><name>Maps</nam></component>`,
      named('<name>Maps&nbsp;Pro</name>'),
      named('<name>Maps &#0; Pro</name>'),
      `${named('<name>Maps</name>')}<component/>`,
    ]) {
      expect({ xml, tree: describeWithTree(xml, ID, [])?.name !== undefined }).toEqual({ xml, tree: true });
      expect({ xml, streamed: describeComponent(xml, ID, []) }).toEqual({ xml, streamed: undefined });
    }
  });

  it('takes CDATA as it stands, where the tree reader decoded entities in it', () => {
    expect(describeComponent(named('<name><![CDATA[Maps &amp; <More>]]></name>'), ID, [])).toEqual({
      name: 'Maps &amp; <More>',
    });
  });

  it('reads a component under nesting far deeper than a tree reader’s stack', () => {
    const depth = 100_000;
    const xml = named(`<description>${'<p>'.repeat(depth)}x${'</p>'.repeat(depth)}</description><name>Maps</name>`);
    expect(describeWithTree(xml, ID, [])).toBeUndefined();
    expect(describeComponent(xml, ID, [])).toEqual({ name: 'Maps' });
  });

  it('finds its component among thousands in a large catalogue', () => {
    const others = Array.from(
      { length: 20_000 },
      (_, i) => `<component><id>org.example.App${i}</id><name>App ${i}</name></component>`,
    );
    others.splice(15_000, 0, named('<name>Maps</name><summary>Find places</summary>'));
    const xml = `<components version="0.8">${others.join('\n')}</components>`;
    expect(describeComponent(xml, ID, [])).toEqual({ name: 'Maps', summary: 'Find places' });
  });
});

describe('an app’s catalogue that unpacks too large', () => {
  it('is refused, and the app is named from its other files', async () => {
    const dir = await tempDir('confine-appstream-bomb-');
    const xmls = join(dir, 'files/share/app-info/xmls');
    await mkdir(xmls, { recursive: true });
    // Well-formed, and read in full were it let through: a comment past the limit.
    const padding = `<!--${' '.repeat(MAX_CATALOGUE)}-->`;
    await writeFile(join(xmls, `${ID}.xml.gz`), gzipSync(`${named('<name>Bomb</name>')}${padding}`));
    const metainfo = join(dir, 'files/share/metainfo');
    await mkdir(metainfo, { recursive: true });
    await writeFile(join(metainfo, `${ID}.metainfo.xml`), named('<name>Maps</name>'));
    expect(await describeApp(dir, ID, [])).toEqual({ name: 'Maps' });
  });

  function named(body: string): string {
    return `<component><id>${ID}</id>${body}</component>`;
  }
});

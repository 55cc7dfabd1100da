// Brings the translation catalogs up to date with the code: `npm run i18n:extract`.
//
// 1. FormatJS's extractor finds every message in the sources (`t({ id, defaultMessage })`,
//    `defineMessage(s)`): locales/confine.pot, the template, lists them all.
// 2. Each locales/LANG.po gets the template's messages, keeping every translation whose English
//    is unchanged; a translation whose English changed is kept but marked fuzzy, with the old
//    English beside it, so the translator sees what moved. Messages gone from the code go.
// 3. shared/i18n/catalogs/LANG.json, what the program loads, holds the finished translations
//    (neither empty nor fuzzy).
//
// In the PO files a message's stable ID is its context (msgctxt) and its English the msgid, the
// layout Weblate, Poedit and msgmerge read as bilingual. `--check` writes nothing and fails when
// any of the files would change: CI runs it, so the catalogs never lag the code.

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { po, type GetTextTranslation, type GetTextTranslations } from 'gettext-parser';

const root = join(import.meta.dirname, '..');
const LOCALES_DIR = join(root, 'locales');
const CATALOGS_DIR = join(root, 'shared/i18n/catalogs');
const SOURCE_DIRS = ['shared', 'electron', 'renderer/src'];

interface Extracted {
  readonly defaultMessage: string;
  readonly description?: string;
  readonly file: string;
}

async function sources(): Promise<string[]> {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) {
    for (const entry of await readdir(join(root, dir), { recursive: true })) {
      const file = join(dir, entry);
      // The formatter itself passes descriptors through, which the extractor would take for messages.
      if (file.startsWith('shared/i18n/')) continue;
      if (/\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith('.d.ts')) files.push(file);
    }
  }
  return files.sort();
}

async function extract(): Promise<Map<string, Extracted>> {
  const work = await mkdtemp(join(tmpdir(), 'confine-i18n-'));
  try {
    const list = join(work, 'files.txt');
    const out = join(work, 'messages.json');
    await writeFile(list, (await sources()).join('\n'));
    const bin = join(root, 'node_modules/.bin/formatjs');
    const args = ['extract', '--in-file', list, '--out-file', out];
    args.push('--additional-function-names', 't', '--preserve-whitespace', '--extract-source-location', '--throws');
    await promisify(execFile)(bin, args, { cwd: root });
    const raw = JSON.parse(await readFile(out, 'utf8')) as Record<
      string,
      { defaultMessage: string; description?: string; file: string }
    >;
    return new Map(
      Object.keys(raw)
        .sort()
        .map((id) => {
          const { defaultMessage, description, file } = raw[id]!;
          return [id, { defaultMessage, description, file: relative(root, resolve(root, file)) }];
        }),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const HEADER_ORDER = ['Project-Id-Version', 'Language', 'MIME-Version', 'Content-Type', 'Content-Transfer-Encoding'];

function table(language: string, entries: GetTextTranslation[]): GetTextTranslations {
  const headers: Record<string, string> = {
    'Project-Id-Version': 'Confine',
    Language: language,
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=UTF-8',
    'Content-Transfer-Encoding': '8bit',
  };
  const translations: GetTextTranslations['translations'] = {
    '': { '': { msgid: '', msgstr: [HEADER_ORDER.map((h) => `${h}: ${headers[h]}\n`).join('')] } },
  };
  for (const e of entries) translations[e.msgctxt!] = { [e.msgid]: e };
  return { charset: 'utf-8', headers, translations };
}

const compile = (t: GetTextTranslations): string =>
  po.compile(t, { foldLength: 0, sort: false }).toString('utf8') + '\n';

function templateEntry(id: string, m: Extracted, msgstr = ''): GetTextTranslation {
  const comments: GetTextTranslation['comments'] = { reference: m.file };
  if (m.description) comments.extracted = m.description;
  return { msgctxt: id, msgid: m.defaultMessage, msgstr: [msgstr], comments };
}

/** The language's entries for the template's messages: translations kept where the English is
 *  the same, kept as fuzzy with the old English where it changed, empty where new. */
function merge(messages: Map<string, Extracted>, old: GetTextTranslations | undefined): GetTextTranslation[] {
  const before = new Map<string, GetTextTranslation>();
  for (const [ctx, byId] of Object.entries(old?.translations ?? {}))
    for (const entry of Object.values(byId)) if (ctx !== '') before.set(ctx, entry);
  return [...messages].map(([id, m]) => {
    const prior = before.get(id);
    const entry = templateEntry(id, m, prior?.msgstr[0] ?? '');
    const translator = prior?.comments?.translator;
    if (translator) entry.comments!.translator = translator;
    if (prior && prior.msgstr[0] !== '') {
      const wasFuzzy = prior.comments?.flag?.split(/,\s*/).includes('fuzzy') ?? false;
      if (wasFuzzy || prior.msgid !== m.defaultMessage) {
        entry.comments!.flag = 'fuzzy';
        // The English the translation was made for, kept across later changes until it is done.
        entry.comments!.previous = prior.comments?.previous ?? `msgid ${JSON.stringify(prior.msgid)}`;
      }
    }
    return entry;
  });
}

/** What the program loads: finished translations only. */
function runtimeCatalog(entries: GetTextTranslation[]): string {
  const done: Record<string, string> = {};
  for (const e of entries) {
    const fuzzy = e.comments?.flag?.split(/,\s*/).includes('fuzzy') ?? false;
    if (!fuzzy && e.msgstr[0]) done[e.msgctxt!] = e.msgstr[0];
  }
  return JSON.stringify(done, null, 2) + '\n';
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const messages = await extract();
  const outputs = new Map<string, string>();
  outputs.set(
    join(LOCALES_DIR, 'confine.pot'),
    compile(
      table(
        '',
        [...messages].map(([id, m]) => templateEntry(id, m)),
      ),
    ),
  );
  const languages = (await readdir(LOCALES_DIR)).filter((f) => f.endsWith('.po')).map((f) => f.slice(0, -3));
  for (const language of languages.sort()) {
    const file = join(LOCALES_DIR, `${language}.po`);
    const entries = merge(messages, po.parse(await readFile(file)));
    outputs.set(file, compile(table(language, entries)));
    outputs.set(join(CATALOGS_DIR, `${language}.json`), runtimeCatalog(entries));
  }
  const stale: string[] = [];
  for (const [file, text] of outputs) {
    const now = await readFile(file, 'utf8').catch(() => undefined);
    if (now === text) continue;
    stale.push(relative(root, file));
    if (!check) await writeFile(file, text);
  }
  if (check && stale.length > 0) {
    console.error(`Catalogs out of date with the code (run npm run i18n:extract): ${stale.join(', ')}`);
    process.exitCode = 1;
  } else {
    console.log(`${messages.size} messages; ${stale.length === 0 ? 'nothing changed' : `updated ${stale.join(', ')}`}`);
  }
}

await main();

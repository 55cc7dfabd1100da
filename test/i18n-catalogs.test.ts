// The translation catalogs against the code: up to date, complete, and each translation a valid
// message with the same placeholders as its English.

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  isPluralElement,
  isSelectElement,
  isTagElement,
  parse,
  TYPE,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';
import { po, type GetTextTranslation } from 'gettext-parser';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const TRANSLATIONS = ['de', 'fr'];
// A translator comment saying the text is the same on purpose (a name, a Flatpak token).
const SAME_ON_PURPOSE = /\bsame as English\b/i;

async function entries(file: string): Promise<GetTextTranslation[]> {
  const table = po.parse(await readFile(join(ROOT, 'locales', file)));
  return Object.entries(table.translations)
    .filter(([ctx]) => ctx !== '')
    .flatMap(([, byId]) => Object.values(byId));
}

/** The placeholders a message uses, with the kind of each: `count:plural`, `name:argument`. */
function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.literal || e.type === TYPE.pound) continue;
    if (isTagElement(e)) {
      into.add(`<${e.value}>`);
      placeholders(e.children, into);
      continue;
    }
    into.add(`${e.value}:${TYPE[e.type]}`);
    if (isPluralElement(e) || isSelectElement(e)) for (const o of Object.values(e.options)) placeholders(o.value, into);
  }
  return into;
}

describe('translation catalogs', () => {
  it('are up to date with the code (npm run i18n:extract changes nothing)', async () => {
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    await expect(
      promisify(execFile)(tsx, ['scripts/i18n-extract.ts', '--check'], { cwd: ROOT }),
    ).resolves.toBeDefined();
  }, 60_000);

  it.each(TRANSLATIONS)('%s translates every message, none left as English by mistake', async (language) => {
    const template = await entries('confine.pot');
    const translated = new Map((await entries(`${language}.po`)).map((e) => [e.msgctxt, e]));
    expect(template.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const { msgctxt: id, msgid: english } of template) {
      const entry = translated.get(id);
      const text = entry?.msgstr[0] ?? '';
      if (text === '') problems.push(`${id}: not translated`);
      else if (entry?.comments?.flag?.includes('fuzzy')) problems.push(`${id}: fuzzy (its English changed)`);
      else if (
        text === english &&
        /\p{L}{3}/u.test(english) &&
        !SAME_ON_PURPOSE.test(entry?.comments?.translator ?? '')
      )
        problems.push(`${id}: identical to English`);
    }
    expect(problems).toEqual([]);
  });

  it.each(TRANSLATIONS)('%s: every translation parses and has the placeholders of its English', async (language) => {
    const problems: string[] = [];
    for (const { msgctxt: id, msgid: english, msgstr } of await entries(`${language}.po`)) {
      const text = msgstr[0] ?? '';
      if (text === '') continue;
      try {
        const parsed = parse(text);
        expect([...placeholders(parsed)].sort(), `${id}`).toEqual([...placeholders(parse(english))].sort());
        for (const e of parsed)
          if ((isPluralElement(e) || isSelectElement(e)) && !('other' in e.options)) problems.push(`${id}: no "other"`);
      } catch (e) {
        problems.push(`${id}: ${(e as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

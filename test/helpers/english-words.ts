// Finds English that bypassed the catalog in text shown under the pseudo-locale en-XA, where every
// letter of a translated message is accented: a run of three or more plain ASCII letters is either
// data (an app ID, an app's name, a path, a Flatpak token, a command or a flag) or a string that
// never went through `t()`. The CLI tests and the window's pseudo-locale check share it.

/** What a caller knows is data in the text: whole strings (app names, other areas' prose not yet
 *  translated) and single words (Flatpak tokens such as `network`, command names). */
export interface Data {
  readonly strings?: readonly string[];
  readonly words?: readonly string[];
}

// Shapes that are data whatever the words: flags and options, paths and TABLE/ID, KEY=VALUE and
// keyfile lines, dotted names (app and bus IDs, file names, versions), KIND:VALUE and :suffix, snake_case,
// URLs. Words in capitals are data too (metavariables such as APP, acronyms such as JSON).
const DATA_TOKEN = [
  /^--?[A-Za-z]/,
  /\//,
  /=/,
  /[A-Za-z0-9]\.[A-Za-z0-9]/,
  /[A-Za-z0-9]:[A-Za-z0-9]/,
  /^\[?:[A-Za-z]/,
  /_/,
  /^https?:/,
];

// Punctuation around a word, in the scripts the CLI writes (French quotes and no-break spaces too).
const EDGES = /^[\s([{"'`«„“‘’»”)\]}.,;:!?…|]+|[\s([{"'`«„“‘’»”)\]},.;:!?…|]+$/gu;

/** The runs of 3+ unaccented ASCII letters in `text` that are not data, each with its line. */
export function englishWords(text: string, data: Data = {}): string[] {
  // A command line quoted in backticks: `flatpak info --show-permissions`.
  let rest = text.replace(/`[^`\n]*`/g, ' ');
  // Longest first, so a name that holds a shorter one goes whole.
  for (const s of [...(data.strings ?? [])].filter((s) => s !== '').sort((a, b) => b.length - a.length))
    rest = rest.split(s).join(' ');
  const words = new Set(data.words ?? []);
  const found: string[] = [];
  for (const line of rest.split('\n')) {
    // A keyfile group heading (`[Context]`, `[Session Bus Policy]`), as flatpak prints them.
    if (/^\[[^\]]*\]$/.test(line.trim())) continue;
    for (const raw of line.split(/[\s\u00a0,|]+/)) {
      const token = raw.replace(EDGES, '');
      if (token === '' || words.has(token) || DATA_TOKEN.some((shape) => shape.test(token) || shape.test(raw)))
        continue;
      for (const [word] of token.matchAll(/[A-Za-z]{3,}/g))
        if (!words.has(word) && word !== word.toUpperCase()) found.push(`${word} in: ${line.trim()}`);
    }
  }
  return found;
}

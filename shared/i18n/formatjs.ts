// What Confine uses of formatjs, reached through one function. The window and the tests get it
// here, loaded with the rest; the CLI's build puts electron/cli/formatjs-lazy.ts in this
// module's place, which loads formatjs on first use: most runs put only plain messages into
// words (see plainFormat in index.ts), and formatjs was more than a quarter of the code every
// run of the CLI compiled (issue 19).

import { createIntl, createIntlCache, IntlErrorCode } from '@formatjs/intl';
import {
  isLiteralElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  parse,
} from '@formatjs/icu-messageformat-parser';

const FORMATJS = {
  createIntl,
  createIntlCache,
  IntlErrorCode,
  parse,
  isLiteralElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
};

export type Formatjs = typeof FORMATJS;

export const formatjs = (): Formatjs => FORMATJS;

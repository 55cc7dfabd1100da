// Messages with elements inside them (a path as code, a value in bold): the message is formatted
// whole, so a translator can move the element anywhere in the sentence, and the element is put
// where its placeholder landed.

import { Fragment, type ReactNode } from 'react';
import { formatList, t, type Message, type Values } from '../../../shared/i18n';

// Private-use characters: no message or value holds them, so the split finds only these marks.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARK = new RegExp(`${OPEN}(\\d+)${CLOSE}`);

/** The message in the current language, each placeholder of `elements` replaced by its element. */
export function rich(message: Message, values: Values, elements: Readonly<Record<string, ReactNode>>): ReactNode {
  const nodes = Object.values(elements);
  const marks = Object.fromEntries(Object.keys(elements).map((name, i) => [name, `${OPEN}${i}${CLOSE}`]));
  const parts = t(message, { ...values, ...marks }).split(MARK);
  // split with a capturing group: text, index, text, index, …, text.
  return parts.map((part, i) => (i % 2 === 0 ? part : <Fragment key={`${part}-${i}`}>{nodes[Number(part)]}</Fragment>));
}

/** Elements joined as the language joins a list ("a, b and c"). */
export function richList(items: readonly ReactNode[], type: 'conjunction' | 'disjunction' = 'conjunction'): ReactNode {
  const parts = formatList(
    items.map((_, i) => `${OPEN}${i}${CLOSE}`),
    type,
  ).split(MARK);
  return parts.map((part, i) => (i % 2 === 0 ? part : <Fragment key={`${part}-${i}`}>{items[Number(part)]}</Fragment>));
}

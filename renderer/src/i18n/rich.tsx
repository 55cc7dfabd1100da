// A translated sentence with elements inside it (`<code>` around a path or a command): the
// message keeps the whole sentence, so a translator can move the element, and each element
// stands in it as a placeholder. t() formats text only, so the placeholders are formatted as
// markers no translation contains and the elements are put back where the markers land.

import { Fragment, type ReactNode } from 'react';
import { t, type Message, type Values } from '../../../shared/i18n';

// Private-use characters: no message, value or pseudo-translation produces them.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** The message with `elements[name]` in place of each `{name}` that names an element. */
export function rich(message: Message, values: Values, elements: Readonly<Record<string, ReactNode>>): ReactNode[] {
  const names = Object.keys(elements);
  const marked = Object.fromEntries(names.map((name, i) => [name, `${OPEN}${i}${CLOSE}`]));
  const text = t(message, { ...values, ...marked });
  return text.split(new RegExp(`${OPEN}(\\d+)${CLOSE}`)).map((part, i) =>
    // split() puts the captured index at every odd position, the text between at the even ones.
    i % 2 === 1 ? <Fragment key={i}>{elements[names[Number(part)]!]}</Fragment> : part,
  );
}

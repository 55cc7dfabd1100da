// Tables of words that other areas read as plain strings (`SEVERITY_LABELS.high`), kept in that
// shape while each entry is formatted when it is read: module load comes before the process
// knows its language, so nothing here is put into words until it is used.

import { t, type Message, type Values } from '../i18n';

/** A record whose every field is its message (with the values given for it) in the current language. */
export function formatted<K extends string>(
  messages: Readonly<Record<K, Message>>,
  values: Readonly<Partial<Record<K, Values>>> = {} as Partial<Record<K, Values>>,
): Readonly<Record<K, string>> {
  const table = {} as Record<K, string>;
  for (const key of Object.keys(messages) as K[])
    Object.defineProperty(table, key, { get: () => t(messages[key], values[key]), enumerable: true });
  return Object.freeze(table);
}

/** A list whose every item is its message (with its values) in the current language. */
export function formattedList(messages: readonly (Message | readonly [Message, Values])[]): readonly string[] {
  const list: string[] = [];
  messages.forEach((m, i) => {
    const [message, values] = 'id' in m ? [m, undefined] : m;
    Object.defineProperty(list, i, { get: () => t(message, values), enumerable: true });
  });
  return Object.freeze(list);
}

// A message is keyed by a stable ID; its English text is the source every catalog translates.
// Tables of prose hold these descriptors, never formatted strings, so nothing is put into words
// before the process knows its language (module load comes first).

export interface Message {
  /** Stable, dotted: `finding.network.title`. Never reused for a different meaning. */
  readonly id: string;
  /** The English text, an ICU message: `{count, plural, one {# app} other {# apps}}`. */
  readonly defaultMessage: string;
  /** For translators: where it shows and what its placeholders hold. */
  readonly description?: string;
}

/** Marks descriptors for extraction (`npm run i18n:extract`); returns them unchanged. */
export function defineMessages<K extends string>(messages: Readonly<Record<K, Message>>): Readonly<Record<K, Message>> {
  return messages;
}

/** One descriptor, for extraction; returns it unchanged. */
export function defineMessage(message: Message): Message {
  return message;
}

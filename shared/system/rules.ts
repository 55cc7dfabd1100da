// Advice as a table of rules: each rule is data (its ID, card, severity and the model fields it
// reads) plus a test and the words it says, so that a rule can be found, cited and tested by its
// ID. The interpreter below is the only code that turns a table into advice.

import type { Advice, AdviceSeverity, SystemStatus } from './model';

/** What the rules read: the status before its verdict and advice are made. */
export type Facts = Omit<SystemStatus, 'verdict' | 'advice'>;

/** What a rule says, worded from the model; the interpreter adds the rule's ID, topic and severity. */
export interface AdviceText {
  readonly title: string;
  readonly detail: string;
  /** Left out of the advice when undefined, as a command Confine has none to show for. */
  readonly command?: string | undefined;
  readonly links?: readonly string[];
}

export interface AdviceRule<M = Facts> {
  /** Stable: the JSON output, the CLI and the window name advice by it. */
  readonly id: string;
  readonly topic: Advice['topic'];
  readonly severity: AdviceSeverity;
  /** The model fields the rule reads (dotted paths into SystemStatus), its evidence for what it says. */
  readonly evidence: readonly string[];
  readonly when: (m: M) => boolean;
  /** One text, or one per thing it is about (one per setuid bubblewrap, say). */
  readonly advise: (m: M) => AdviceText | readonly AdviceText[];
}

/** Problems first, then what is well, then notes. */
const SHOWN_ORDER: Readonly<Record<AdviceSeverity, number>> = { critical: 0, warning: 1, ok: 2, info: 3 };

function adviceOf<M>(rule: AdviceRule<M>, t: AdviceText): Advice {
  // Built key by key so that the JSON output keeps one order whatever order a rule wrote its text in.
  return {
    topic: rule.topic,
    id: rule.id,
    severity: rule.severity,
    title: t.title,
    detail: t.detail,
    ...(t.command !== undefined ? { command: t.command } : {}),
    ...(t.links !== undefined ? { links: t.links } : {}),
  };
}

/** The advice of every rule that applies, in table order within each severity (the sort is stable). */
export function runRules<M>(rules: readonly AdviceRule<M>[], m: M): Advice[] {
  const advice = rules.flatMap((rule) => {
    if (!rule.when(m)) return [];
    const said = rule.advise(m);
    return ('title' in said ? [said] : said).map((t) => adviceOf(rule, t));
  });
  return advice.sort((a, b) => SHOWN_ORDER[a.severity] - SHOWN_ORDER[b.severity]);
}

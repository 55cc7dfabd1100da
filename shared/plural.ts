// The one place the window chooses between a singular and a plural word, through the
// language's plural rules rather than "(s)", so a translation can replace it whole later.

const rules = new Intl.PluralRules('en');

/** `one` or `other`, as the plural rules choose for `n`. */
export function plural(n: number, one: string, other: string): string {
  return rules.select(n) === 'one' ? one : other;
}

/** The number and its noun: "1 app", "6 apps". */
export function count(n: number, one: string, other: string): string {
  return `${n} ${plural(n, one, other)}`;
}

// Results of pure functions kept while their input objects live: a read of a thousand apps
// whose files did not change gets back the very objects of the last read, without the work.

/** A number for each object, the same for its whole life; for keys made of several objects. */
const ids = new WeakMap<object, number>();
let nextId = 1;
export function identityOf(object: object): number {
  let id = ids.get(object);
  if (id === undefined) ids.set(object, (id = nextId++));
  return id;
}

/**
 * The last few results computed for an object and a string key; they go with the object. The
 * function must be pure and its results never changed by their users.
 */
export class ObjectMemo<K extends object, V> {
  private readonly memo = new WeakMap<K, Map<string, V>>();

  constructor(private readonly keep = 4) {}

  get(object: K, key: string, compute: () => V): V {
    let known = this.memo.get(object);
    if (known === undefined) this.memo.set(object, (known = new Map<string, V>()));
    if (known.has(key)) return known.get(key) as V;
    const value = compute();
    known.set(key, value);
    for (const oldest of known.keys()) {
      if (known.size <= this.keep) break;
      known.delete(oldest);
    }
    return value;
  }
}

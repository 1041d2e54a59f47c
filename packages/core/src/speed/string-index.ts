/**
 * Exact lookup of request strings (origins, header names) without hashing them.
 *
 * Every request brings fresh strings, and hashing one costs about 2 ns per byte on a small
 * server core: more than the rest of an allowed decision. So the keys are compiled into a
 * decision tree: first by length, then by the character at whichever position best splits the
 * remaining candidates, until at most a few remain, which are compared directly (a length check
 * and a memcmp). Lookup cost grows with the tree's depth, about log base 40 of the number of
 * keys: 1 and 10,000 origins cost nearly the same. A key can also be looked up as a slice of a
 * longer string, without cutting it out.
 */

const LEAF_SIZE = 4;
/** Children are indexed by char code; 128 collects every non-ASCII code unit (never in a key). */
const FANOUT = 129;

class IndexNode<T> {
  /** Character position this node branches on; -1 for a leaf. */
  position = -1;
  children: (IndexNode<T> | undefined)[] | undefined = undefined;
  keys: string[] = [];
  values: T[] = [];
}

function build<T>(keys: string[], values: T[]): IndexNode<T> {
  const node = new IndexNode<T>();
  if (keys.length <= LEAF_SIZE) {
    node.keys = keys;
    node.values = values;
    return node;
  }
  // All keys here have the same length. Branch where the most distinct children are (every
  // non-ASCII code unit goes to one child, so it counts once).
  const length = (keys[0] as string).length;
  let bestPosition = -1;
  let bestDistinct = 1;
  for (let position = 0; position < length; position++) {
    const distinct = new Set<number>();
    for (const key of keys) distinct.add(Math.min(key.charCodeAt(position), FANOUT - 1));
    if (distinct.size > bestDistinct) {
      bestDistinct = distinct.size;
      bestPosition = position;
    }
  }
  if (bestPosition === -1) {
    // No position splits them: distinct keys that differ only outside ASCII. A leaf compares them.
    node.keys = keys;
    node.values = values;
    return node;
  }
  const groups = new Map<number, { keys: string[]; values: T[] }>();
  keys.forEach((key, i) => {
    const code = Math.min(key.charCodeAt(bestPosition), FANOUT - 1);
    let group = groups.get(code);
    if (group === undefined) {
      group = { keys: [], values: [] };
      groups.set(code, group);
    }
    group.keys.push(key);
    group.values.push(values[i] as T);
  });
  node.position = bestPosition;
  node.children = new Array<IndexNode<T> | undefined>(FANOUT).fill(undefined);
  for (const [code, group] of groups) node.children[code] = build(group.keys, group.values);
  return node;
}

export class StringIndex<T> {
  readonly #byLength: (IndexNode<T> | undefined)[];

  constructor(entries: ReadonlyMap<string, T>) {
    const byLength = new Map<number, { keys: string[]; values: T[] }>();
    let longest = 0;
    for (const [key, value] of entries) {
      let group = byLength.get(key.length);
      if (group === undefined) {
        group = { keys: [], values: [] };
        byLength.set(key.length, group);
      }
      group.keys.push(key);
      group.values.push(value);
      longest = Math.max(longest, key.length);
    }
    this.#byLength = new Array<IndexNode<T> | undefined>(longest + 1).fill(undefined);
    for (const [length, group] of byLength)
      this.#byLength[length] = build(group.keys, group.values);
  }

  get(key: string): T | undefined {
    return this.getSlice(key, 0, key.length);
  }

  /** The value for the key equal to `text.slice(start, end)`, without making that slice. */
  getSlice(text: string, start: number, end: number): T | undefined {
    let node = this.#byLength[end - start];
    if (node === undefined) return undefined;
    while (node.position !== -1) {
      const code = text.charCodeAt(start + node.position);
      node = (node.children as (IndexNode<T> | undefined)[])[Math.min(code, 128)];
      if (node === undefined) return undefined;
    }
    const keys = node.keys;
    const whole = start === 0 && end === text.length;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (whole ? key === text : equalsAt(text, start, key)) return node.values[i];
    }
    return undefined;
  }
}

/**
 * Whether `text` holds `key` at `start` (the lengths are known to match). A plain loop: on Node 20,
 * `text.startsWith(key, start)` costs about twice as much for header-sized keys.
 */
function equalsAt(text: string, start: number, key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    if (text.charCodeAt(start + i) !== key.charCodeAt(i)) return false;
  }
  return true;
}

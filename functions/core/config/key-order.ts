/**
 * Stalwart's key order (its config is a BTreeMap of UTF-8 strings: code point order) and
 * the searches the loader answers from keys sorted in it.
 */
import type { FlatEntry, KeyValue } from "./flat-entry";

/** Byte-order comparison of UTF-8 strings (= code point order, unlike `<` on UTF-16). */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Below the surrogates, UTF-16 units order as code points do (the sort showed in the
    // bench profile); a surrogate on either side takes the code point comparison.
    if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1;
    return compareCodePoints(a, b);
  }
  return a.length - b.length;
}

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * The keys starting with `prefix`, from keys sorted by `compareKeys`: they are contiguous
 * and start at the first key not below `prefix`, so a binary search finds them (a filter
 * over every key, for each setting, showed in the bench profile of a 2,000-line config).
 * `plain` says no key has a surrogate: then, for a prefix without one too, the engine's
 * own `<` orders as `compareKeys` does (and is several times cheaper per step).
 */
export function keysWithPrefix(keys: readonly string[], prefix: string, plain = false): string[] {
  const from = prefixIndex(keys, prefix, plain);
  return keys.slice(from, prefixEnd(keys, prefix, from));
}

/**
 * Index just past the last of the sorted `keys` that start with `prefix`, those starting
 * at `from` (prefixIndex): they are contiguous, so "starts with `prefix`" holds on
 * `[from, end)` and nowhere after, and a binary search finds `end`. A walk pushing each
 * key into a fresh array (540 keys per if-block of the 2,000-line config) showed in the
 * bench profile. lastIndexOf from 0 only looks at 0: startsWith, at a third of its cost.
 */
export function prefixEnd(keys: readonly string[], prefix: string, from: number): number {
  let lo = from;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] ?? "").lastIndexOf(prefix, 0) === 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first of the sorted `keys` not below `prefix` (see keysWithPrefix). */
export function prefixIndex(keys: readonly string[], prefix: string, plain: boolean): number {
  let lo = 0;
  let hi = keys.length;
  if (plain && !hasSurrogate(prefix)) {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] ?? "") < prefix) lo = mid + 1;
      else hi = mid;
    }
  } else {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(keys[mid] ?? "", prefix) < 0) lo = mid + 1;
      else hi = mid;
    }
  }
  return lo;
}

function hasSurrogate(k: string): boolean {
  for (let i = 0; i < k.length; i++) {
    if (k.charCodeAt(i) >= 0xd800) return true;
  }
  return false;
}

export const byKey = (a: KeyValue, b: KeyValue): number => compareKeys(a.key, b.key);
/**
 * Without surrogates, UTF-16 order is code point order: the engine's `<` sorts. Equality
 * by `===` rather than a second `>` walk of the long common prefix (`queue.outbound.
 * source-ip.v4.0123.`): `===` tells keys of different lengths apart at once.
 */
const byPlainKey = (a: KeyValue, b: KeyValue): number =>
  a.key < b.key ? -1 : a.key === b.key ? 0 : 1;

/**
 * The entries sorted by `compareKeys` (a copy: the flattener's list stays in text order).
 * Sorting the entries themselves, with a comparator, costs less than hashing every key
 * into a map and sorting the key strings (bench profile of the 2,000-line config).
 */
export function sortEntries(list: readonly FlatEntry[], plain: boolean): FlatEntry[] {
  return list.slice().sort(plain ? byPlainKey : byKey);
}

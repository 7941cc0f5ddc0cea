/**
 * What evaluating costs, in the meter's units (about a nanosecond of CPU each on the bench
 * machine, meter.ts): every item of the program a fixed amount, and every operation in
 * proportion to its work: the characters and elements of its operands and of its result,
 * the pairs of elements it compares, the bytes it hashes. The figures are the measured
 * per-unit costs rounded up (`npm run bench`, hostile rows), so a legitimate config
 * spends a few thousandths of the budget and a hostile one stops at it.
 */
import type { Meter } from "../meter";
import type { Value } from "./value";

export const COST = Object.freeze({
  /** One program item executed (stack work, dispatch). */
  item: 40,
  /** One element of an array read, copied or compared (a character costs 1). */
  element: 10,
  /** One `==` comparison of two elements, with Stalwart's coercion (`is_intersect`, `dedup`). */
  compare: 12,
  /** One ordering comparison of `sort`. */
  order: 20,
  /** One byte hashed by `hash()` (SHA-512 is the slowest of its four). */
  hashByte: 7,
  /** One instruction a regex thread visits in the bounded VM. */
  regexStep: 40,
});

/**
 * The logical size of `v` in units (a character 1, an element `COST.element`, arrays
 * counted as often as they are referenced), counted no further than `cap` so a value that
 * shares one array many times cannot make the count itself expensive.
 */
export function sizeOf(v: Value, cap: number): number {
  if (v.kind === "string") return v.value.length;
  if (v.kind !== "array") return 1;
  let n = 0;
  for (const e of v.value) {
    if (n > cap) return n;
    n += COST.element + sizeOf(e, cap - n);
  }
  return n;
}

/** Charges the size of `v` (what producing or reading it costs). */
export function chargeSize(meter: Meter, v: Value, what: string): void {
  meter.charge(sizeOf(v, meter.budget), what);
}

const length = (v: Value | undefined): number => (v?.kind === "array" ? v.value.length : 1);

/**
 * The work of function `name` beyond the sizes of its arguments and result: the element
 * pairs `is_intersect` and `dedup` compare, the comparisons of `sort`, the bytes `hash`
 * digests. Charged before the call, so no call runs past the budget.
 */
export function callWork(name: string, args: readonly Value[], meter: Meter): number {
  const [a, b] = args;
  switch (name) {
    case "is_intersect":
      return length(a) * length(b) * COST.compare;
    case "dedup":
      return length(a) ** 2 * COST.compare;
    case "sort": {
      const n = length(a);
      return n * Math.ceil(Math.log2(n + 1)) * COST.order;
    }
    case "hash":
      // UTF-8 is at most 3 bytes per UTF-16 unit.
      return a === undefined ? 0 : 3 * sizeOf(a, meter.budget) * COST.hashByte;
    default:
      return 0;
  }
}

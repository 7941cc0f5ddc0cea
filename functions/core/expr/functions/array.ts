/** Array functions (crates/common/src/expr/functions/array.rs) and `if_then`. */
import { isEmptyValue, isTruthy, orderValues, toArray, valuesEqual } from "../coerce";
import { arr, EMPTY, int, type Value } from "../value";

type Fn = (a: readonly Value[]) => Value;
const arg = (a: readonly Value[], i: number): Value => a[i] ?? EMPTY;

/** `count`: an array's length; any other non-empty value counts 1, `''` counts 0. */
const count: Fn = (a) => {
  const v = arg(a, 0);
  return int(v.kind === "array" ? v.value.length : isEmptyValue(v) ? 0 : 1);
};

/** `sort(x, desc)`: Stalwart sorts descending when the flag is truthy. */
const sort: Fn = (a) => {
  const desc = isTruthy(arg(a, 1));
  const items = [...toArray(arg(a, 0))];
  items.sort((x, y) => (desc ? orderValues(y, x) : orderValues(x, y)));
  return arr(items);
};

/** `dedup`: keeps first occurrences, comparing with `==` coercion (`[1, '1']` → `[1]`). */
const dedup: Fn = (a) => {
  const out: Value[] = [];
  for (const item of toArray(arg(a, 0))) if (!out.some((o) => valuesEqual(o, item))) out.push(item);
  return arr(out);
};

/** `winnow`: drops empty strings from an array; a non-array is returned as is. */
const winnow: Fn = (a) => {
  const v = arg(a, 0);
  return v.kind === "array" ? arr(v.value.filter((x) => !isEmptyValue(x))) : v;
};

/** `is_intersect`: any common element; one array against a scalar is `contains`. */
const isIntersect: Fn = (a) => {
  const x = arg(a, 0);
  const y = arg(a, 1);
  if (x.kind === "array" && y.kind === "array")
    return int(x.value.some((e) => y.value.some((f) => valuesEqual(f, e))) ? 1 : 0);
  if (x.kind === "array") return int(x.value.some((e) => valuesEqual(e, y)) ? 1 : 0);
  if (y.kind === "array") return int(y.value.some((e) => valuesEqual(e, x)) ? 1 : 0);
  return int(0);
};

/** `if_then(cond, a, b)`: all three are evaluated; picks by truthiness. */
const ifThen: Fn = (a) => (isTruthy(arg(a, 0)) ? arg(a, 1) : arg(a, 2));

export const ARRAY_FUNCTIONS: ReadonlyMap<string, Fn> = new Map([
  ["count", count],
  ["sort", sort],
  ["dedup", dedup],
  ["winnow", winnow],
  ["is_intersect", isIntersect],
  ["if_then", ifThen],
]);

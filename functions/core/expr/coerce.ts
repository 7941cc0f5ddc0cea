/**
 * Stalwart's coercions (crates/common/src/expr/eval.rs): truthiness, `parse_number`,
 * `to_integer`, `to_usize`, `into_array`, and the `PartialEq`/`PartialOrd` impls that
 * every comparison, `contains()`, `dedup()` and `sort()` use.
 */
import { valueToString } from "./format";
import { f64ToI64, f64ToU64, i64ToF64, i64ToU64, parseF64, parseI64, parseU64 } from "./rust-num";
import { EMPTY, type Value } from "./value";

export { valueToString as toText } from "./format";

/** `to_bool`: non-zero numbers, non-empty strings (`'0'` too) and non-empty arrays. */
export function isTruthy(v: Value): boolean {
  switch (v.kind) {
    case "string":
      return v.value !== "";
    case "integer":
      return v.value !== 0n;
    case "float":
      return v.value !== 0;
    case "array":
      return v.value.length > 0;
  }
}

/** `is_empty`: only the empty string is empty (numbers and arrays never are). */
export function isEmptyValue(v: Value): boolean {
  return v.kind === "string" && v.value === "";
}

/** A number value (what `parse_number` yields). */
export type NumValue = Extract<Value, { kind: "integer" | "float" }>;

/**
 * `parse_number`: a non-empty string as i64, else f64, else 0; an array is 1 when empty
 * and 0 otherwise (Stalwart's `is_empty() as i64`); the empty string is 0.
 */
export function parseNumber(v: Value): NumValue {
  const integer = (value: bigint): NumValue => ({ kind: "integer", value });
  switch (v.kind) {
    case "integer":
    case "float":
      return v;
    case "array":
      return integer(v.value.length === 0 ? 1n : 0n);
    case "string": {
      if (v.value === "") return integer(0n);
      const i = parseI64(v.value);
      if (i !== null) return integer(i);
      const f = parseF64(v.value);
      return f !== null ? { kind: "float", value: f } : integer(0n);
    }
  }
}

/** `to_integer`: floats truncate (saturating), strings must parse as i64, else null. */
export function toInteger(v: Value): bigint | null {
  switch (v.kind) {
    case "integer":
      return v.value;
    case "float":
      return f64ToI64(v.value);
    case "string":
      return v.value === "" ? null : parseI64(v.value);
    case "array":
      return null;
  }
}

/** `to_usize` (64-bit): negative integers wrap (so `x[-1]` is out of range), floats saturate. */
export function toUsize(v: Value): bigint | null {
  switch (v.kind) {
    case "integer":
      return i64ToU64(v.value);
    case "float":
      return f64ToU64(v.value);
    case "string":
      return v.value === "" ? null : parseU64(v.value);
    case "array":
      return null;
  }
}

/** A number as f64 (`parse_number` first); what the playground uses to read a float. */
export function toFloat(v: Value): number {
  const n = parseNumber(v);
  return n.kind === "integer" ? i64ToF64(n.value) : n.kind === "float" ? n.value : 0;
}

/** `into_array`: arrays as they are, `''` as `[]`, anything else as a one-element array. */
export function toArray(v: Value): readonly Value[] {
  if (v.kind === "array") return v.value;
  return isEmptyValue(v) ? [] : [v];
}

/** `PartialEq for Variable`: numbers across kinds, strings parsed against numbers. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a.kind === "integer" && b.kind === "integer") return a.value === b.value;
  if (a.kind === "float" && b.kind === "float") return a.value === b.value;
  if (a.kind === "integer" && b.kind === "float") return i64ToF64(a.value) === b.value;
  if (a.kind === "float" && b.kind === "integer") return a.value === i64ToF64(b.value);
  if (a.kind === "string" && b.kind === "string") return a.value === b.value;
  if (a.kind === "string" && b.kind !== "array") return valuesEqual(parseNumber(a), b);
  if (b.kind === "string" && a.kind !== "array") return valuesEqual(a, parseNumber(b));
  if (a.kind === "array" && b.kind === "array") {
    return (
      a.value.length === b.value.length &&
      a.value.every((x, i) => valuesEqual(x, b.value[i] ?? EMPTY))
    );
  }
  return false;
}

/** Byte-wise (UTF-8) order of two strings = code point order. */
export function compareStrings(a: string, b: string): -1 | 0 | 1 {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

function cmpNumbers(a: number | bigint, b: number | bigint): -1 | 0 | 1 | undefined {
  if (typeof a === "number" && Number.isNaN(a)) return undefined;
  if (typeof b === "number" && Number.isNaN(b)) return undefined;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `PartialOrd for Variable` (undefined = Rust's `None`, e.g. NaN): numbers across kinds,
 * strings byte-wise, a string against a number as `parse_number`, arrays
 * lexicographically; otherwise an array or string is greater, a number less.
 */
export function compareValues(a: Value, b: Value): -1 | 0 | 1 | undefined {
  if (a.kind === "integer" && b.kind === "integer") return cmpNumbers(a.value, b.value);
  if (a.kind === "float" && b.kind === "float") return cmpNumbers(a.value, b.value);
  if (a.kind === "integer" && b.kind === "float") return cmpNumbers(i64ToF64(a.value), b.value);
  if (a.kind === "float" && b.kind === "integer") return cmpNumbers(a.value, i64ToF64(b.value));
  if (a.kind === "string" && b.kind === "string") return compareStrings(a.value, b.value);
  if (a.kind === "string" && b.kind !== "array") return compareValues(parseNumber(a), b);
  if (b.kind === "string" && a.kind !== "array") return compareValues(a, parseNumber(b));
  if (a.kind === "array" && b.kind === "array") {
    const n = Math.min(a.value.length, b.value.length);
    for (let i = 0; i < n; i++) {
      const c = compareValues(a.value[i] ?? EMPTY, b.value[i] ?? EMPTY);
      if (c !== 0) return c;
    }
    return cmpNumbers(a.value.length, b.value.length);
  }
  if (a.kind === "array" || a.kind === "string") return 1;
  return -1;
}

/** `Ord::cmp`, used by `sort()`: `partial_cmp` with `None` read as Greater. */
export function orderValues(a: Value, b: Value): -1 | 0 | 1 {
  return compareValues(a, b) ?? 1;
}

export { valueToString };

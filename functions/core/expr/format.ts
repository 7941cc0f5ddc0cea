/**
 * Values as text and JSON. Stalwart has two text forms of a `Variable`:
 * - `to_string`/`into_string` (what functions and `matches()` read): arrays joined by
 *   CRLF, a separator only once the text so far is non-empty, nested arrays dropped;
 * - `Display` (what `+` uses when it concatenates): arrays joined by LF, recursively.
 * Floats print as Rust's `f64` Display in both.
 */
import { CoreError, CoreErrorCode } from "../errors";
import { count, exprLimit, LIMITS } from "../limits";
import { formatF64 } from "./rust-num";
import { arr, float, int, str, type Value } from "./value";

/** Stalwart's `Variable::to_string()` / `into_string()`. */
export function valueToString(v: Value): string {
  switch (v.kind) {
    case "string":
      return v.value;
    case "integer":
      return v.value.toString();
    case "float":
      return formatF64(v.value);
    case "array": {
      let out = "";
      for (const item of v.value) {
        if (out !== "") out += "\r\n";
        if (item.kind !== "array") out += valueToString(item);
      }
      return out;
    }
  }
}

/**
 * A value as a diagnostic quotes it: strings in quotes (so an empty one is seen, and a
 * number-like string is told from a number), arrays in brackets.
 */
export function valueQuoted(v: Value): string {
  if (v.kind === "string") return JSON.stringify(v.value);
  if (v.kind === "array") return `[${v.value.map(valueQuoted).join(", ")}]`;
  return valueToString(v);
}

/** Stalwart's `impl Display for Variable` (used by `+` to concatenate). */
export function valueDisplay(v: Value): string {
  if (v.kind === "array") return v.value.map(valueDisplay).join("\n");
  return valueToString(v);
}

export type JsonValue =
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "integer"; readonly value: number | string }
  | { readonly type: "float"; readonly value: number | string }
  | { readonly type: "array"; readonly value: readonly JsonValue[] };

/**
 * The API's form of a value. Integers outside the JS safe range are decimal strings;
 * non-finite floats are `"NaN"`, `"inf"`, `"-inf"` (JSON has no such numbers).
 */
export function valueToJson(v: Value): JsonValue {
  switch (v.kind) {
    case "string":
      return { type: "string", value: v.value };
    case "integer": {
      const safe =
        v.value <= BigInt(Number.MAX_SAFE_INTEGER) && v.value >= BigInt(Number.MIN_SAFE_INTEGER);
      return { type: "integer", value: safe ? Number(v.value) : v.value.toString() };
    }
    case "float":
      return { type: "float", value: Number.isFinite(v.value) ? v.value : formatF64(v.value) };
    case "array":
      return { type: "array", value: v.value.map(valueToJson) };
  }
}

/**
 * A variable given as JSON: integral numbers are integers, other numbers floats, booleans
 * 1/0 (as Stalwart's `true`/`false`), null the empty string, arrays recursively. `name`
 * says whose value it is in the messages.
 */
export function valueFromJson(x: unknown, name = "a variable"): Value {
  return fromJson(x, `The value of ${name}`, 0);
}

function fromJson(x: unknown, whose: string, depth: number): Value {
  if (depth > LIMITS.exprDepth) {
    const found = `${whose} is nested more than ${LIMITS.exprDepth} levels deep`;
    exprLimit(found, LIMITS.exprDepth, "levels");
  }
  if (typeof x === "string") {
    if (x.length > LIMITS.stringLength) {
      const found = `${whose} holds a string of ${count(x.length)} characters`;
      exprLimit(found, LIMITS.stringLength, "characters");
    }
    return str(x);
  }
  if (typeof x === "number") return Number.isInteger(x) ? int(BigInt(x)) : float(x);
  if (typeof x === "bigint") return int(x);
  if (typeof x === "boolean") return int(x ? 1n : 0n);
  if (x === null || x === undefined) return str("");
  if (Array.isArray(x)) {
    if (x.length > LIMITS.arraySize) {
      const found = `${whose} holds an array of ${count(x.length)} elements`;
      exprLimit(found, LIMITS.arraySize, "elements");
    }
    return arr(x.map((item: unknown) => fromJson(item, whose, depth + 1)));
  }
  throw new CoreError(
    CoreErrorCode.ExprSyntax,
    `${whose} must be a string, number, boolean or array, found ${typeof x}`,
  );
}

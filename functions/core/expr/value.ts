/**
 * Values of Stalwart's expression language (`Variable` in crates/common/src/expr/mod.rs).
 *
 * Integers are i64 in Stalwart, so they are `bigint` here: every integer operation
 * saturates at the i64 bounds (see `saturate`). `true`/`false` are the integers 1/0,
 * exactly as in Stalwart. A value that Stalwart would borrow or own is just a string.
 */
export type Value =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "integer"; readonly value: bigint }
  | { readonly kind: "float"; readonly value: number }
  | { readonly kind: "array"; readonly value: readonly Value[] };

export type ValueKind = Value["kind"];

export const I64_MIN = -(2n ** 63n);
export const I64_MAX = 2n ** 63n - 1n;

/** Clamp to the i64 range: Stalwart uses `saturating_add` & co. for integer arithmetic. */
export function saturate(n: bigint): bigint {
  return n > I64_MAX ? I64_MAX : n < I64_MIN ? I64_MIN : n;
}

export const str = (value: string): Value => ({ kind: "string", value });
export const int = (value: bigint | number): Value => ({
  kind: "integer",
  value: saturate(typeof value === "number" ? BigInt(Math.trunc(value)) : value),
});
export const float = (value: number): Value => ({ kind: "float", value });
export const arr = (value: readonly Value[]): Value => ({ kind: "array", value });
export const EMPTY: Value = str("");
export const TRUE: Value = int(1n);
export const FALSE: Value = int(0n);
export const bool = (b: boolean): Value => (b ? TRUE : FALSE);

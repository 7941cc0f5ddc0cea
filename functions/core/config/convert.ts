/**
 * Conversions of expression values to the types Stalwart's settings need, reproducing
 * its `TryFrom<Variable>` impls (crates/common/src/expr/mod.rs) and `ParseValue`
 * (crates/utils/src/config/utils.rs).
 */
import type { Value } from "../expr/value";

const U64_MAX = 2n ** 64n - 1n;

/**
 * `Variable::to_usize`: integers cast with `as usize` (so a negative number wraps to a
 * huge limit, i.e. effectively none), floats truncated and saturated, non-empty strings
 * parsed as unsigned decimals (an optional `+`); arrays and `''` fail.
 */
export function toUsize(v: Value): number | undefined {
  switch (v.kind) {
    case "integer":
      return Number(v.value >= 0n ? v.value : 2n ** 64n + v.value);
    case "float":
      if (Number.isNaN(v.value) || v.value <= 0) return 0;
      return Math.min(Math.trunc(v.value), Number(U64_MAX));
    case "string": {
      if (!/^\+?[0-9]+$/.test(v.value)) return undefined;
      const n = BigInt(v.value.replace("+", ""));
      return n <= U64_MAX ? Number(n) : undefined;
    }
    default:
      return undefined;
  }
}

const MULTIPLIERS: Readonly<Record<string, number>> = {
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  "": 1,
};

/**
 * `Duration::parse_value` (v0.12): the ASCII digits form the number and every other
 * non-space character the unit (`d`, `h`, `m`, `s`, `ms`, none = ms), so `1h30m` fails.
 * Zero fails.
 */
export function parseDuration(text: string): number | undefined {
  let digits = "";
  let unit = "";
  for (const ch of text) {
    if (ch >= "0" && ch <= "9") digits += ch;
    else if (!/^[ \t\n\f\r]$/.test(ch)) unit += ch.toLowerCase();
  }
  const multiplier = MULTIPLIERS[unit];
  if (multiplier === undefined || digits === "") return undefined;
  const n = BigInt(digits);
  if (n === 0n || n > U64_MAX) return undefined;
  return Number(n) * multiplier;
}

/** `TryFrom<Variable> for Duration`: positive integers/floats are milliseconds; strings are parsed. */
export function durationMs(v: Value): number | undefined {
  switch (v.kind) {
    case "integer":
      return v.value > 0n ? Number(v.value) : undefined;
    case "float":
      return v.value > 0 ? Math.trunc(v.value) : undefined;
    case "string":
      return v.value === "" ? undefined : parseDuration(v.value);
    default:
      return undefined;
  }
}

/** Rust's `u16::from_str`: decimal digits with an optional `+`, 0..=65535. */
export function parseU16(text: string): number | undefined {
  if (!/^\+?[0-9]+$/.test(text)) return undefined;
  const n = Number(text.replace("+", ""));
  return n <= 65535 ? n : undefined;
}

/** Rust's `bool::from_str`: exactly `true` or `false`. */
export function parseBool(text: string): boolean | undefined {
  return text === "true" ? true : text === "false" ? false : undefined;
}

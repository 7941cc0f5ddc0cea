/**
 * Stalwart's `parse_buf` (crates/common/src/expr/tokenizer.rs): identifiers, numbers and
 * dots accumulate in one buffer that is classified when a delimiter arrives, so
 * `192.0.2.1` is an invalid float; `true`/`false` are 1/0; durations (`5m`, `500ms`) are
 * integer milliseconds.
 */
import { FUNCTION_ARITY } from "./catalog";
import { rustStrDebug } from "./rust-debug";
import { parseF64, parseI64, parseU64 } from "./rust-num";
import { syntax, type TokenSlot } from "./token";
import type { TokenMap } from "./types";
import { float, int, type Value } from "./value";

const DAY = 86_400_000n;
const DURATIONS: readonly (readonly [string, bigint])[] = [
  ["d", DAY],
  ["h", 3_600_000n],
  ["m", 60_000n],
  ["ms", 1n],
  ["s", 1000n],
];

/** `Duration::parse_value`: `<n>d|h|m|ms|s` or a bare number of ms, n > 0, as i64 ms. */
export function parseDuration(text: string): bigint | null {
  const lower = text.toLowerCase();
  let num = lower;
  let mult = 1n;
  for (const [suffix, m] of DURATIONS) {
    if (lower.endsWith(suffix)) {
      num = lower.slice(0, -suffix.length);
      mult = m;
      break;
    }
  }
  const n = parseU64(num.trim());
  if (n === null || n === 0n) return null;
  return BigInt.asIntN(64, BigInt.asUintN(64, n * mult));
}

/** `[A-Za-z_$]`: the characters that make a word an identifier (tokenizer and simple forms). */
export function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}

/**
 * Which (length, first character) pairs some function name has: most words are variables,
 * and a miss here skips the function-table lookup of a freshly sliced word (the costliest
 * line of expression parsing in the bench profile).
 */
const FUNCTION_SHAPES: ReadonlySet<number> = new Set(
  [...FUNCTION_ARITY.keys()].map((name) => shape(name)),
);

function shape(word: string): number {
  return word.length * 65_536 + word.charCodeAt(0);
}

/**
 * Stalwart's `parse_buf`: classify the accumulated word `buf` starting at `start`, given
 * whether it contained digits, dots and identifier characters (as the tokenizer tracked),
 * into the tokenizer's slot `out` (no object per token, see TokenSlot), which it returns.
 */
export function classifyWord(
  buf: string,
  start: number,
  hasNumber: boolean,
  hasDot: boolean,
  hasAlpha: boolean,
  tokens: TokenMap,
  out: TokenSlot,
): TokenSlot {
  const end = start + buf.length;
  if (hasNumber && !hasAlpha) {
    if (hasDot) {
      const f = parseF64(buf);
      if (f === null) syntax(`Invalid float value ${buf}`, start, end);
      return constant(out, float(f), start, end);
    }
    const i = parseI64(buf);
    if (i === null) syntax(`Invalid integer value ${buf}`, start, end);
    return constant(out, int(i), start, end);
  }
  if (!hasNumber && !hasDot && (buf === "true" || buf === "false")) {
    return constant(out, int(buf === "true" ? 1n : 0n), start, end);
  }
  if (buf.charCodeAt(0) === 36 /* $ */) {
    const n = /^\+?[0-9]+$/.test(buf.slice(1)) ? Number(buf.slice(1).replace("+", "")) : -1;
    if (n >= 0 && n <= 0xffff_ffff) {
      out.set("capture", start, end);
      out.n = n;
      return out;
    }
  }
  const arity =
    buf === "matches" || buf === "config_get" || !FUNCTION_SHAPES.has(shape(buf))
      ? undefined
      : FUNCTION_ARITY.get(buf);
  if (arity !== undefined) {
    out.set("fn", start, end);
    out.name = buf;
    out.n = arity;
    return out;
  }
  // Most settings have no constants: no hash of the word for an empty map.
  const value = tokens.constants.size > 0 ? tokens.constants.get(buf) : undefined;
  if (value !== undefined) return constant(out, value, start, end);
  if (tokens.variables.has(buf)) {
    out.set("var", start, end);
    out.name = buf;
    return out;
  }
  const ms = parseDuration(buf);
  if (ms !== null) return constant(out, int(ms), start, end);
  return syntax(`Invalid variable or constant ${rustStrDebug(buf)}`, start, end);
}

function constant(out: TokenSlot, value: Value, start: number, end: number): TokenSlot {
  out.set("const", start, end);
  out.value = value;
  return out;
}

/**
 * Stalwart's `parse_buf` (crates/common/src/expr/tokenizer.rs): identifiers, numbers and
 * dots accumulate in one buffer that is classified when a delimiter arrives, so
 * `192.0.2.1` is an invalid float; `true`/`false` are 1/0; durations (`5m`, `500ms`) are
 * integer milliseconds.
 */
import type { SourceRange } from "../errors";
import { FUNCTION_ARITY } from "./catalog";
import { rustStrDebug } from "./rust-debug";
import { parseF64, parseI64, parseU64 } from "./rust-num";
import { syntax, type Token } from "./token";
import type { TokenMap } from "./types";
import { float, int } from "./value";

/** `[A-Za-z_$]`: the characters that make a word an identifier. */
export const isAlpha = (ch: string): boolean =>
  (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z") || ch === "_" || ch === "$";

/** What the tokenizer saw while the word accumulated. */
export interface WordShape {
  readonly hasNumber: boolean;
  readonly hasDot: boolean;
  readonly hasAlpha: boolean;
}

const DURATIONS: readonly (readonly [string, bigint])[] = [
  ["d", 86_400_000n],
  ["h", 3_600_000n],
  ["m", 60_000n],
  ["ms", 1n],
  ["s", 1000n],
];

/** `Duration::parse_value`: `<n>d|h|m|ms|s` or a bare number of ms, n > 0, as i64 ms. */
export function parseDuration(text: string): bigint | null {
  const lower = text.toLowerCase();
  const unit = DURATIONS.find(([suffix]) => lower.endsWith(suffix));
  const num = unit ? lower.slice(0, -unit[0].length) : lower;
  const n = parseU64(num.trim());
  if (n === null || n === 0n) return null;
  return BigInt.asIntN(64, BigInt.asUintN(64, n * (unit?.[1] ?? 1n)));
}

/** Stalwart's `parse_buf`: the token the word `buf` at `start` stands for. */
export function classifyWord(
  buf: string,
  start: number,
  shape: WordShape,
  tokens: TokenMap,
): Token {
  const at: SourceRange = { start, end: start + buf.length };
  if (shape.hasNumber && !shape.hasAlpha) {
    if (shape.hasDot) {
      const f = parseF64(buf);
      if (f === null) syntax(`Invalid float value ${buf}`, at.start, at.end);
      return { t: "const", value: float(f), ...at };
    }
    const i = parseI64(buf);
    if (i === null) syntax(`Invalid integer value ${buf}`, at.start, at.end);
    return { t: "const", value: int(i), ...at };
  }
  if (!shape.hasNumber && !shape.hasDot && (buf === "true" || buf === "false")) {
    return { t: "const", value: int(buf === "true" ? 1n : 0n), ...at };
  }
  const capture = buf.startsWith("$") ? /^\$\+?([0-9]+)$/.exec(buf) : null;
  if (capture && Number(capture[1]) <= 0xffff_ffff) {
    return { t: "capture", n: Number(capture[1]), ...at };
  }
  // `matches` and `config_get` are functions only with their literal, read by the tokenizer.
  const arity = buf === "matches" || buf === "config_get" ? undefined : FUNCTION_ARITY.get(buf);
  if (arity !== undefined) return { t: "fn", name: buf, arity, ...at };
  const value = tokens.constants.get(buf);
  if (value !== undefined) return { t: "const", value, ...at };
  if (tokens.variables.has(buf)) return { t: "var", name: buf, ...at };
  const ms = parseDuration(buf);
  if (ms !== null) return { t: "const", value: int(ms), ...at };
  return syntax(`Invalid variable or constant ${rustStrDebug(buf)}`, at.start, at.end);
}

/** Whether `s` holds `w` at offset `at` (false for a negative `at`). */
export function sameAt(s: string, at: number, w: string): boolean {
  return at >= 0 && s.startsWith(w, at);
}

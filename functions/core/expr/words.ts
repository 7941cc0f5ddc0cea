/**
 * Stalwart's `parse_buf` (crates/common/src/expr/tokenizer.rs): identifiers, numbers and
 * dots accumulate in one buffer that is classified when a delimiter arrives, so
 * `192.0.2.1` is an invalid float; `true`/`false` are 1/0; durations (`5m`, `500ms`) are
 * integer milliseconds.
 */
import type { SourceRange } from "../errors";
import { FUNCTION_ARITY } from "./catalog";
import {
  METRIC_NAME,
  SYSTEM_VARIABLES,
  V016_CONSTANTS,
  V016_FUNCTION_ARITY,
  V016_VARIABLES,
} from "./dialect";
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
  const dollar = buf.startsWith("$") ? dollarWord(buf, at) : undefined;
  if (dollar !== undefined) return dollar;
  return tokens.dialect === "v0.16" ? v016Word(buf, at, tokens) : v012Word(buf, at, tokens);
}

/**
 * `$1` is a capture of `matches()`; any other `$name` (or a capture number past u32) is a
 * global, which every resolver Stalwart has reads as the integer 0 (`resolve_global`,
 * crates/smtp/src/queue/mod.rs). A lone `$` is an ordinary word.
 */
function dollarWord(buf: string, at: SourceRange): Token | undefined {
  const rest = buf.slice(1);
  if (rest === "") return undefined;
  if (/^[0-9]+$/.test(rest) && Number(rest) <= 0xffff_ffff) {
    return { t: "capture", n: Number(rest), ...at };
  }
  return { t: "const", value: int(0n), ...at };
}

/** v0.12–v0.15: functions, then the setting's constants and variables, then durations. */
function v012Word(buf: string, at: SourceRange, tokens: TokenMap): Token {
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

/**
 * v0.16: functions, then any variable Stalwart knows (refused by name when the setting
 * does not allow it), any constant, durations (tokenizer.rs @v0.16.18:340-380).
 */
function v016Word(buf: string, at: SourceRange, tokens: TokenMap): Token {
  const arity = V016_FUNCTION_ARITY.get(buf);
  if (arity !== undefined) return { t: "fn", name: buf, arity, ...at };
  if (V016_VARIABLES.has(buf)) {
    if (tokens.variables.has(buf)) return { t: "var", name: buf, ...at };
    syntax(`Variable ${rustStrDebug(buf)} not allowed in this context`, at.start, at.end);
  }
  const value = V016_CONSTANTS.get(buf);
  if (value !== undefined) {
    if (tokens.constants.has(buf)) return { t: "const", value, ...at };
    syntax(`Constant ${rustStrDebug(buf)} not allowed in this context`, at.start, at.end);
  }
  const ms = parseRegistryDuration(buf);
  if (ms !== null) return { t: "const", value: int(ms), ...at };
  return syntax(`Invalid variable or constant ${rustStrDebug(buf)}`, at.start, at.end);
}

const UNITS: Readonly<Record<string, bigint>> = {
  d: 86_400_000n,
  h: 3_600_000n,
  m: 60_000n,
  s: 1000n,
  ms: 1n,
  "": 1n,
};

/**
 * v0.16's `Duration::from_str` (crates/registry/src/types/duration.rs @v0.16.18:95-131):
 * ASCII digits, then a unit (no digit after it); zero is a duration; the product must fit
 * u64. In milliseconds, as i64.
 */
export function parseRegistryDuration(text: string): bigint | null {
  const m = /^([0-9]*)([^0-9]*)$/.exec(text.replace(/[ \t\n\f\r]/g, ""));
  const unit = m === null ? undefined : UNITS[(m[2] ?? "").toLowerCase()];
  const n = m === null ? null : parseU64(m[1] ?? "");
  if (unit === undefined || n === null) return null;
  const ms = n * unit;
  return ms > 2n ** 64n - 1n ? null : BigInt.asIntN(64, ms);
}

/**
 * v0.16 `system('<name>')` or `metric('<name>')` with its literal read (`at`: the
 * literal), or Stalwart's error for a name it does not have.
 */
export function systemToken(form: string, name: string, at: SourceRange): Token {
  if (form === "metric") {
    if (!METRIC_NAME.test(name))
      syntax(`Invalid metric name ${rustStrDebug(name)}`, at.start, at.end);
    return { t: "system", variable: `metric:${name}`, ...at };
  }
  if (!SYSTEM_VARIABLES.has(name))
    syntax(`Invalid system variable name ${rustStrDebug(name)}`, at.start, at.end);
  return { t: "system", variable: name, ...at };
}

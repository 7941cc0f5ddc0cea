/**
 * Literal scanning for Stalwart's expression tokenizer (crates/common/src/expr/tokenizer.rs,
 * `parse_string` and `find_char`). Both read `src` from `pos` and return where they stopped.
 */
import { exprLimit, LIMITS } from "../limits";
import { firstUtf8Byte, rustCharDebug } from "./rust-debug";
import { syntax } from "./token";

/**
 * Where the literal from `pos` closes when it holds no backslash before its closing quote
 * `stop` (most do): then its value is the source text between the quotes. -1 otherwise
 * (or when too long), for `scanString` to read.
 */
export function plainStringEnd(src: string, pos: number, stop: string): number {
  const close = src.indexOf(stop, pos);
  if (close < 0 || close - pos > LIMITS.stringLength) return -1;
  let i = pos;
  while (i < close && src.charCodeAt(i) !== 92 /* \\ */) i++;
  return i === close ? close : -1;
}

/**
 * Stalwart's `parse_string`, from just after the opening quote `stop` (at `start`): a
 * backslash is kept; the character after it never ends the string, and `n`/`r`/`t` there
 * become the control character. Its caller tries `plainStringEnd` first, so this reads
 * only literals with a backslash, too long or unterminated.
 */
export function scanString(
  src: string,
  pos: number,
  stop: string,
  start: number,
): { readonly value: string; readonly pos: number } {
  let out = "";
  let last = "";
  while (pos < src.length) {
    const ch = src[pos++] ?? "";
    if (last !== "\\") {
      if (ch === stop) return { value: out, pos };
      out += ch;
    } else {
      out += ch === "n" ? "\n" : ch === "r" ? "\r" : ch === "t" ? "\t" : ch;
    }
    if (out.length > LIMITS.stringLength)
      exprLimit("stringLength", "a longer string literal", { start, end: pos });
    last = ch;
  }
  syntax("Unterminated string", start, src.length);
}

/** Skips ASCII whitespace and expects one of `chars` (Stalwart's `find_char`). */
export function findChar(
  src: string,
  pos: number,
  chars: readonly string[],
): { readonly ch: string; readonly pos: number } {
  while (pos < src.length) {
    const at = pos;
    const ch = src[pos++] ?? "";
    if (/[ \t\n\f\r]/.test(ch)) continue;
    if (chars.includes(ch)) return { ch, pos };
    syntax(
      `Expected ${rustCharDebug(chars[0]?.codePointAt(0) ?? 0)}, found invalid character ${rustCharDebug(firstUtf8Byte(src, at))}`,
      at,
      at + 1,
    );
  }
  syntax("Unexpected end of expression", src.length, src.length);
}

/**
 * Whether `s` holds `w` at `at`, compared unit by unit: for the short words and position
 * parts compared on hot paths (a few units), cheaper than a `startsWith` builtin call
 * (bench profile of 180-branch if-blocks).
 */
export function sameAt(s: string, at: number, w: string): boolean {
  const n = w.length;
  if (at < 0 || at + n > s.length) return false;
  for (let i = 0; i < n; i++) if (s.charCodeAt(at + i) !== w.charCodeAt(i)) return false;
  return true;
}

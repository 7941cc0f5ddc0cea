/**
 * Stalwart's expression tokenizer (crates/common/src/expr/tokenizer.rs), quirks included:
 * - identifiers, numbers and dots accumulate in one buffer that is classified when a
 *   delimiter arrives (`192.0.2.1` is an invalid float, `2001:db8::1` an invalid `:`);
 * - `}` ends the expression; whitespace is only space, CR and LF (TAB is invalid);
 * - a single `=` is equality but swallows the next character;
 * - `-` is unary only at the start, after `(`, `,` or a binary operator;
 * - `true`/`false` are 1/0; durations (`5m`, `500ms`) are integer milliseconds;
 * - `matches(` reads its regex literal and comma itself; `config_get(` its key literal.
 * Offsets are UTF-16 indexes into the source; ranges point at the offending text.
 */
import { exprLimit, LIMITS } from "../limits";
import { compileRustRegex } from "./regex";
import { firstUtf8Byte, rustCharDebug } from "./rust-debug";
import { findChar, scanString } from "./string-literal";
import { type BinaryOp, syntax, type Token } from "./token";
import type { TokenMap } from "./types";
import { classifyWord } from "./word";

export { ALL_VARIABLES, FUNCTION_ARITY } from "./catalog";
export type { BinaryOp, Token, TokenKind, UnaryOp } from "./token";

/** `[A-Za-z_$]`: the characters that make a word an identifier. */
function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}

/** A token over `start..end`, built as one literal (no spread: V8's slow path). */
function bin(op: BinaryOp, start: number, len: number): Token {
  return { t: "bin", op, start, end: start + len };
}

export class Tokenizer {
  private pos = 0;
  /**
   * The accumulated word is always the contiguous source text `bufStart..bufEnd` (every
   * other character flushes it), so it is sliced when classified instead of being built
   * character by character. `bufStart < 0`: empty.
   */
  private bufStart = -1;
  private bufEnd = 0;
  private depth = 0;
  /** Open `(` offsets, to point "Unmatched open parenthesis" at the culprit. */
  private readonly opens: number[] = [];
  private nesting = 0;
  private readonly queue: Token[] = [];
  private hasNumber = false;
  private hasDot = false;
  private hasAlpha = false;
  private isStart = true;
  private isEof = false;

  constructor(
    private readonly src: string,
    private readonly tokens: TokenMap,
  ) {}

  next(): Token | null {
    const queued = this.queue.pop();
    if (queued) return queued;
    if (this.isEof) return null;
    const src = this.src;
    const len = src.length;
    while (this.pos < len) {
      const at = this.pos;
      const c = src.charCodeAt(at);
      this.pos = at + 1;
      if (isAlpha(c)) {
        this.push(at);
        this.hasAlpha = true;
        continue;
      }
      if (c >= 48 && c <= 57) {
        this.push(at);
        this.hasNumber = true;
        continue;
      }
      if (c === 46 /* . */) {
        this.push(at);
        this.hasDot = true;
        continue;
      }
      if (c === 125 /* } */) {
        this.isEof = true;
        break;
      }
      // `:` joins a word that has a dot; `*` one that ends in a dot (the buffer is the
      // source text just before `at`, and `hasDot` says whether it contains a `.`).
      if (
        (c === 58 /* : */ && this.bufStart >= 0 && this.hasDot) ||
        (c === 42 /* * */ && this.bufStart >= 0 && src.charCodeAt(at - 1) === 46)
      ) {
        this.push(at);
        continue;
      }
      let prev: Token | null = null;
      const buf = this.bufStart >= 0 ? src.slice(this.bufStart, this.bufEnd) : "";
      if (c === 40 /* ( */ && buf === "matches") {
        const quote = this.findChar(['"', "'"]);
        const litStart = this.pos - 1;
        const pattern = this.parseString(quote, litStart);
        const re = compileRustRegex(pattern, { start: litStart, end: this.pos });
        prev = { t: "regex", re, start: this.bufStart, end: at + 1 };
        this.bufStart = -1;
        this.hasAlpha = false;
        this.findChar([","]);
      } else if (c === 40 /* ( */ && buf === "config_get") {
        // The key must be a literal, as in Stalwart: it is read here, then its `)`.
        const quote = this.findChar(['"', "'"]);
        const key = this.parseString(quote, this.pos - 1);
        this.findChar([")"]);
        const token: Token = { t: "config", key, start: this.bufStart, end: this.pos };
        this.bufStart = -1;
        this.hasAlpha = false;
        this.isStart = false;
        return token;
      } else if (buf !== "") {
        this.isStart = false;
        prev = this.parseBuf(buf);
      }
      const token = this.operator(c, at, prev);
      if (token === null) {
        if (prev) return prev;
        continue;
      }
      this.isStart = token.t === "(" || token.t === "," || token.t === "bin";
      if (prev) {
        this.queue.push(token);
        return prev;
      }
      return token;
    }
    if (this.depth > 0) {
      const open = this.opens[this.opens.length - 1] ?? 0;
      syntax("Unmatched open parenthesis", open, open + 1);
    }
    return this.bufStart >= 0 ? this.parseBuf(src.slice(this.bufStart, this.bufEnd)) : null;
  }

  private push(at: number): void {
    if (this.bufStart < 0) this.bufStart = at;
    this.bufEnd = at + 1;
  }

  /** The token for the delimiter with code `c` at `at`; null for whitespace. */
  private operator(c: number, at: number, prev: Token | null): Token | null {
    const src = this.src;
    // Tokens are built as whole literals: `{ ...k, start, end }` took V8's slow spread
    // path (~4 µs a token, the hottest spot of config evaluation in the bench profile).
    switch (c) {
      case 38 /* & */:
      case 124 /* | */:
        {
          const double = src.charCodeAt(this.pos) === c;
          if (double) this.pos++;
          return bin(c === 38 ? "&&" : "||", at, double ? 2 : 1);
        }
      case 33 /* ! */:
        if (src.charCodeAt(this.pos) === 61 /* = */) {
          this.pos++;
          return bin("!=", at, 2);
        }
        return { t: "un", op: "!", start: at, end: at + 1 };
      case 94 /* ^ */:
        return bin("^", at, 1);
      case 40 /* ( */:
        this.depth++;
        this.opens.push(prev && prev.t === "regex" ? prev.start : at);
        this.nest(at);
        return { t: "(", start: at, end: at + 1 };
      case 41 /* ) */:
        if (this.depth === 0) syntax("Unmatched close parenthesis", at, at + 1);
        this.depth--;
        this.opens.pop();
        this.nesting = Math.max(0, this.nesting - 1);
        return { t: ")", start: at, end: at + 1 };
      case 43 /* + */:
        return bin("+", at, 1);
      case 42 /* * */:
        return bin("*", at, 1);
      case 47 /* / */:
        return bin("/", at, 1);
      case 45 /* - */:
        return this.isStart ? { t: "un", op: "neg", start: at, end: at + 1 } : bin("-", at, 1);
      case 61 /* = */:
        {
          // Stalwart consumes the next character whatever it is (`a='x'` loses the quote).
          const hasNext = this.pos < src.length;
          const next = src.charCodeAt(this.pos);
          if (hasNext) this.pos++;
          return next === 62 /* > */
            ? bin(">=", at, 2)
            : next === 60 /* < */
              ? bin("<=", at, 2)
              : bin("==", at, hasNext ? 2 : 1);
        }
      case 62 /* > */:
      case 60 /* < */:
        {
          const eq = src.charCodeAt(this.pos) === 61 /* = */;
          if (eq) this.pos++;
          const op: BinaryOp = c === 62 ? (eq ? ">=" : ">") : eq ? "<=" : "<";
          return bin(op, at, eq ? 2 : 1);
        }
      case 44 /* , */:
        return { t: ",", start: at, end: at + 1 };
      case 91 /* [ */:
        this.nest(at);
        return { t: "[", start: at, end: at + 1 };
      case 93 /* ] */:
        this.nesting = Math.max(0, this.nesting - 1);
        return { t: "]", start: at, end: at + 1 };
      case 32 /*   */:
      case 13 /* \r */:
      case 10 /* \n */:
        return null;
      case 34 /* " */:
      case 39 /* ' */:
        {
          const value = this.parseString(c === 34 ? '"' : "'", at);
          return { t: "const", value: { kind: "string", value }, start: at, end: this.pos };
        }
      default:
        syntax(`Invalid character ${rustCharDebug(firstUtf8Byte(src, at))}`, at, at + 1);
    }
  }

  private nest(at: number): void {
    this.nesting++;
    if (this.nesting > LIMITS.exprDepth) {
      exprLimit("exprDepth", `${this.nesting} nested parentheses or brackets`, {
        start: at,
        end: at + 1,
      });
    }
  }

  /** Skips ASCII whitespace and expects one of `chars` (Stalwart's `find_char`). */
  private findChar(chars: readonly string[]): string {
    const found = findChar(this.src, this.pos, chars);
    this.pos = found.pos;
    return found.ch;
  }

  /** Stalwart's `parse_string`, from just after the quote `stop` at `start`. */
  private parseString(stop: string, start: number): string {
    const scanned = scanString(this.src, this.pos, stop, start);
    this.pos = scanned.pos;
    return scanned.value;
  }

  /** Stalwart's `parse_buf`: classify the accumulated word `buf`, then start a new one. */
  private parseBuf(buf: string): Token {
    const { bufStart, hasNumber, hasDot, hasAlpha } = this;
    this.bufStart = -1;
    this.hasNumber = false;
    this.hasDot = false;
    this.hasAlpha = false;
    return classifyWord(buf, bufStart, hasNumber, hasDot, hasAlpha, this.tokens);
  }
}

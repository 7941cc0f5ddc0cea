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
import { type BinaryOp, syntax, type Token, type TokenKind } from "./token";
import type { TokenMap } from "./types";
import { classifyWord } from "./word";

export { ALL_VARIABLES, FUNCTION_ARITY } from "./catalog";
export type { BinaryOp, Token, TokenKind, UnaryOp } from "./token";

export class Tokenizer {
  private pos = 0;
  private buf = "";
  private bufStart = 0;
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
    while (this.pos < src.length) {
      const at = this.pos;
      const ch = src[this.pos++] ?? "";
      if (/[A-Za-z_$]/.test(ch)) {
        this.push(ch, at);
        this.hasAlpha = true;
        continue;
      }
      if (ch >= "0" && ch <= "9") {
        this.push(ch, at);
        this.hasNumber = true;
        continue;
      }
      if (ch === ".") {
        this.push(ch, at);
        this.hasDot = true;
        continue;
      }
      if (ch === "}") {
        this.isEof = true;
        break;
      }
      if ((ch === ":" && this.buf.includes(".")) || (ch === "*" && this.buf.endsWith("."))) {
        this.push(ch, at);
        continue;
      }
      let prev: Token | null = null;
      if (ch === "(" && this.buf === "matches") {
        const quote = this.findChar(['"', "'"]);
        const litStart = this.pos - 1;
        const pattern = this.parseString(quote, litStart);
        const re = compileRustRegex(pattern, { start: litStart, end: this.pos });
        prev = { t: "regex", re, start: this.bufStart, end: at + 1 };
        this.buf = "";
        this.hasAlpha = false;
        this.findChar([","]);
      } else if (ch === "(" && this.buf === "config_get") {
        // The key must be a literal, as in Stalwart: it is read here, then its `)`.
        const quote = this.findChar(['"', "'"]);
        const key = this.parseString(quote, this.pos - 1);
        this.findChar([")"]);
        const token: Token = { t: "config", key, start: this.bufStart, end: this.pos };
        this.buf = "";
        this.hasAlpha = false;
        this.isStart = false;
        return token;
      } else if (this.buf !== "") {
        this.isStart = false;
        prev = this.parseBuf();
      }
      const token = this.operator(ch, at, prev);
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
    return this.buf !== "" ? this.parseBuf() : null;
  }

  private push(ch: string, at: number): void {
    if (this.buf === "") this.bufStart = at;
    this.buf += ch;
  }

  /** The token for delimiter `ch` at `at`; null for whitespace. */
  private operator(ch: string, at: number, prev: Token | null): Token | null {
    const src = this.src;
    // Not `{ ...k, start, end }`: V8 spreads these small literals on a slow path, ~4 µs a
    // token, the hottest spot of config evaluation in the bench profile. `k` is always a
    // fresh literal here, so adding the range to it in place is safe.
    const tok = (k: TokenKind, len = 1): Token => Object.assign(k, { start: at, end: at + len });
    const bin = (op: BinaryOp, len = 1): Token => tok({ t: "bin", op }, len);
    switch (ch) {
      case "&":
      case "|": {
        const double = src[this.pos] === ch;
        if (double) this.pos++;
        return bin(ch === "&" ? "&&" : "||", double ? 2 : 1);
      }
      case "!":
        if (src[this.pos] === "=") {
          this.pos++;
          return bin("!=", 2);
        }
        return tok({ t: "un", op: "!" });
      case "^":
        return bin("^");
      case "(":
        this.depth++;
        this.opens.push(prev && prev.t === "regex" ? prev.start : at);
        this.nest(at);
        return tok({ t: "(" });
      case ")":
        if (this.depth === 0) syntax("Unmatched close parenthesis", at, at + 1);
        this.depth--;
        this.opens.pop();
        this.nesting = Math.max(0, this.nesting - 1);
        return tok({ t: ")" });
      case "+":
        return bin("+");
      case "*":
        return bin("*");
      case "/":
        return bin("/");
      case "-":
        return this.isStart ? tok({ t: "un", op: "neg" }) : bin("-");
      case "=": {
        // Stalwart consumes the next character whatever it is (`a='x'` loses the quote).
        const next = src[this.pos];
        if (next !== undefined) this.pos++;
        return next === ">"
          ? bin(">=", 2)
          : next === "<"
            ? bin("<=", 2)
            : bin("==", next === undefined ? 1 : 2);
      }
      case ">":
      case "<": {
        const eq = src[this.pos] === "=";
        if (eq) this.pos++;
        const op: BinaryOp = ch === ">" ? (eq ? ">=" : ">") : eq ? "<=" : "<";
        return bin(op, eq ? 2 : 1);
      }
      case ",":
        return tok({ t: "," });
      case "[":
        this.nest(at);
        return tok({ t: "[" });
      case "]":
        this.nesting = Math.max(0, this.nesting - 1);
        return tok({ t: "]" });
      case " ":
      case "\r":
      case "\n":
        return null;
      case '"':
      case "'": {
        const value = this.parseString(ch, at);
        return { t: "const", value: { kind: "string", value }, start: at, end: this.pos };
      }
      default:
        syntax(`Invalid character ${rustCharDebug(firstUtf8Byte(src, at))}`, at, at + ch.length);
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

  /** Stalwart's `parse_buf`: classify the accumulated word, then start a new one. */
  private parseBuf(): Token {
    const { buf, bufStart, hasNumber, hasDot, hasAlpha } = this;
    this.buf = "";
    this.hasNumber = false;
    this.hasDot = false;
    this.hasAlpha = false;
    return classifyWord(buf, bufStart, { hasNumber, hasDot, hasAlpha }, this.tokens);
  }
}

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
import { CoreError, CoreErrorCode, type SourceRange } from "../errors";
import { exprLimit, LIMITS } from "../limits";
import { FUNCTION_ARITY } from "./catalog";
import { compileRustRegex } from "./regex";
import { firstUtf8Byte, rustCharDebug, rustStrDebug } from "./rust-debug";
import { parseF64, parseI64, parseU64 } from "./rust-num";
import type { TokenMap } from "./types";
import { float, int, type Value } from "./value";

export { ALL_VARIABLES, FUNCTION_ARITY } from "./catalog";

export type BinaryOp =
  | "+"
  | "-"
  | "*"
  | "/"
  | "&&"
  | "||"
  | "^"
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">=";
export type UnaryOp = "!" | "neg";

export type TokenKind =
  | { readonly t: "var"; readonly name: string }
  | { readonly t: "const"; readonly value: Value }
  | { readonly t: "capture"; readonly n: number }
  | { readonly t: "config"; readonly key: string }
  | { readonly t: "fn"; readonly name: string; readonly arity: number }
  | { readonly t: "regex"; readonly re: RegExp }
  | { readonly t: "bin"; readonly op: BinaryOp }
  | { readonly t: "un"; readonly op: UnaryOp }
  | { readonly t: "(" | ")" | "[" | "]" | "," };
export type Token = TokenKind & SourceRange;

const DAY = 86_400_000n;
const DURATIONS: readonly (readonly [string, bigint])[] = [
  ["d", DAY],
  ["h", 3_600_000n],
  ["m", 60_000n],
  ["ms", 1n],
  ["s", 1000n],
];

/** `Duration::parse_value`: `<n>d|h|m|ms|s` or a bare number of ms, n > 0, as i64 ms. */
function parseDuration(text: string): bigint | null {
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

function syntax(message: string, start: number, end: number): never {
  throw new CoreError(CoreErrorCode.ExprSyntax, message, { start, end });
}

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
    const tok = (k: TokenKind, len = 1): Token => ({ ...k, start: at, end: at + len });
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
    while (this.pos < this.src.length) {
      const at = this.pos;
      const ch = this.src[this.pos++] ?? "";
      if (/[ \t\n\f\r]/.test(ch)) continue;
      if (chars.includes(ch)) return ch;
      syntax(
        `Expected ${rustCharDebug(chars[0]?.codePointAt(0) ?? 0)}, found invalid character ${rustCharDebug(firstUtf8Byte(this.src, at))}`,
        at,
        at + 1,
      );
    }
    syntax("Unexpected end of expression", this.src.length, this.src.length);
  }

  /**
   * Stalwart's `parse_string`: a backslash is kept; the character after it never ends the
   * string, and `n`/`r`/`t` there become the control character.
   */
  private parseString(stop: string, start: number): string {
    let out = "";
    let last = "";
    while (this.pos < this.src.length) {
      const ch = this.src[this.pos++] ?? "";
      if (last !== "\\") {
        if (ch === stop) return out;
        out += ch;
      } else {
        out += ch === "n" ? "\n" : ch === "r" ? "\r" : ch === "t" ? "\t" : ch;
      }
      if (out.length > LIMITS.stringLength)
        exprLimit("stringLength", "a longer string literal", { start, end: this.pos });
      last = ch;
    }
    syntax("Unterminated string", start, this.src.length);
  }

  /** Stalwart's `parse_buf`: classify the accumulated word. */
  private parseBuf(): Token {
    const buf = this.buf;
    const start = this.bufStart;
    const end = start + buf.length;
    const range = { start, end };
    const { hasNumber, hasDot, hasAlpha } = this;
    this.buf = "";
    this.hasNumber = false;
    this.hasDot = false;
    this.hasAlpha = false;
    if (hasNumber && !hasAlpha) {
      if (hasDot) {
        const f = parseF64(buf);
        if (f === null) syntax(`Invalid float value ${buf}`, start, end);
        return { t: "const", value: float(f), ...range };
      }
      const i = parseI64(buf);
      if (i === null) syntax(`Invalid integer value ${buf}`, start, end);
      return { t: "const", value: int(i), ...range };
    }
    if (!hasNumber && !hasDot && (buf === "true" || buf === "false")) {
      return { t: "const", value: int(buf === "true" ? 1n : 0n), ...range };
    }
    if (buf.startsWith("$")) {
      const n = /^\+?[0-9]+$/.test(buf.slice(1)) ? Number(buf.slice(1).replace("+", "")) : -1;
      if (n >= 0 && n <= 0xffff_ffff) return { t: "capture", n, ...range };
    }
    const arity = buf === "matches" || buf === "config_get" ? undefined : FUNCTION_ARITY.get(buf);
    if (arity !== undefined) return { t: "fn", name: buf, arity, ...range };
    const constant = this.tokens.constants.get(buf);
    if (constant !== undefined) return { t: "const", value: constant, ...range };
    if (this.tokens.variables.has(buf)) return { t: "var", name: buf, ...range };
    const ms = parseDuration(buf);
    if (ms !== null) return { t: "const", value: int(ms), ...range };
    return syntax(`Invalid variable or constant ${rustStrDebug(buf)}`, start, end);
  }
}

/**
 * Stalwart's expression tokenizer (crates/common/src/expr/tokenizer.rs), quirks included:
 * - identifiers, numbers and dots accumulate in one buffer that is classified when a
 *   delimiter arrives (words.ts: `192.0.2.1` is an invalid float, `2001:db8::1` an
 *   invalid `:`);
 * - `}` ends the expression; whitespace is only space, CR and LF (TAB is invalid);
 * - a single `=` is equality but swallows the next character;
 * - `-` is unary only at the start, after `(`, `,` or a binary operator;
 * - `matches(` reads its regex literal and comma itself; `config_get(` its key literal.
 * Offsets are UTF-16 indexes into the source; ranges point at the offending text.
 */
import { count, exprLimit, LIMITS } from "../limits";
import { literalForms } from "./dialect";
import { compileRustRegex } from "./regex";
import { firstUtf8Byte, rustCharDebug } from "./rust-debug";
import { type BinaryOp, binToken, syntax, type Token } from "./token";
import type { TokenMap } from "./types";
import { str } from "./value";
import { classifyWord, isAlpha, systemToken } from "./words";

/** Tokens that open a call whose `(` follows them. */
const CALLS: ReadonlySet<string> = new Set(["regex", "config", "system"]);

export class Tokenizer {
  private pos = 0;
  /** Open `(` not yet closed, and their offsets to point "Unmatched open parenthesis" at. */
  private readonly opens: number[] = [];
  /** Nesting of `(` and `[`, held to LIMITS.exprDepth. */
  private nesting = 0;
  private isStart = true;
  private isEof = false;
  /** The accumulated word and what it contains (Stalwart's `buf` and its flags). */
  private buf = "";
  private bufStart = 0;
  private shape = { hasNumber: false, hasDot: false, hasAlpha: false };
  /** A delimiter read together with the word it ended, returned after it. */
  private pending: Token | null = null;

  constructor(
    private readonly src: string,
    private readonly tokens: TokenMap,
  ) {}

  /** The next token, or null at the end. */
  next(): Token | null {
    const pending = this.pending;
    if (pending) {
      this.pending = null;
      return pending;
    }
    while (!this.isEof && this.pos < this.src.length) {
      const at = this.pos++;
      const ch = this.src[at] ?? "";
      if (isAlpha(ch)) this.shape.hasAlpha = true;
      else if (ch >= "0" && ch <= "9") this.shape.hasNumber = true;
      else if (ch === ".") this.shape.hasDot = true;
      // `:` joins a word that has a dot; `*` one that ends in a dot.
      else if (!((ch === ":" && this.shape.hasDot) || (ch === "*" && this.buf.endsWith(".")))) {
        const token = this.delimiter(ch, at);
        if (token) return token;
        continue;
      }
      if (this.buf === "") this.bufStart = at;
      this.buf += ch;
    }
    if (this.opens.length > 0) {
      const open = this.opens[this.opens.length - 1] ?? 0;
      syntax("Unmatched open parenthesis", open, open + 1);
    }
    return this.buf === "" ? null : this.word();
  }

  /** The character `ch` at `at` ends the word: the word's token first, if any, then its own. */
  private delimiter(ch: string, at: number): Token | null {
    if (ch === "}") {
      this.isEof = true;
      return null;
    }
    let word: Token | null = null;
    if (ch === "(" && this.buf === "matches") word = this.regex(at);
    else if (ch === "(" && literalForms(this.tokens.dialect).includes(this.buf))
      word = this.literalCall(at);
    else if (this.buf !== "") {
      this.isStart = false;
      word = this.word();
    }
    const op = this.operator(ch, at, word);
    if (op === null) return word;
    this.isStart = op.t === "(" || op.t === "," || op.t === "bin";
    if (word === null) return op;
    this.pending = op;
    return word;
  }

  /** Stalwart's `parse_buf`: the accumulated word's token; a new word starts. */
  private word(): Token {
    const token = classifyWord(this.buf, this.bufStart, this.shape, this.tokens);
    this.buf = "";
    this.shape = { hasNumber: false, hasDot: false, hasAlpha: false };
    return token;
  }

  /** `matches(`: its pattern literal and the comma after it are read here. */
  private regex(paren: number): Token {
    const quote = this.findChar(['"', "'"]);
    const litStart = this.pos - 1;
    const pattern = this.parseString(quote, litStart);
    const re = compileRustRegex(pattern, { start: litStart, end: this.pos });
    const token: Token = { t: "regex", re, start: this.bufStart, end: paren + 1 };
    this.buf = "";
    this.shape.hasAlpha = false;
    this.findChar([","]);
    return token;
  }

  /** `config_get(`, v0.16 `system(` / `metric(`: their literal is read here (parser.rs). */
  private literalCall(paren: number): Token {
    const quote = this.findChar(['"', "'"]);
    const litStart = this.pos - 1;
    const literal = this.parseString(quote, litStart);
    const at = { start: this.bufStart, end: paren + 1 };
    const token: Token =
      this.buf === "config_get"
        ? { t: "config", key: literal, ...at }
        : systemToken(this.buf, literal, { start: litStart, end: this.pos });
    this.buf = "";
    this.shape.hasAlpha = false;
    return { ...token, ...at };
  }

  /** The delimiter `ch` at `at` as a token, or null for whitespace. `word`: the token before. */
  private operator(ch: string, at: number, word: Token | null): Token | null {
    const bin = (op: BinaryOp, length: number) => binToken(op, at, length);
    const next = this.src[this.pos];
    switch (ch) {
      case "^":
      case "+":
      case "*":
      case "/":
        return bin(ch, 1);
      // `<` and `>`, and `<=` and `>=` when `=` follows (as Stalwart pairs them).
      case "<":
      case ">":
        if (next !== "=") return bin(ch, 1);
        this.pos++;
        return bin(ch === "<" ? "<=" : ">=", 2);
      case "&":
      case "|": {
        const double = next === ch;
        if (double) this.pos++;
        return bin(ch === "&" ? "&&" : "||", double ? 2 : 1);
      }
      case "!":
        if (next === "=") {
          this.pos++;
          return bin("!=", 2);
        }
        return { t: "un", op: "!", start: at, end: at + 1 };
      case "-":
        return this.isStart ? { t: "un", op: "neg", start: at, end: at + 1 } : bin("-", 1);
      case "=":
        // Stalwart consumes the next character whatever it is (`a='x'` loses the quote).
        if (next === undefined) return bin("==", 1);
        this.pos++;
        return next === ">" ? bin(">=", 2) : next === "<" ? bin("<=", 2) : bin("==", 2);
      case "(":
        this.opens.push(word !== null && CALLS.has(word.t) ? word.start : at);
        this.nest(at);
        return { t: "(", start: at, end: at + 1 };
      case ")":
        if (this.opens.pop() === undefined) syntax("Unmatched close parenthesis", at, at + 1);
        this.nesting = Math.max(0, this.nesting - 1);
        return { t: ")", start: at, end: at + 1 };
      case "[":
        this.nest(at);
        return { t: "[", start: at, end: at + 1 };
      case "]":
        this.nesting = Math.max(0, this.nesting - 1);
        return { t: "]", start: at, end: at + 1 };
      case ",":
        return { t: ",", start: at, end: at + 1 };
      case " ":
      case "\r":
      case "\n":
        return null;
      case '"':
      case "'":
        return { t: "const", value: str(this.parseString(ch, at)), start: at, end: this.pos };
      default:
        return syntax(
          `Invalid character ${rustCharDebug(firstUtf8Byte(this.src, at))}`,
          at,
          at + 1,
        );
    }
  }

  private nest(at: number): void {
    this.nesting++;
    if (this.nesting > LIMITS.exprDepth) {
      const found = `Parentheses, brackets and calls are nested ${this.nesting} levels deep here`;
      exprLimit(found, LIMITS.exprDepth, "levels", { start: at, end: at + 1 });
    }
  }

  /** Stalwart's `find_char`: skips ASCII whitespace and expects one of `chars`. */
  private findChar(chars: readonly string[]): string {
    while (this.pos < this.src.length) {
      const at = this.pos++;
      const ch = this.src[at] ?? "";
      if (/[ \t\n\f\r]/.test(ch)) continue;
      if (chars.includes(ch)) return ch;
      const expected = rustCharDebug(chars[0]?.codePointAt(0) ?? 0);
      const found = rustCharDebug(firstUtf8Byte(this.src, at));
      syntax(`Expected ${expected}, found invalid character ${found}`, at, at + 1);
    }
    return syntax("Unexpected end of expression", this.src.length, this.src.length);
  }

  /**
   * Stalwart's `parse_string`, from just after the opening quote `stop` (at `start`): a
   * backslash is kept; the character after it never ends the string, and `n`/`r`/`t`
   * there become the control character.
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
        exprLimit(
          `A string literal is longer than ${count(LIMITS.stringLength)} characters`,
          LIMITS.stringLength,
          "characters",
          { start, end: this.pos },
        );
      last = ch;
    }
    return syntax("Unterminated string", start, this.src.length);
  }
}

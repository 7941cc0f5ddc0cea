/**
 * The state Stalwart's expression tokenizer keeps between characters, and its reading of
 * delimiters, operators and string literals (crates/common/src/expr/tokenizer.rs): a
 * single `=` is equality but swallows the next character; `-` is unary only at the start,
 * after `(`, `,` or a binary operator; whitespace is only space, CR and LF. The word
 * buffer and the main loop are in tokenizer.ts.
 */
import { exprLimit, LIMITS } from "../limits";
import { firstUtf8Byte, rustCharDebug } from "./rust-debug";
import { findChar, plainStringEnd, scanString } from "./string-literal";
import { type BinaryOp, syntax, TokenSlot } from "./token";
import type { TokenMap } from "./types";
import { str } from "./value";

export abstract class Lexer {
  protected src = "";
  protected tokens: TokenMap | null = null;
  protected pos = 0;
  protected depth = 0;
  /** Open `(` offsets, to point "Unmatched open parenthesis" at the culprit. */
  protected readonly opens: number[] = [];
  protected nesting = 0;
  protected isStart = true;
  /** The two token slots (see Tokenizer). */
  protected readonly word: TokenSlot = new TokenSlot();
  protected readonly op: TokenSlot = new TokenSlot();

  protected bin(op: BinaryOp, start: number, len: number): true {
    this.op.set("bin", start, start + len);
    this.op.bop = op;
    return true;
  }

  protected punct(t: "(" | ")" | "[" | "]" | ",", at: number): true {
    this.op.set(t, at, at + 1);
    return true;
  }

  /**
   * Reads the delimiter with code `c` at `at` into `op`; false for whitespace. `prev`:
   * `word` holds the token just before it.
   */
  protected operator(c: number, at: number, prev: boolean): boolean {
    const src = this.src;
    switch (c) {
      case 38 /* & */:
      case 124 /* | */:
        {
          const double = src.charCodeAt(this.pos) === c;
          if (double) this.pos++;
          return this.bin(c === 38 ? "&&" : "||", at, double ? 2 : 1);
        }
      case 33 /* ! */:
        if (src.charCodeAt(this.pos) === 61 /* = */) {
          this.pos++;
          return this.bin("!=", at, 2);
        }
        this.op.set("un", at, at + 1);
        this.op.uop = "!";
        return true;
      case 94 /* ^ */:
        return this.bin("^", at, 1);
      case 40 /* ( */:
        this.depth++;
        this.opens.push(prev && this.word.t === "regex" ? this.word.start : at);
        this.nest(at);
        return this.punct("(", at);
      case 41 /* ) */:
        if (this.depth === 0) syntax("Unmatched close parenthesis", at, at + 1);
        this.depth--;
        this.opens.pop();
        this.nesting = Math.max(0, this.nesting - 1);
        return this.punct(")", at);
      case 43 /* + */:
        return this.bin("+", at, 1);
      case 42 /* * */:
        return this.bin("*", at, 1);
      case 47 /* / */:
        return this.bin("/", at, 1);
      case 45 /* - */:
        if (!this.isStart) return this.bin("-", at, 1);
        this.op.set("un", at, at + 1);
        this.op.uop = "neg";
        return true;
      case 61 /* = */:
        {
          // Stalwart consumes the next character whatever it is (`a='x'` loses the quote).
          const hasNext = this.pos < src.length;
          const next = src.charCodeAt(this.pos);
          if (hasNext) this.pos++;
          return next === 62 /* > */
            ? this.bin(">=", at, 2)
            : next === 60 /* < */
              ? this.bin("<=", at, 2)
              : this.bin("==", at, hasNext ? 2 : 1);
        }
      case 62 /* > */:
      case 60 /* < */:
        {
          const eq = src.charCodeAt(this.pos) === 61 /* = */;
          if (eq) this.pos++;
          const op: BinaryOp = c === 62 ? (eq ? ">=" : ">") : eq ? "<=" : "<";
          return this.bin(op, at, eq ? 2 : 1);
        }
      case 44 /* , */:
        return this.punct(",", at);
      case 91 /* [ */:
        this.nest(at);
        return this.punct("[", at);
      case 93 /* ] */:
        this.nesting = Math.max(0, this.nesting - 1);
        return this.punct("]", at);
      case 32 /*   */:
      case 13 /* \r */:
      case 10 /* \n */:
        return false;
      case 34 /* " */:
      case 39 /* ' */:
        {
          const value = this.parseString(c === 34 ? '"' : "'", at);
          this.op.set("const", at, this.pos);
          this.op.value = str(value);
          return true;
        }
      default:
        syntax(`Invalid character ${rustCharDebug(firstUtf8Byte(src, at))}`, at, at + 1);
    }
  }

  protected nest(at: number): void {
    this.nesting++;
    if (this.nesting > LIMITS.exprDepth) {
      exprLimit("exprDepth", `${this.nesting} nested parentheses or brackets`, {
        start: at,
        end: at + 1,
      });
    }
  }

  /** Skips ASCII whitespace and expects one of `chars` (Stalwart's `find_char`). */
  protected findChar(chars: readonly string[]): string {
    const found = findChar(this.src, this.pos, chars);
    this.pos = found.pos;
    return found.ch;
  }

  /** Stalwart's `parse_string`, from just after the quote `stop` at `start`. */
  protected parseString(stop: string, start: number): string {
    // Most literals have no backslash: one slice, no result object (see plainStringEnd).
    const close = plainStringEnd(this.src, this.pos, stop);
    if (close >= 0) {
      const value = this.src.slice(this.pos, close);
      this.pos = close + 1;
      return value;
    }
    const scanned = scanString(this.src, this.pos, stop, start);
    this.pos = scanned.pos;
    return scanned.value;
  }
}

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
import { Lexer } from "./lexer";
import { compileRustRegex } from "./regex";
import { syntax, type TokenSlot } from "./token";
import type { TokenMap } from "./types";
import { classifyWord, isAlpha } from "./word";

export { ALL_VARIABLES, FUNCTION_ARITY } from "./catalog";
export type { BinaryOp, Token, TokenKind, TokenSlot, TokenTag, UnaryOp } from "./token";

/**
 * Tokens come out in two reused slots, not as objects: `word` (a classified word,
 * `matches(`'s regex, `config_get(`'s key) and `op` (a delimiter or a string literal).
 * A delimiter that ends a word is read in the same step; it waits in `op` (`pending`)
 * while the word is returned. One Tokenizer serves every parse (`reset`): its state and
 * arrays are reused instead of allocated per expression.
 */
export class Tokenizer extends Lexer {
  /**
   * The accumulated word is always the contiguous source text `bufStart..bufEnd` (every
   * other character flushes it), so it is sliced when classified instead of being built
   * character by character. `bufStart < 0`: empty.
   */
  private bufStart = -1;
  private bufEnd = 0;
  private pending = false;
  private hasNumber = false;
  private hasDot = false;
  private hasAlpha = false;
  private isEof = false;

  reset(src: string, tokens: TokenMap): void {
    this.src = src;
    this.tokens = tokens;
    this.pos = 0;
    this.bufStart = -1;
    this.bufEnd = 0;
    this.depth = 0;
    // Empty after any parse that succeeded; `length = 0` is a runtime call (bench profile).
    if (this.opens.length > 0) this.opens.length = 0;
    this.nesting = 0;
    this.pending = false;
    this.hasNumber = false;
    this.hasDot = false;
    this.hasAlpha = false;
    this.isStart = true;
    this.isEof = false;
    // Drop what the last expression's tokens held (a RegExp, a value).
    this.word.re = null;
    this.op.re = null;
  }

  /** The next token (valid until the next call), or null at the end. */
  next(): TokenSlot | null {
    if (this.pending) {
      this.pending = false;
      return this.op;
    }
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
      let prev = false;
      if (c === 40 /* ( */ && this.bufIs("matches")) {
        const quote = this.findChar(['"', "'"]);
        const litStart = this.pos - 1;
        const pattern = this.parseString(quote, litStart);
        const re = compileRustRegex(pattern, { start: litStart, end: this.pos });
        this.word.set("regex", this.bufStart, at + 1);
        this.word.re = re;
        prev = true;
        this.bufStart = -1;
        this.hasAlpha = false;
        this.findChar([","]);
      } else if (c === 40 /* ( */ && this.bufIs("config_get")) {
        // The key must be a literal, as in Stalwart: it is read here, then its `)`.
        const quote = this.findChar(['"', "'"]);
        const key = this.parseString(quote, this.pos - 1);
        this.findChar([")"]);
        this.word.set("config", this.bufStart, this.pos);
        this.word.name = key;
        this.bufStart = -1;
        this.hasAlpha = false;
        this.isStart = false;
        return this.word;
      } else if (this.bufStart >= 0) {
        this.isStart = false;
        this.parseBuf();
        prev = true;
      }
      if (!this.operator(c, at, prev)) {
        if (prev) return this.word;
        continue;
      }
      const t = this.op.t;
      this.isStart = t === "(" || t === "," || t === "bin";
      if (prev) {
        this.pending = true;
        return this.word;
      }
      return this.op;
    }
    if (this.depth > 0) {
      const open = this.opens[this.opens.length - 1] ?? 0;
      syntax("Unmatched open parenthesis", open, open + 1);
    }
    if (this.bufStart < 0) return null;
    this.parseBuf();
    return this.word;
  }

  private push(at: number): void {
    if (this.bufStart < 0) this.bufStart = at;
    this.bufEnd = at + 1;
  }

  /** Whether the accumulated word is `w`, compared in place (no slice per delimiter). */
  private bufIs(w: string): boolean {
    return (
      this.bufStart >= 0 &&
      this.bufEnd - this.bufStart === w.length &&
      this.src.startsWith(w, this.bufStart)
    );
  }

  /** Stalwart's `parse_buf`: classify the accumulated word into `word`, then start a new one. */
  private parseBuf(): void {
    const { bufStart, hasNumber, hasDot, hasAlpha } = this;
    this.bufStart = -1;
    this.hasNumber = false;
    this.hasDot = false;
    this.hasAlpha = false;
    const buf = this.src.slice(bufStart, this.bufEnd);
    const tokens = this.tokens;
    if (tokens === null) throw new Error("Tokenizer used before reset()");
    classifyWord(buf, bufStart, hasNumber, hasDot, hasAlpha, tokens, this.word);
  }
}

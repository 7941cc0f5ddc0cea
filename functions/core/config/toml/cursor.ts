/**
 * The reading state of Stalwart's config parser (`TomlParser` in
 * crates/utils/src/config/parser.rs, v0.12.5): a peekable iterator over the characters of
 * the text and the parser's own line counter, with its four moves (`seek_next_char`,
 * `next_char`, `skip_line` and the iterator's `next`). Characters are code points (Rust
 * iterates a `str` by `char`); `pos` is the UTF-16 offset of the next one, so every
 * position the parser records is an offset into the text as the editor holds it.
 */
import { CoreError, CoreErrorCode } from "../../errors";

/** What Stalwart prints before its parser's message when it refuses to start (boot.rs). */
const REFUSAL = "Invalid configuration file: ";

export class Cursor {
  /** UTF-16 offset of the next character. */
  pos = 0;
  /** Stalwart's line counter: 1, plus each `\n` the parser counted. */
  line = 1;

  constructor(readonly text: string) {}

  /** The next character without consuming it (`iter.peek()`); undefined at the end. */
  peek(): string | undefined {
    return charAt(this.text, this.pos);
  }

  /** Consumes the next character (`iter.next()`), counting no line. */
  next(): string | undefined {
    const ch = charAt(this.text, this.pos);
    if (ch !== undefined) this.pos += ch.length;
    return ch;
  }

  /** Offset of the character just consumed as `ch`. */
  before(ch: string): number {
    return this.pos - ch.length;
  }

  /**
   * `seek_next_char`: skips blanks, line ends (counted) and comments; true when a
   * character other than those follows.
   */
  seekNextChar(): boolean {
    for (let ch = this.peek(); ch !== undefined; ch = this.peek()) {
      if (ch === "\n") {
        this.pos++;
        this.line++;
      } else if (ch === "\r" || ch === " " || ch === "\t") {
        this.pos++;
      } else if (ch === "#") {
        this.skipLine();
      } else {
        return true;
      }
    }
    return false;
  }

  /**
   * `next_char(skip_wsp, allow_lf)`: the next character, `\r` always skipped, blanks
   * skipped when `skipWsp`; a `\n` is returned (and counted) only when `allowLf`, else it
   * is an error, as is the end of the text.
   */
  nextChar(skipWsp: boolean, allowLf: boolean): string {
    for (let ch = this.next(); ch !== undefined; ch = this.next()) {
      if (ch === "\r" || (skipWsp && (ch === " " || ch === "\t"))) continue;
      if (ch === "\n") {
        if (!allowLf) this.fail(`Unexpected end of line at line: ${this.line}`, this.before(ch));
        this.line++;
      }
      return ch;
    }
    return this.fail(`Unexpected EOF at line: ${this.line}`, this.pos);
  }

  /** `skip_line`: consumes through the next `\n` (counted), or to the end. */
  skipLine(): void {
    const nl = this.text.indexOf("\n", this.pos);
    if (nl < 0) {
      this.pos = this.text.length;
    } else {
      this.pos = nl + 1;
      this.line++;
    }
  }

  /** Stalwart refuses the file: `message` is its parser's error, `start` where it stopped. */
  fail(message: string, start: number, end = start + 1): never {
    const at = Math.min(start, this.text.length);
    throw new CoreError(CoreErrorCode.TomlSyntax, REFUSAL + message, {
      start: at,
      end: Math.max(at, Math.min(end, this.text.length)),
    });
  }
}

/** The code point at `pos` as a string (a surrogate pair is one character). */
function charAt(text: string, pos: number): string | undefined {
  if (pos >= text.length) return undefined;
  const c = text.charCodeAt(pos);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(pos + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return text.slice(pos, pos + 2);
  }
  return text[pos];
}

/** Rust's `char::is_alphanumeric`: the Alphabetic property or a numeric category (N*). */
const ALPHANUMERIC = /^[\p{Alphabetic}\p{N}]$/u;

export function isAlphanumeric(ch: string): boolean {
  return ch < "\u0080" ? isAsciiAlphanumeric(ch) : ALPHANUMERIC.test(ch);
}

export function isAsciiAlphanumeric(ch: string): boolean {
  return (ch >= "0" && ch <= "9") || (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z");
}

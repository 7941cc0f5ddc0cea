/**
 * Quoted values, decoded as Stalwart's parser decodes them (the `qch @ ('\'' | '"')` arm
 * of `TomlParser::value`, v0.12.5), which is not TOML's way:
 * - `"…"` and `'…'` alike: `\t`, `\r`, `\n` become the control character, a backslash
 *   before any other character is dropped (`"\."` is `.`), and a backslash kept by a
 *   first one escapes the next character in turn (`\\n` is a backslash and a newline);
 *   a line end may sit inside the quotes;
 * - `"""…"""` and `'''…'''`: raw, a `\n` right after the opening quotes dropped;
 * - `\r` is skipped everywhere (`next_char` never returns it).
 * Each decoded UTF-16 unit keeps the offset of the source character it came from, so a
 * diagnostic inside an expression can point at its column.
 */
import type { Cursor } from "./cursor";

/** A decoded value and the source offset of each of its UTF-16 units. */
export class MappedText {
  value = "";
  /** Offsets of the units; null while every unit i sits at `start + i`. */
  private offsets: number[] | null = null;

  constructor(
    readonly start: number,
    /** Offset just past the content (the closing quote), set once it is found. */
    public end = start,
  ) {}

  push(ch: string, at: number): void {
    if (this.offsets === null && at !== this.start + this.value.length) {
      this.offsets = Array.from({ length: this.value.length }, (_, i) => this.start + i);
    }
    if (this.offsets !== null) {
      this.offsets.push(at);
      if (ch.length === 2) this.offsets.push(at + 1);
    }
    this.value += ch;
  }

  /**
   * Appends the source characters `source[from..to)` as they are, `\r` skipped (as
   * `next_char` skips it): one slice when they continue the value where it maps linearly.
   */
  pushSource(source: string, from: number, to: number): void {
    const run = source.slice(from, to);
    if (this.offsets === null && from === this.start + this.value.length && !run.includes("\r")) {
      this.value += run;
      return;
    }
    for (let i = from; i < to; i++) {
      const ch = source[i] ?? "";
      if (ch !== "\r") this.push(ch, i);
    }
  }

  /** Drops the last `units` UTF-16 units (Rust's `String::truncate` of ASCII quotes). */
  truncate(units: number): void {
    this.value = this.value.slice(0, this.value.length - units);
    this.offsets?.splice(this.value.length);
  }

  /** Source offset of unit `i`; `value.length` (or beyond) gives the content's end. */
  sourceOffset(i: number): number {
    const idx = Math.max(0, Math.min(Number.isFinite(i) ? Math.trunc(i) : 0, this.value.length));
    if (idx === this.value.length) return this.end;
    return this.offsets === null ? this.start + idx : (this.offsets[idx] ?? this.end);
  }
}

/** Reads the string whose opening `quote` was just consumed. */
export function readQuoted(cursor: Cursor, quote: string): MappedText {
  if (cursor.peek() !== quote) return readSingleLine(cursor, quote);
  cursor.next();
  if (cursor.peek() !== quote) return new MappedText(cursor.pos - 1); // `""`: empty
  cursor.next();
  if (cursor.peek() === "\n") {
    cursor.next();
    cursor.line++;
  }
  return readTriple(cursor, quote);
}

/**
 * `"…"` / `'…'`: the escape rules of the module comment. Plain characters are taken in runs
 * (`run` is where the current one started), escapes one by one.
 */
function readSingleLine(cursor: Cursor, quote: string): MappedText {
  const text = new MappedText(cursor.pos);
  let last = "";
  let escapeAt = 0;
  let run = cursor.pos;
  for (;;) {
    const ch = cursor.nextChar(false, true);
    const at = cursor.before(ch);
    if (ch === "\\" && last !== "\\") {
      text.pushSource(cursor.text, run, at);
      escapeAt = at;
    } else if (last === "\\") {
      // The escaped character stands where its backslash does.
      const control = ch === "t" ? "\t" : ch === "r" ? "\r" : ch === "n" ? "\n" : ch;
      text.push(control, escapeAt);
      escapeAt = at;
      run = cursor.pos;
    } else if (ch === quote) {
      text.pushSource(cursor.text, run, at);
      text.end = at;
      return text;
    }
    last = ch;
  }
}

/** `"""…"""` / `'''…'''`: raw up to three quotes in a row. */
function readTriple(cursor: Cursor, quote: string): MappedText {
  const text = new MappedText(cursor.pos);
  const start = cursor.pos;
  let last = "";
  let beforeLast = "";
  for (;;) {
    const ch = cursor.nextChar(false, true);
    const at = cursor.before(ch);
    if (ch === quote && last === quote && beforeLast === quote) {
      text.pushSource(cursor.text, start, at);
      text.truncate(2);
      text.end = at - 2;
      return text;
    }
    beforeLast = last;
    last = ch;
  }
}

/**
 * Stalwart's config parser, ported from crates/utils/src/config/parser.rs at v0.12.5
 * (`Config::parse` and `TomlParser::value`): the playground accepts exactly the files
 * Stalwart accepts, refuses the others with Stalwart's message (`CoreError` with code
 * `toml_syntax`, the message Stalwart prints before it exits), and flattens them into the
 * same keys and values. It is TOML-like, not TOML (spec §2): bare values of letters,
 * digits, `.`, `+` and `-` (`address = fallback.foobar.org`, `retry = [2m, 5m]`),
 * Stalwart's string escapes (strings.ts), `{ a, b }` sets, repeated table headers.
 * Every key and value keeps its place in the text.
 */
import { rustCharDebug, rustCharsDebug, rustStrDebug } from "../../expr/rust-debug";
import { type Cursor, isAlphanumeric, isAsciiAlphanumeric } from "./cursor";
import { type ArrayTables, type KeyRule, pad, readKey, readTableHeader } from "./keys";
import { MappedText, readQuoted } from "./strings";

/** parser.rs `MAX_NEST_LEVEL`. */
const MAX_NEST_LEVEL = 10;

/** Where a key, and the value written for it, sit in the text. */
export interface Span {
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** One flattened key, its value as Stalwart stores it, and their places in the text. */
export class ConfigEntry implements Span {
  constructor(
    readonly key: string,
    private readonly text: MappedText,
    readonly keyStart: number,
    readonly keyEnd: number,
    readonly valueStart: number,
    readonly valueEnd: number,
    /** The value as the parser read it, before `%{…}%` macros (what `config_get` reads). */
    readonly written: string = text.value,
  ) {}

  get value(): string {
    return this.text.value;
  }

  /** Source offset of the i-th UTF-16 unit of `value`; `value.length` gives its end. */
  sourceOffset(i: number): number {
    return this.text.sourceOffset(i);
  }

  /** The same key with another value (a macro resolved), `written` kept. */
  withValue(text: MappedText): ConfigEntry {
    const { key, keyStart, keyEnd, valueStart, valueEnd, written } = this;
    return new ConfigEntry(key, text, keyStart, keyEnd, valueStart, valueEnd, written);
  }
}

export interface ParsedConfig {
  /** Every key in the order it was read. */
  readonly entries: Map<string, ConfigEntry>;
  /** Where each array or inline table was written, by its key (the last one wins). */
  readonly containers: Map<string, Span>;
}

/** `ch.is_alphanumeric() || ['.', '+', '-'].contains(&ch)`: a bare value's characters. */
const isBare = (ch: string): boolean =>
  ch === "." || ch === "+" || ch === "-" || isAlphanumeric(ch);

/** Characters that start a key at the top level (the `'a'..='z' | …` arm of `Config::parse`). */
const startsKey = (ch: string): boolean => ch === '"' || isAsciiAlphanumeric(ch);

export function parseConfig(cursor: Cursor, rule: KeyRule): ParsedConfig {
  const parser = new Parser(cursor, rule);
  parser.statements();
  return { entries: parser.entries, containers: parser.containers };
}

class Parser {
  readonly entries = new Map<string, ConfigEntry>();
  readonly containers = new Map<string, Span>();

  constructor(
    private readonly cursor: Cursor,
    private readonly rule: KeyRule,
  ) {}

  // statements := ( header | key '=' value '\n' )*, blanks and comments between them
  statements(): void {
    const c = this.cursor;
    const arrays: ArrayTables = { name: "", pos: 0 };
    let prefix = "";
    while (c.seekNextChar()) {
      const ch = c.peek() ?? "";
      if (ch === "[") {
        prefix = `${readTableHeader(c, arrays)}.`;
      } else if (startsKey(ch)) {
        const key = readKey(c, prefix, false, this.rule);
        this.value(key.key, key, ["\n"], 0);
      } else {
        const found = rustCharDebug(ch.codePointAt(0) ?? 0);
        c.fail(`Unexpected character ${found} at line ${c.line}.`, c.pos);
      }
    }
  }

  // value := ( array | inline-table | string | bare ) trailer, or a stop char alone
  // Returns the stop char that ended it.
  private value(key: string, at: KeyPlace, stops: readonly string[], level: number): string {
    const c = this.cursor;
    if (level === MAX_NEST_LEVEL) c.fail(`Too many nested structures at line ${c.line}.`, c.pos);
    const ch = c.nextChar(true, false);
    const start = c.before(ch);
    if (ch === "[") {
      this.array(key, at, level);
      this.containers.set(key, {
        keyStart: at.start,
        keyEnd: at.end,
        valueStart: start,
        valueEnd: c.pos,
      });
    } else if (ch === "{") {
      this.inlineTable(key, level);
      this.containers.set(key, {
        keyStart: at.start,
        keyEnd: at.end,
        valueStart: start,
        valueEnd: c.pos,
      });
    } else if (ch === '"' || ch === "'") {
      const text = readQuoted(c, ch);
      this.insert(key, at, start, c.pos, text);
    } else if (isBare(ch)) {
      for (let next = c.peek(); next !== undefined && isBare(next); next = c.peek()) c.next();
      const text = new MappedText(start, c.pos);
      text.pushSource(c.text, start, c.pos);
      this.insert(key, at, start, c.pos, text);
    } else if (stops.includes(ch)) {
      return ch;
    } else {
      this.unexpected(stops, ch);
    }
    return this.trailer(stops);
  }

  // array := '[' ( value ( ',' value )* )? ']', elements keyed `key.0000`, `key.0001`, …
  private array(key: string, at: KeyPlace, level: number): void {
    const c = this.cursor;
    c.seekNextChar();
    for (let pos = 0; ; pos++) {
      if (this.value(`${key}.${pad(pos)}`, at, [",", "]"], level + 1) === "]") return;
      c.seekNextChar();
    }
  }

  // inline-table := '{' ( key '=' value | key ) ( ',' … )* '}'; a bare key is a set member
  private inlineTable(key: string, level: number): void {
    const c = this.cursor;
    const base = `${key}.`;
    for (;;) {
      const sub = readKey(c, base, true, this.rule);
      if (sub.stop === "=") {
        c.seekNextChar();
        if (this.value(sub.key, sub, [",", "}"], level + 1) === "}") return;
        c.seekNextChar();
      } else {
        this.insert(sub.key, sub, sub.start, sub.end, new MappedText(sub.end));
        if (sub.stop === "}") return;
      }
    }
  }

  // trailer := blanks, then a comment or a stop char; line ends too inside [ ] and { }
  private trailer(stops: readonly string[]): string {
    const c = this.cursor;
    for (;;) {
      const ch = c.nextChar(true, true);
      if (ch === "#") {
        c.skipLine();
        if (stops.includes("\n")) return "\n";
      } else if (stops.includes(ch)) {
        return ch;
      } else if (ch !== "\n") {
        this.unexpected(stops, ch);
      }
    }
  }

  private unexpected(stops: readonly string[], ch: string): never {
    const c = this.cursor;
    const found = rustCharDebug(ch.codePointAt(0) ?? 0);
    return c.fail(
      `Expected ${rustCharsDebug(stops)} but found ${found} in value at line ${c.line}.`,
      c.before(ch),
    );
  }

  /** `insert_key`: a key stored twice is an error. */
  private insert(
    key: string,
    at: KeyPlace,
    valueStart: number,
    valueEnd: number,
    text: MappedText,
  ): void {
    const c = this.cursor;
    if (this.entries.has(key)) {
      c.fail(`Duplicate key ${rustStrDebug(key)} at line ${c.line}.`, at.start, at.end);
    }
    this.entries.set(key, new ConfigEntry(key, text, at.start, at.end, valueStart, valueEnd));
  }
}

/** Where the key a value belongs to was written (an array's elements share their key's). */
interface KeyPlace {
  readonly start: number;
  readonly end: number;
}

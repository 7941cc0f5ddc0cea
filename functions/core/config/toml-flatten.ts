/**
 * Flattens an already-valid TOML text into Stalwart's dotted keys, recording where every
 * key and value sits in the text (smol-toml gives no positions).
 *
 * Follows Stalwart's reader (crates/utils/src/config/parser.rs): `[a.b]` prefixes keys
 * (table names ASCII-lower-cased unless quoted, keys kept as written); inline tables
 * become `k.a`; array elements `k.0000`, `k.0001` (nested `k.0000.0000`); `[[t]]` becomes
 * `t.0000`, `t.0001`, counting only while the same array-table name repeats; scalars
 * are stored as their raw text (`true`, `72.0`, `1979-05-27`); at most 10 nested levels;
 * a flattened key seen twice is an error.
 */
import { type Container, FlatEntry } from "./flat-entry";
import { dotPad, flatConcat, isBare, isScalarEnd, isStalwartScalar, pad } from "./toml-chars";
import { KeyReader } from "./toml-key-reader";
import { decodeStringValue, type StringKind, scanString } from "./toml-strings";

const MAX_NEST_LEVEL = 10;

export class Flattener extends KeyReader {
  /**
   * Every entry, in text order. Not a map by key: hashing each key as it is stored showed
   * in the bench profile, and the loader sorts the entries anyway, which puts a key
   * written twice next to itself (then `duplicateCheck` reports it as Stalwart does).
   */
  readonly list: FlatEntry[] = [];
  /**
   * Every array and inline table, in text order (a later one for the same key wins), when
   * `withContainers`. Only error hints ask where one sits, so the loader flattens the
   * text again for them on that first question: one object per container (and the
   * container's own key, for an inline table in an array) per evaluation showed as GC
   * work in the bench profile of a config with many inline tables.
   */
  readonly containers: Container[] = [];
  /** Entries with `tomlValue` set (rare): the lint warns about each, without a scan of all. */
  readonly tomlMismatches: FlatEntry[] = [];

  constructor(
    text: string,
    private readonly withContainers = false,
  ) {
    super(text);
  }

  run(): void {
    try {
      this.pass();
    } catch (err) {
      // Stalwart's reader checks each key as it stores it: a key stored twice before the
      // error is what it reports.
      this.duplicateCheck();
      throw err;
    }
  }

  /** Throws for the first key stored twice, in text order (Stalwart's error), if any. */
  duplicateCheck(): void {
    const seen = new Set<string>();
    for (const entry of this.list) {
      const size = seen.size;
      seen.add(entry.key);
      if (seen.size === size) {
        this.fail(`Duplicate key "${entry.key}"`, entry.keyStart, entry.keyEnd);
      }
    }
  }

  private pass(): void {
    // The current table's key prefix (`remote.r0.`), made once per header: a `${table}.`
    // per key was a fresh string for every key of every table.
    let table = "";
    let lastArrayName = "";
    let lastArrayPos = 0;
    for (let before = -1; ; before = this.pos) {
      this.skipTrivia(true);
      if (this.pos >= this.text.length) return;
      // Only valid TOML gets here; this guards the loop should the two readers ever disagree.
      if (this.pos === before) this.fail("Unexpected text", this.pos);
      if (this.text[this.pos] === "[") {
        const isArray = this.text[this.pos + 1] === "[";
        this.pos += isArray ? 2 : 1;
        this.skipTrivia(false);
        let name = this.keyPath(true);
        if (isArray) {
          lastArrayPos = name === lastArrayName ? lastArrayPos + 1 : 0;
          lastArrayName = name;
          name = `${name}.${pad(lastArrayPos)}`;
        }
        table = name === "" ? "" : flatConcat(name, ".");
        const close = this.text.indexOf("]", this.pos);
        if (close < 0) this.fail("Missing ']'", this.pos);
        this.pos = close + (isArray ? 2 : 1);
        continue;
      }
      const c = this.text.charCodeAt(this.pos);
      if (!((isBare(c) && c !== 0x5f && c !== 0x2d) || c === 0x22)) {
        const first = this.text[this.pos] ?? "";
        this.fail(
          `Stalwart's TOML reader does not accept a key starting with ${JSON.stringify(first)}`,
          this.pos,
        );
      }
      this.keyValue(table, 0);
    }
  }

  private keyValue(prefix: string, level: number): void {
    const path = this.keyPath(false);
    const key = prefix === "" ? path : flatConcat(prefix, path);
    const start = this.pathStart;
    const end = this.pathEnd;
    this.skipTrivia(false);
    this.pos++; // '='
    this.skipTrivia(false);
    this.value(key, start, end, level);
  }

  private value(key: string, keyStart: number, keyEnd: number, level: number): void {
    if (level >= MAX_NEST_LEVEL) this.tooDeep(key);
    const t = this.text;
    const start = this.pos;
    const c = t[start];
    if (c === "{") {
      // The keys' prefix, made once per table (and flat, by join) rather than per key.
      this.table(flatConcat(key, "."), level);
      this.container(key, keyStart, keyEnd, start);
      return;
    }
    if (c === "[") {
      this.pos++;
      let index = 0;
      for (;;) {
        this.skipTrivia(true);
        if (this.pos >= t.length || t.charCodeAt(this.pos) === 0x5d /* ] */) break;
        if (!this.withContainers && t.charCodeAt(this.pos) === 0x7b /* { */) {
          // An inline table element's key is only the prefix of its own keys: made once.
          if (level + 1 >= MAX_NEST_LEVEL) this.tooDeep([key, pad(index)].join("."));
          this.table(flatConcat(key, dotPad(index, true)), level + 1);
        } else this.value(flatConcat(key, dotPad(index, false)), keyStart, keyEnd, level + 1);
        this.skipTrivia(true);
        if (t.charCodeAt(this.pos) === 0x2c /* , */) {
          this.pos++;
          index++;
        }
      }
      this.pos++;
      this.container(key, keyStart, keyEnd, start);
      return;
    }
    if (c === '"' || c === "'") {
      const q = t.charCodeAt(start);
      const triple = t.charCodeAt(start + 1) === q && t.charCodeAt(start + 2) === q;
      if (!triple && this.simpleString(key, keyStart, keyEnd, start, q)) return;
      const kind: StringKind =
        c === '"' ? (triple ? "ml-basic" : "basic") : triple ? "ml-literal" : "literal";
      const [cs, ce, end] = scanString(t, start, kind);
      const decoded = decodeStringValue(t, kind, cs, ce);
      this.pos = end;
      const entry = new FlatEntry(
        key,
        decoded.value,
        keyStart,
        keyEnd,
        start,
        end,
        true,
        decoded.linearStart,
        decoded.offsets,
      );
      // Only set for the rare string Stalwart reads otherwise than TOML.
      if (decoded.toml !== decoded.value) {
        entry.tomlValue = decoded.toml;
        this.tomlMismatches.push(entry);
      }
      this.insert(entry);
      return;
    }
    this.scalarEnd();
    // A date and a time may be separated by one space (RFC 3339 as TOML allows it).
    if (
      this.pos - start === 10 &&
      /^\d{4}-\d{2}-\d{2}$/.test(t.slice(start, this.pos)) &&
      /^ \d{2}:/.test(t.slice(this.pos, this.pos + 4))
    ) {
      this.pos++;
      this.scalarEnd();
    }
    const raw = t.slice(start, this.pos);
    if (!isStalwartScalar(raw)) {
      this.fail(
        `Stalwart's TOML reader does not accept the value ${raw} of "${key}": it reads unquoted values as letters, digits, '.', '+' and '-' only; quote it`,
        start,
        this.pos,
      );
    }
    this.insert(new FlatEntry(key, raw, keyStart, keyEnd, start, this.pos, false, start));
  }

  private tooDeep(key: string): never {
    this.fail(`Too many nested structures for property "${key}"`, this.pos);
  }

  /** An inline table's keys, from its `{` through its `}`, each under `prefix`. */
  private table(prefix: string, level: number): void {
    const t = this.text;
    this.pos++;
    for (;;) {
      this.skipTrivia(true);
      if (this.pos >= t.length || t.charCodeAt(this.pos) === 0x7d /* } */) break;
      this.keyValue(prefix, level + 1);
      this.skipTrivia(true);
      if (t.charCodeAt(this.pos) === 0x2c /* , */) this.pos++;
    }
    this.pos++;
  }

  private container(key: string, keyStart: number, keyEnd: number, valueStart: number): void {
    if (this.withContainers)
      this.containers.push({ key, keyStart, keyEnd, valueStart, valueEnd: this.pos });
  }

  /**
   * A one-line string without backslash and `\r` (most of them): read in one pass, as
   * scanString + decodeStringValue would (same value, same positions, TOML reads it the
   * same), without their result tuple and object per string. False: anything else,
   * left to them.
   */
  private simpleString(
    key: string,
    keyStart: number,
    keyEnd: number,
    start: number,
    quote: number,
  ): boolean {
    const t = this.text;
    let i = start + 1;
    for (; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === quote || c === 0x0a) break;
      if (c === 0x5c || c === 0x0d) return false;
    }
    const end = Math.min(i + 1, t.length);
    this.pos = end;
    const value = t.slice(start + 1, i);
    this.insert(new FlatEntry(key, value, keyStart, keyEnd, start, end, true, start + 1));
    return true;
  }

  /** Moves to the end of a raw scalar: the next whitespace, `,`, `]`, `}` or `#`. */
  private scalarEnd(): void {
    const t = this.text;
    while (this.pos < t.length && !isScalarEnd(t.charCodeAt(this.pos))) this.pos++;
  }

  private insert(entry: FlatEntry): void {
    this.list.push(entry);
  }
}

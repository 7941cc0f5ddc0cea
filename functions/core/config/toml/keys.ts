/**
 * Keys and table headers, read as Stalwart's parser reads them (`TomlParser::key` and the
 * `'['` arm of `Config::parse`, crates/utils/src/config/parser.rs).
 */
import { rustCharDebug, rustStrDebug } from "../../expr/rust-debug";
import { type Cursor, isAlphanumeric, isAsciiAlphanumeric } from "./cursor";

/**
 * Which unquoted characters a key may hold. v0.12.5 takes `[A-Za-z0-9._-]` and refuses
 * any other (`Unexpected character … found in key`); from v0.13.1 every character is
 * taken as part of the key (`git diff v0.12.5 v0.13.1 -- crates/utils/src/config/parser.rs`).
 */
export type KeyRule = "v0.12" | "v0.13";

export interface ReadKey {
  /** `prefix` plus the key as written (case kept, quotes and blanks dropped). */
  readonly key: string;
  /** `=`, or `,` / `}` inside an inline table (a set member). */
  readonly stop: string;
  /** Where the key's own text starts and ends in the source. */
  readonly start: number;
  readonly end: number;
}

const isKeyChar = (ch: string): boolean =>
  isAsciiAlphanumeric(ch) || ch === "." || ch === "_" || ch === "-";

/** `TomlParser::key`: the characters up to `=` (or `,`/`}` in an inline table). */
export function readKey(cursor: Cursor, prefix: string, inCurly: boolean, rule: KeyRule): ReadKey {
  let key = prefix;
  let start = -1;
  let end = cursor.pos;
  // Unquoted characters are taken in runs: `run` is where the current one started.
  let run = -1;
  const takeRun = (to: number) => {
    if (run >= 0) key += cursor.text.slice(run, to);
    run = -1;
  };
  for (let ch = cursor.next(); ch !== undefined; ch = cursor.next()) {
    const at = cursor.before(ch);
    const stop = ch === "=" || (inCurly && (ch === "," || ch === "}"));
    const blank = ch === " " || ch === "\t" || ch === "\r" || ch === "\n";
    const unquoted = !stop && !blank && ch !== '"' && (rule === "v0.13" || isKeyChar(ch));
    if (!unquoted) takeRun(at);
    if (stop) {
      if (key.length === prefix.length) cursor.fail(`Empty key at line: ${cursor.line}`, at);
      return { key, stop: ch, start, end };
    }
    if (ch === " " || ch === "\t" || ch === "\r") continue;
    if (ch === "\n") {
      if (key.length !== prefix.length) {
        cursor.fail(
          `Unexpected end of line while parsing key ${rustStrDebug(key)} at line: ${cursor.line}`,
          at,
        );
      }
      cursor.line++;
      continue;
    }
    if (start < 0) start = at;
    if (ch === '"') {
      key += readQuotedKey(cursor);
    } else if (unquoted) {
      if (run < 0) run = at;
    } else {
      cursor.fail(
        `Unexpected character ${rustCharDebug(ch.codePointAt(0) ?? 0)} found in key at line ${cursor.line}.`,
        at,
      );
    }
    end = cursor.pos;
  }
  return cursor.fail(`Unexpected EOF at line: ${cursor.line}`, cursor.pos);
}

/**
 * A quoted part of a key, its opening `"` consumed: kept verbatim, backslashes dropped, a
 * `"` after a backslash kept. The end of the text ends it (the caller then reports EOF).
 */
function readQuotedKey(cursor: Cursor): string {
  let part = "";
  let last = "";
  for (let ch = cursor.next(); ch !== undefined; ch = cursor.next()) {
    if (ch === "\n") {
      cursor.fail(
        `Unexpected end of line while parsing quoted key at line: ${cursor.line}`,
        cursor.before(ch),
      );
    }
    if (ch === '"' && last !== "\\") return part;
    if (ch !== "\\") part += ch;
    last = ch;
  }
  return part;
}

/** The numbering of `[[name]]` headers: it counts while the same name repeats. */
export interface ArrayTables {
  name: string;
  pos: number;
}

/**
 * The `'['` arm of `Config::parse`, the `[` still to be consumed: the header's name. The
 * first character is taken as it is (neither checked nor lower-cased), the others
 * ASCII-lower-cased outside quotes, where only alphanumerics, `.`, `-` and `_` may appear;
 * everything after the closing `]` on that line is skipped. Returns the name keys are
 * prefixed with, e.g. `queue.outbound` or `products.0002`.
 */
export function readTableHeader(cursor: Cursor, arrays: ArrayTables): string {
  cursor.nextChar(true, false);
  let name = "";
  let isArray = false;
  const first = cursor.nextChar(true, false);
  if (first === "[") isArray = true;
  else name += first;
  let inQuote = false;
  let last = "";
  for (;;) {
    const ch = cursor.nextChar(!inQuote, false);
    const at = cursor.before(ch);
    if (ch === '"' && (!inQuote || last !== "\\")) {
      inQuote = !inQuote;
    } else if (ch === "\\" && inQuote) {
      // dropped
    } else if (ch === "]" && !inQuote) {
      if (name === "") cursor.fail(`Empty table name at line ${cursor.line}.`, at);
      if (!isArray) {
        cursor.skipLine();
        return name;
      }
      arrays.pos = name === arrays.name ? arrays.pos + 1 : 0;
      arrays.name = name;
      isArray = false;
      name += `.${pad(arrays.pos)}`;
    } else if (inQuote) {
      name += ch;
    } else if (isAlphanumeric(ch) || ch === "." || ch === "-" || ch === "_") {
      name += asciiLower(ch);
    } else {
      cursor.fail(
        `Unexpected character ${rustCharDebug(ch.codePointAt(0) ?? 0)} at line ${cursor.line}.`,
        at,
      );
    }
    last = ch;
  }
}

/** Rust's `{:04}` of an array position. */
export function pad(n: number): string {
  return String(n).padStart(4, "0");
}

/** Rust's `char::to_ascii_lowercase`. */
function asciiLower(ch: string): string {
  return ch >= "A" && ch <= "Z" ? ch.toLowerCase() : ch;
}

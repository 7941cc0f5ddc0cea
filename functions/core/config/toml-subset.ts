/**
 * A strict recognizer for the TOML that Stalwart configs are written in, so that the
 * loader can skip smol-toml's full parse (a third of the CPU of a 2,000-line config) when
 * it would only confirm the text is TOML. `true` means smol-toml 1.9.1 surely accepts the
 * text; `false` means "not sure" (outside the subset, or invalid): then smol-toml decides.
 *
 * The subset: blank lines and `#` comments; `[a.b]` / `[[a.b]]` headers and `a.b = v`
 * with bare or escape-free quoted key parts; values: single-line strings without
 * backslashes (basic) or any (literal), decimal integers of at most 15 digits, booleans,
 * arrays, inline tables with undotted keys. Everything else (escapes, multi-line strings,
 * floats, dates, hex/octal/binary, a BOM, a lone `\r`) answers `false`.
 *
 * Each step mirrors smol-toml's own (dist/parse.js, struct.js, util.js, extract.js,
 * primitive.js) or is stricter: the lexical pieces are in toml-subset-scan.ts, the table
 * rules (its `peekTable`) in toml-subset-tree.ts.
 */
import { isBare } from "./toml-chars";
import { integerEnd, skipSpaces, skipVoid, stringEnd, wordEnd } from "./toml-subset-scan";
import { ARRAY, DOTTED, defineKey, EXPLICIT, TableNode } from "./toml-subset-tree";

/** The `maxDepth` the loader gives smol-toml (and the tests' judge uses). */
export const SMOL_MAX_DEPTH = 64;
/** Deeper nesting is left to smol-toml: half its limit at most, well inside it. */
const MAX_DEPTH = Math.min(32, SMOL_MAX_DEPTH / 2);

export function isCertainlyValidToml(text: string): boolean {
  return new Recognizer(text).document();
}

/** Each method reads from `p` and leaves `p` after what it read, or returns false. */
class Recognizer {
  private p = 0;
  /** The parts of the key just read, `parts[0..count)` (reused: no array per key). */
  private readonly parts: string[] = [];
  private count = 0;
  /** The keys of the open inline tables, innermost last, up to `inlineTop`. */
  private readonly inlineKeys: string[] = [];
  private inlineTop = 0;

  constructor(private readonly s: string) {}

  /** document = void *( (header / key-value) void-no-newline (EOL / EOF) void ) */
  document(): boolean {
    const s = this.s;
    const root = new TableNode(EXPLICIT);
    let table = root;
    if (!this.void(true)) return false;
    while (this.p < s.length) {
      if (s.charCodeAt(this.p) === 0x5b) {
        // header = "[" key "]" / "[[" key "]]"
        const isArray = s.charCodeAt(++this.p) === 0x5b;
        if (isArray) this.p++;
        if (!this.key(0x5d)) return false;
        if (isArray && s.charCodeAt(this.p++) !== 0x5d) return false;
        const next = defineKey(root, this.parts, this.count, isArray ? ARRAY : EXPLICIT);
        if (next === null) return false;
        table = next;
      } else {
        // key-value = key "=" spaces value: smol-toml defines the key before the value.
        if (!this.key(0x3d) || defineKey(table, this.parts, this.count, DOTTED) === null) {
          return false;
        }
        this.p = skipSpaces(s, this.p);
        if (!this.value(0)) return false;
      }
      // Comments but no newline, then the line must end (smol-toml: "each key-value
      // declaration must be followed by an end-of-line").
      if (!this.void(false)) return false;
      const c = s.charCodeAt(this.p);
      if (c === 0x0a) this.p++;
      else if (c === 0x0d && s.charCodeAt(this.p + 1) === 0x0a) this.p += 2;
      else if (this.p < s.length) return false;
      if (!this.void(true)) return false;
    }
    return true;
  }

  private void(newlines: boolean): boolean {
    this.p = skipVoid(this.s, this.p, newlines);
    return this.p >= 0;
  }

  /**
   * key = part *( ws "." ws part ) ws `end`, part = bare / escape-free quoted: smol-toml's
   * parseKey states (0 before a part, 1 in a bare part, 2 after a part). `end` is consumed.
   */
  private key(end: number): boolean {
    const s = this.s;
    const parts = this.parts;
    let p = this.p;
    let count = 0;
    let state = 0;
    let start = 0;
    for (;;) {
      const c = s.charCodeAt(p);
      if (state !== 2 && isBare(c)) {
        if (state === 0) start = p;
        state = 1;
        p++;
      } else if (c === end || c === 0x2e) {
        if (state === 0) return false;
        if (state === 1) parts[count++] = s.slice(start, p);
        p++;
        if (c === end) break;
        state = 0;
      } else if (c === 0x20 || c === 0x09) {
        if (state === 1) {
          parts[count++] = s.slice(start, p);
          state = 2;
        }
        p++;
      } else if (state === 0 && (c === 0x22 || c === 0x27)) {
        const after = stringEnd(s, p, c);
        if (after < 0) return false;
        parts[count++] = s.slice(p + 1, after - 1);
        p = after;
        state = 2;
      } else {
        return false;
      }
    }
    this.p = p;
    this.count = count;
    return true;
  }

  /** value = string / integer / "true" / "false" / array / inline-table */
  private value(depth: number): boolean {
    const s = this.s;
    const c = s.charCodeAt(this.p);
    if (c === 0x5b || c === 0x7b) {
      if (depth >= MAX_DEPTH) return false;
      return c === 0x5b ? this.array(depth + 1) : this.inlineTable(depth + 1);
    }
    if (c === 0x22 || c === 0x27) this.p = stringEnd(s, this.p, c);
    else if (c === 0x74) this.p = wordEnd(s, this.p, "true");
    else if (c === 0x66) this.p = wordEnd(s, this.p, "false");
    else this.p = integerEnd(s, this.p);
    return this.p >= 0;
  }

  /** array = "[" void *( value void "," void ) [ value void ] "]" (smol-toml's parseArray) */
  private array(depth: number): boolean {
    const s = this.s;
    this.p++;
    for (;;) {
      if (!this.void(true)) return false;
      if (s.charCodeAt(this.p) === 0x5d) {
        this.p++;
        return true;
      }
      if (!this.value(depth) || !this.void(true)) return false;
      const c = s.charCodeAt(this.p++);
      if (c === 0x5d) return true;
      if (c !== 0x2c) return false;
    }
  }

  /**
   * inline-table = "{" void *( key "=" spaces value void "," void ) [ ... ] "}", keys
   * undotted and unique (smol-toml's parseInlineTable, which also takes newlines, comments
   * and a trailing comma). Dotted keys there are left to smol-toml.
   */
  private inlineTable(depth: number): boolean {
    const s = this.s;
    const keys = this.inlineKeys;
    const base = this.inlineTop;
    this.p++;
    for (;;) {
      if (!this.void(true)) return false;
      if (s.charCodeAt(this.p) === 0x7d) break;
      if (!this.key(0x3d) || this.count !== 1) return false;
      const key = this.parts[0] ?? "";
      // A key given twice (smol-toml: "trying to redefine an already defined value").
      for (let i = base; i < this.inlineTop; i++) if (keys[i] === key) return false;
      keys[this.inlineTop++] = key;
      this.p = skipSpaces(s, this.p);
      if (!this.value(depth) || !this.void(true)) return false;
      const c = s.charCodeAt(this.p);
      if (c === 0x7d) break;
      if (c !== 0x2c) return false;
      this.p++;
    }
    this.p++;
    this.inlineTop = base;
    return true;
  }
}

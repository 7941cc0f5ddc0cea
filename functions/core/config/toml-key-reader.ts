/**
 * The reading of TOML keys shared by the flattener (toml-flatten.ts): the cursor over the
 * text, trivia (spaces, tabs, BOM, comments, newlines) and dotted key paths, as
 * Stalwart's reader (crates/utils/src/config/parser.rs) takes them: bare parts kept as
 * written (table names lower-cased), quoted parts with every backslash dropped, single-
 * quoted keys refused.
 */
import { CoreError, CoreErrorCode } from "../errors";
import { isBare } from "./toml-chars";
import { scanString } from "./toml-strings";

export abstract class KeyReader {
  protected pos = 0;

  constructor(protected readonly text: string) {}

  protected fail(message: string, start: number, end = start + 1): never {
    throw new CoreError(CoreErrorCode.TomlSyntax, message, {
      start,
      end: Math.min(end, this.text.length),
    });
  }

  protected skipTrivia(newlines: boolean): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0xfeff || (newlines && (c === 0x0a || c === 0x0d)))
        this.pos++;
      else if (c === 0x23 /* # */) {
        const nl = t.indexOf("\n", this.pos);
        this.pos = nl < 0 ? t.length : nl;
      } else return;
    }
  }

  /** Where the last key path read by `keyPath` starts and ends. */
  protected pathStart = 0;
  protected pathEnd = 0;

  /**
   * Reads a dotted key and returns its parts joined by `.`; `lowerBare` lower-cases the
   * unquoted parts (table names). Built as one string, not an array of parts per key.
   */
  protected keyPath(lowerBare: boolean): string {
    const t = this.text;
    this.pathStart = this.pos;
    const plain = this.plainPath();
    if (plain !== "") return lowerBare ? plain.toLowerCase() : plain;
    let joined = "";
    for (let first = true; ; first = false) {
      this.skipTrivia(false);
      const c = t.charCodeAt(this.pos);
      let part: string;
      if (c === 0x22 || c === 0x27) {
        if (c === 0x27)
          this.fail("Stalwart's TOML reader does not accept single-quoted keys", this.pos);
        const [cs, ce, e] = scanString(t, this.pos, "basic");
        // Stalwart drops every backslash of a quoted key and keeps what follows it.
        part = t.slice(cs, ce).replace(/\\/g, "");
        this.pos = e;
      } else {
        const s = this.pos;
        while (this.pos < t.length && isBare(t.charCodeAt(this.pos))) this.pos++;
        part = t.slice(s, this.pos);
        if (lowerBare) part = part.toLowerCase();
      }
      joined = first ? part : [joined, part].join(".");
      this.pathEnd = this.pos;
      this.skipTrivia(false);
      if (t.charCodeAt(this.pos) !== 0x2e /* . */) return joined;
      this.pos++;
    }
  }

  /**
   * A key path written as bare parts joined by `.` with no space or quote (most keys,
   * `tls.implicit` too) is its own source text: one slice instead of a slice per part and
   * their join. "" (and nothing read) otherwise, for the general reading.
   */
  private plainPath(): string {
    const t = this.text;
    const start = this.pos;
    let i = start;
    for (;;) {
      const partStart = i;
      while (i < t.length && isBare(t.charCodeAt(i))) i++;
      if (i === partStart) return "";
      if (t.charCodeAt(i) !== 0x2e /* . */) break;
      i++;
    }
    // Followed by spaces then a `.`: the general reading handles `a . b`.
    let j = i;
    for (let c = t.charCodeAt(j); c === 0x20 || c === 0x09 || c === 0xfeff; c = t.charCodeAt(j))
      j++;
    if (t.charCodeAt(j) === 0x2e) return "";
    this.pos = i;
    this.pathEnd = i;
    this.skipTrivia(false);
    return t.slice(start, i);
  }
}

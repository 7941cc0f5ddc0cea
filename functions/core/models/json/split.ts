/**
 * Finds the top-level JSON values of a text (one, or several as in NDJSON: one per line,
 * or pretty-printed ones back to back) in one linear pass, with the nesting depth of each
 * and the comments met. jsonc-parser then parses each value on its own: its recursive
 * descent is only ever handed a value whose depth is known to be within the limit.
 */
import type { JsonSpan } from "./tree";

export interface JsonSegment extends JsonSpan {
  /** Deepest nesting of `{`/`[` inside the value (0 for a scalar). */
  readonly depth: number;
}

export interface SplitResult {
  readonly segments: readonly JsonSegment[];
  /** `//` and `/* *\/` comments, which JSON (and Stalwart's serde_json) does not allow. */
  readonly comments: readonly JsonSpan[];
}

const isSpace = (c: string | undefined): boolean =>
  c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\uFEFF";

class Splitter {
  pos = 0;
  /** Deepest nesting of the container being scanned. */
  private maxDepth = 0;
  readonly segments: JsonSegment[] = [];
  readonly comments: JsonSpan[] = [];

  constructor(private readonly text: string) {}

  run(): SplitResult {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (isSpace(c)) this.pos++;
      else if (!this.comment()) this.value();
    }
    return { segments: this.segments, comments: this.comments };
  }

  /** Skips a comment at `pos`, if one starts there. */
  private comment(): boolean {
    const t = this.text;
    if (t[this.pos] !== "/") return false;
    const next = t[this.pos + 1];
    if (next !== "/" && next !== "*") return false;
    const start = this.pos;
    if (next === "/") {
      const eol = t.indexOf("\n", start);
      this.pos = eol < 0 ? t.length : eol;
    } else {
      const close = t.indexOf("*/", start + 2);
      this.pos = close < 0 ? t.length : close + 2;
    }
    this.comments.push({ start, end: this.pos });
    return true;
  }

  /** Skips a string token from its opening quote (an unterminated one runs to the end). */
  private string(): void {
    const t = this.text;
    this.pos++;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === "\\") this.pos += 2;
      else if (c === '"') {
        this.pos++;
        return;
      } else this.pos++;
    }
    this.pos = t.length;
  }

  /** One top-level value: a container up to its matching close, a string, or a scalar. */
  private value(): void {
    const t = this.text;
    const start = this.pos;
    const first = t[start];
    if (first === '"') {
      this.string();
      this.segments.push({ start, end: this.pos, depth: 0 });
      return;
    }
    if (first !== "{" && first !== "[") {
      // A scalar, or stray text: up to the next space or structural character.
      this.pos++;
      while (
        this.pos < t.length &&
        !isSpace(t[this.pos]) &&
        !'{}[]",'.includes(t[this.pos] ?? "")
      ) {
        this.pos++;
      }
      this.segments.push({ start, end: this.pos, depth: 0 });
      return;
    }
    this.segments.push({ start, end: this.container(), depth: this.maxDepth });
  }

  /** Scans a container from its opening bracket; returns its end (the text's end if open). */
  private container(): number {
    const t = this.text;
    let depth = 0;
    this.maxDepth = 0;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === '"') {
        this.string();
        continue;
      }
      if (this.comment()) continue;
      this.pos++;
      if (c === "{" || c === "[") {
        depth++;
        if (depth > this.maxDepth) this.maxDepth = depth;
      } else if (c === "}" || c === "]") {
        depth--;
        if (depth === 0) return this.pos;
      }
    }
    return t.length;
  }
}

export function splitJsonValues(text: string): SplitResult {
  return new Splitter(text).run();
}

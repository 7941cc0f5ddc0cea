/**
 * String values of a TOML document, decoded the way Stalwart's own TOML reader
 * (crates/utils/src/config/parser.rs) decodes them, with a map from every UTF-16 unit
 * of the decoded value back to its offset in the source text.
 *
 * Stalwart's reader differs from TOML here, and the playground must reproduce it:
 * - single-line strings (`"…"` and `'…'` alike) drop a backslash and keep the character
 *   after it, except `\t`, `\r`, `\n`, which become the control character; a backslash
 *   that follows a kept backslash is itself kept, and escapes the next character;
 * - multi-line strings (`"""…"""`, `'''…'''`) are taken raw: no escapes at all; only an
 *   LF right after the opening quotes is dropped;
 * - every `\r` is dropped everywhere (its `next_char` skips them).
 * The TOML reading is computed too, so the linter can say when the two differ.
 */
export type StringKind = "basic" | "literal" | "ml-basic" | "ml-literal";

export interface DecodedString {
  /** The value as Stalwart stores it. */
  readonly value: string;
  /** offsets[i] = source offset of value's i-th UTF-16 unit; offsets[value.length] = content end. */
  readonly offsets: readonly number[];
  /** The value as a TOML parser reads it (for the "Stalwart reads this differently" hint). */
  readonly toml: string;
}

/** Finds where the string opening at `start` ends: returns [contentStart, contentEnd, end]. */
export function scanString(
  text: string,
  start: number,
  kind: StringKind,
): [number, number, number] {
  // Char codes, not one-character strings or a repeated quote per call (per string value).
  const quote = kind === "basic" || kind === "ml-basic" ? 0x22 : 0x27;
  const escapes = kind === "basic" || kind === "ml-basic";
  if (kind === "basic" || kind === "literal") {
    let i = start + 1;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === quote || c === 0x0a) break;
      i += escapes && c === 0x5c ? 2 : 1;
    }
    return [start + 1, i, Math.min(i + 1, text.length)];
  }
  let i = start + 3;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (escapes && c === 0x5c) {
      i += 2;
      continue;
    }
    if (c === quote && text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) {
      // TOML lets the content end with up to two quotes: `""""` closes after one `"`.
      let run = 3;
      while (run < 5 && text.charCodeAt(i + run) === quote) run++;
      return [start + 3, i + run - 3, i + run];
    }
    i++;
  }
  return [start + 3, text.length, text.length];
}

function pushChar(out: string[], offsets: number[], ch: string, at: number): void {
  out.push(ch);
  offsets.push(at);
  if (ch.length === 2) offsets.push(at + 1);
}

function stalwartSingleLine(text: string, cs: number, ce: number): [string, number[]] {
  const out: string[] = [];
  const offsets: number[] = [];
  let last = "";
  let escapeAt = cs;
  for (let i = cs; i < ce; ) {
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    const at = i;
    i += ch.length;
    if (ch === "\r") continue;
    if (ch === "\\" && last !== "\\") {
      escapeAt = at;
      last = ch;
      continue;
    }
    if (last === "\\") {
      const control = ch === "t" ? "\t" : ch === "r" ? "\r" : ch === "n" ? "\n" : ch;
      pushChar(out, offsets, control, escapeAt);
      // A kept backslash escapes the next character in turn (Stalwart's `last_ch` check).
      escapeAt = at;
    } else {
      pushChar(out, offsets, ch, at);
    }
    last = ch;
  }
  offsets.push(ce);
  return [out.join(""), offsets];
}

function stalwartMultiLine(text: string, cs: number, ce: number): [string, number[]] {
  const out: string[] = [];
  const offsets: number[] = [];
  let i = text[cs] === "\n" ? cs + 1 : cs;
  while (i < ce) {
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
    if (ch !== "\r") pushChar(out, offsets, ch, i);
    i += ch.length;
  }
  offsets.push(ce);
  return [out.join(""), offsets];
}

const TOML_ESCAPES: Readonly<Record<string, string>> = {
  b: "\b",
  t: "\t",
  n: "\n",
  f: "\f",
  r: "\r",
  e: "\x1b",
  '"': '"',
  "\\": "\\",
};

function tomlDecode(raw: string, kind: StringKind): string {
  let s = raw;
  if (kind === "ml-basic" || kind === "ml-literal") s = s.replace(/^\r?\n/, "");
  if (kind === "literal" || kind === "ml-literal") return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? "";
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = s[i + 1] ?? "";
    const hexLen = next === "x" ? 2 : next === "u" ? 4 : next === "U" ? 8 : 0;
    if (hexLen > 0) {
      const cp = Number.parseInt(s.slice(i + 2, i + 2 + hexLen), 16);
      out += Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : "";
      i += 1 + hexLen;
    } else if (kind === "ml-basic" && /^[ \t]*\r?\n/.test(s.slice(i + 1))) {
      // Line-ending backslash: trims all whitespace and newlines that follow.
      i++;
      while (i + 1 < s.length && /[ \t\r\n]/.test(s[i + 1] ?? "")) i++;
    } else {
      out += TOML_ESCAPES[next] ?? next;
      i++;
    }
  }
  return out;
}

export function decodeString(
  text: string,
  kind: StringKind,
  cs: number,
  ce: number,
): DecodedString {
  const [value, offsets] =
    kind === "basic" || kind === "literal"
      ? stalwartSingleLine(text, cs, ce)
      : stalwartMultiLine(text, cs, ce);
  return { value, offsets, toml: tomlDecode(text.slice(cs, ce), kind).replace(/\r\n/g, "\n") };
}

/**
 * `decodeString` for the loader: a string without backslash and `\r` reads the same for
 * Stalwart and TOML and maps unit i to `linearStart + i`, so it is one slice and no
 * offset array (the bench profile); any other string is decoded in full.
 */
export function decodeStringValue(
  text: string,
  kind: StringKind,
  cs: number,
  ce: number,
): { value: string; toml: string; linearStart: number; offsets?: readonly number[] } {
  let simple = true;
  for (let i = cs; i < ce; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c || c === 0x0d) {
      simple = false;
      break;
    }
  }
  if (simple) {
    const start =
      kind !== "basic" && kind !== "literal" && text.charCodeAt(cs) === 0x0a ? cs + 1 : cs;
    const value = text.slice(start, ce);
    return { value, toml: value, linearStart: start };
  }
  const d = decodeString(text, kind, cs, ce);
  return { value: d.value, toml: d.toml, linearStart: -1, offsets: d.offsets };
}

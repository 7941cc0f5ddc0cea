/** Rust's `{:?}` formatting of `char`, `str` and `&[char]`, which Stalwart's error messages use. */

/**
 * Rust's `is_printable` (core/src/unicode/printable.rs): every character except those of
 * the categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs, the space aside.
 */
const NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;
const GRAPHEME_EXTEND = /^\p{Grapheme_Extend}$/u;

/** `char::escape_debug_ext` with `escape_grapheme_extended` on, as both Debug impls use it. */
function escapeChar(cp: number, quote: "'" | '"'): string {
  switch (cp) {
    case 0:
      return "\\0";
    case 9:
      return "\\t";
    case 10:
      return "\\n";
    case 13:
      return "\\r";
    case 0x5c:
      return "\\\\";
  }
  const ch = String.fromCodePoint(cp);
  if (ch === quote) return `\\${quote}`;
  const hidden = GRAPHEME_EXTEND.test(ch) || (ch !== " " && NOT_PRINTABLE.test(ch));
  return hidden ? `\\u{${cp.toString(16)}}` : ch;
}

/** `format!("{:?}", char)`, e.g. `'\t'`, `':'`, `'\''`. */
export function rustCharDebug(cp: number): string {
  return `'${escapeChar(cp, "'")}'`;
}

/** `format!("{:?}", str)`, e.g. `"a\"b"`. */
export function rustStrDebug(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeChar(ch.codePointAt(0) ?? 0, '"');
  return `${out}"`;
}

/** `format!("{:?}", &[char])`, e.g. `[',', ']']`. */
export function rustCharsDebug(chars: readonly string[]): string {
  return `[${chars.map((c) => rustCharDebug(c.codePointAt(0) ?? 0)).join(", ")}]`;
}

/** The first UTF-8 byte of the code point at `s[i]` (Stalwart's tokenizer reads bytes). */
export function firstUtf8Byte(s: string, i: number): number {
  const cp = s.codePointAt(i) ?? 0;
  if (cp < 0x80) return cp;
  if (cp < 0x800) return 0xc0 | (cp >> 6);
  if (cp < 0x10000) return 0xe0 | (cp >> 12);
  return 0xf0 | (cp >> 18);
}

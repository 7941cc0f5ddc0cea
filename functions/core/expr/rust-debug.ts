/** Rust's `{:?}` formatting of `char` and `str`, which Stalwart's error messages use. */

function printable(cp: number): boolean {
  return !(cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xad);
}

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
  return printable(cp) ? ch : `\\u{${cp.toString(16)}}`;
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

/** The first UTF-8 byte of the code point at `s[i]` (Stalwart's tokenizer reads bytes). */
export function firstUtf8Byte(s: string, i: number): number {
  const cp = s.codePointAt(i) ?? 0;
  if (cp < 0x80) return cp;
  if (cp < 0x800) return 0xc0 | (cp >> 6);
  if (cp < 0x10000) return 0xe0 | (cp >> 12);
  return 0xf0 | (cp >> 18);
}

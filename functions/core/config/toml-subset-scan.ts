/**
 * The lexical pieces of toml-subset.ts: each takes the text and a position and returns the
 * position after what it read, or -1 where the text is not surely what smol-toml 1.9.1
 * accepts there. Plain functions over charCodeAt: no regex, no string made.
 */

/** 15 digits stay below 2^53: smol-toml refuses integers it cannot hold losslessly. */
const MAX_DIGITS = 15;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * smol-toml's skipVoid (util.js) without banComments: spaces, tabs and comments, and
 * newlines (`\n`, `\r\n`) if `newlines`. -1 for a control character in a comment.
 */
export function skipVoid(s: string, p: number, newlines: boolean): number {
  for (;;) {
    let c = s.charCodeAt(p);
    while (
      c === 0x20 ||
      c === 0x09 ||
      (newlines && (c === 0x0a || (c === 0x0d && s.charCodeAt(p + 1) === 0x0a)))
    ) {
      c = s.charCodeAt(++p);
    }
    if (c !== 0x23) return p;
    // A comment runs to `\n` or `\r\n`. TOML forbids control characters but tab in it
    // (a lone `\r` is one); smol-toml's skipComment tests the same.
    for (c = s.charCodeAt(++p); p < s.length; c = s.charCodeAt(++p)) {
      if (c >= 0x20 && c !== 0x7f) continue;
      if (c === 0x0a) break;
      if (c === 0x0d && s.charCodeAt(p + 1) === 0x0a) {
        p++;
        break;
      }
      if (c !== 0x09) return -1;
    }
  }
}

/** Spaces and tabs only: between `=` and a value (smol-toml bans newlines and comments). */
export function skipSpaces(s: string, p: number): number {
  let c = s.charCodeAt(p);
  while (c === 0x20 || c === 0x09) c = s.charCodeAt(++p);
  return p;
}

/**
 * The single-line string opening at `p` with quote `q`: -1 for a multi-line opener, a
 * backslash in a basic string (escapes are left to smol-toml), a control character
 * (TOML forbids them but tab; a newline is one; smol-toml's parseString tests the same)
 * or no closing quote.
 */
export function stringEnd(s: string, p: number, q: number): number {
  if (s.charCodeAt(++p) === q && s.charCodeAt(p + 1) === q) return -1;
  for (; p < s.length; p++) {
    const c = s.charCodeAt(p);
    if (c === q) return p + 1;
    if (c < 0x20 ? c !== 0x09 : c === 0x7f || (c === 0x5c && q === 0x22)) return -1;
  }
  return -1;
}

/**
 * integer = [ "+" / "-" ] ( "0" / digit1-9 *( ["_"] digit ) ) (TOML 1.0 "Integer").
 * Stops at the first other character: the caller then needs what may follow a value
 * (space, comment, newline, `,`, `]`, `}`), all of which end smol-toml's number too, so a
 * float, a date (smol-toml tries one for `dddd-`), `0x..` or `01` never passes.
 */
export function integerEnd(s: string, p: number): number {
  let c = s.charCodeAt(p);
  if (c === 0x2b || c === 0x2d) c = s.charCodeAt(++p);
  if (c === 0x30) {
    // `01`, `0_1`: smol-toml's "illegal leading zero".
    c = s.charCodeAt(p + 1);
    return isDigit(c) || c === 0x5f ? -1 : p + 1;
  }
  if (!isDigit(c)) return -1;
  let digits = 0;
  for (;;) {
    if (isDigit(c)) digits++;
    else if (c !== 0x5f || !isDigit(s.charCodeAt(p + 1))) break;
    c = s.charCodeAt(++p);
  }
  return digits <= MAX_DIGITS ? p : -1;
}

/** Past `word` (`true`, `false`) at `p`, or -1. */
export function wordEnd(s: string, p: number, word: string): number {
  return s.startsWith(word, p) ? p + word.length : -1;
}

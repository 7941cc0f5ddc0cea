/**
 * Characters and pieces of Stalwart's TOML reader (crates/utils/src/config/parser.rs):
 * bare key characters, what ends a raw scalar, which raw scalars it accepts, and the
 * padded array indexes of flattened keys.
 */
/** Stalwart reads unquoted values as runs of alphanumerics, `.`, `+`, `-`. */
const STALWART_SCALAR = /^[\p{L}\p{N}.+-]+$/u;

/** `0000`, `0001`, …: made once per index (every array element of every config needs one). */
const PADDED: string[] = [];

export function pad(n: number): string {
  let p = PADDED[n];
  if (p === undefined) {
    p = n.toString().padStart(4, "0");
    if (n < 4096) PADDED[n] = p;
  }
  return p;
}

/** `.0000` and `.0000.` (`dotAfter`): made once per index too, not by a template per element. */
const DOT_PADDED: string[] = [];
const DOT_PADDED_DOT: string[] = [];

export function dotPad(n: number, dotAfter: boolean): string {
  const cache = dotAfter ? DOT_PADDED_DOT : DOT_PADDED;
  let p = cache[n];
  if (p === undefined) {
    p = dotAfter ? `.${pad(n)}.` : `.${pad(n)}`;
    if (n < 4096) cache[n] = p;
  }
  return p;
}

/**
 * A bare-key character of TOML (A-Z a-z 0-9 _ -), which is also what Stalwart's keys use.
 * The flattener and its key reader (toml-flatten.ts, toml-key-reader.ts) and the subset
 * recognizer (toml-subset.ts) rely on it; the recognizer is sound only with exactly
 * smol-toml's set, so widen it for the others and the recognizer must get its own.
 */
export function isBare(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x5f || // _
    c === 0x2d // -
  );
}

/** `[\s,\]}#]`: what ends a raw scalar (JS `\s`, i.e. also Unicode spaces). */
export function isScalarEnd(c: number): boolean {
  if (c === 0x2c || c === 0x5d || c === 0x7d || c === 0x23 || c === 0x20) return true;
  if (c < 0x80) return c >= 0x09 && c <= 0x0d;
  return /\s/.test(String.fromCharCode(c));
}

/** STALWART_SCALAR, with an ASCII fast path (letters, digits, `.`, `+`, `-`). */
export function isStalwartScalar(raw: string): boolean {
  if (raw.length === 0) return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x80) return STALWART_SCALAR.test(raw);
    if (!(isBare(c) && c !== 0x5f) && c !== 0x2e && c !== 0x2b) return false;
  }
  return true;
}

/**
 * `a + b` as one flat string. V8 makes a rope (cons string) of a `+` result of 13 or more
 * characters, which every later hash, sort comparison and char read of the key walked
 * again (the key sort, lookups and prefix checks showed in the bench profile); reading
 * one character flattens it at once, in place. Cheaper than `[a, b].join("")`, whose
 * array and join call were the flattener's costliest line in the bench profile.
 */
export function flatConcat(a: string, b: string): string {
  const s = a + b;
  s.charCodeAt(0);
  return s;
}

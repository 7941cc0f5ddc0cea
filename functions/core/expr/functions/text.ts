/** Text functions (crates/common/src/expr/functions/text.rs). */

import { count, exprLimit, LIMITS } from "../../limits";
import { utf8Length } from "../../utf8";
import { toInteger, toUsize, valuesEqual } from "../coerce";
import { valueToString } from "../format";
import { i64ToU64 } from "../rust-num";
import { arr, bool, EMPTY, int, str, type Value } from "../value";
import { digest } from "./digest";
import {
  RUST_WS,
  rustLines,
  rustRsplit,
  rustSplit,
  transform,
  trim,
  trimEnd,
  trimStart,
} from "./transform";

type Fn = (a: readonly Value[]) => Value;
const arg = (a: readonly Value[], i: number): Value => a[i] ?? EMPTY;
const text = (a: readonly Value[], i: number): string => valueToString(arg(a, i));
const strings = (list: readonly string[]): Value => arr(list.map(str));

const ALPHA = /\p{Alphabetic}/u;
const UPPER = /\p{Uppercase}/u;
const LOWER = /\p{Lowercase}/u;
const ALNUM_WORD = /^[\p{Alphabetic}\p{N}]+$/u;

const countChars = (s: string, test: (c: string) => boolean): Value => {
  let n = 0;
  for (const c of s) if (test(c)) n++;
  return int(n);
};

/** ASCII-only case folding, as Rust's `eq_ignore_ascii_case`. */
const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** `len`: UTF-8 bytes of a string, elements of an array, digits of a number. */
const len: Fn = (a) => {
  const v = arg(a, 0);
  return int(v.kind === "array" ? v.value.length : utf8Length(valueToString(v)));
};

/** `contains`: substring on strings, element (`==`) on arrays. */
const contains: Fn = (a) => {
  const v = arg(a, 0);
  if (v.kind === "array") return bool(v.value.some((x) => valuesEqual(x, arg(a, 1))));
  return bool(valueToString(v).includes(text(a, 1)));
};

/** `contains_ignore_case`: lower-cased substring; ASCII-insensitive equality of string elements. */
const containsIgnoreCase: Fn = (a) => {
  const v = arg(a, 0);
  const needle = text(a, 1);
  if (v.kind === "string") return bool(v.value.toLowerCase().includes(needle.toLowerCase()));
  if (v.kind === "array") {
    return bool(
      v.value.some((x) => x.kind === "string" && asciiLower(x.value) === asciiLower(needle)),
    );
  }
  return bool(valueToString(v).includes(needle));
};

/** `substring(s, start, length)` in characters. */
const substring: Fn = (a) => {
  const chars = Array.from(text(a, 0));
  const start = toUsize(arg(a, 1)) ?? 0n;
  const length = toUsize(arg(a, 2)) ?? 0n;
  if (start >= BigInt(chars.length)) return EMPTY;
  const s = Number(start);
  const end = length >= BigInt(chars.length - s) ? chars.length : s + Number(length);
  return str(chars.slice(s, end).join(""));
};

const strip =
  (prefix: boolean): Fn =>
  (a) => {
    const affix = text(a, 1);
    return transform(arg(a, 0), (s) => {
      if (prefix) return s.startsWith(affix) ? str(s.slice(affix.length)) : EMPTY;
      return s.endsWith(affix) ? str(s.slice(0, s.length - affix.length)) : EMPTY;
    });
  };

/** `split_once`/`rsplit_once`: a two-element array, or `''` when the separator is absent. */
const splitOnce =
  (fromEnd: boolean): Fn =>
  (a) => {
    const s = text(a, 0);
    const sep = text(a, 1);
    const at = fromEnd ? s.lastIndexOf(sep) : s.indexOf(sep);
    return at < 0 ? EMPTY : strings([s.slice(0, at), s.slice(at + sep.length)]);
  };

/** `split_n(s, sep, n)`: at most n splits from the left, the rest kept whole. */
const splitN: Fn = (a) => {
  let s = text(a, 0);
  const sep = text(a, 1);
  const n = i64ToU64(toInteger(arg(a, 2)) ?? 0n);
  const out: string[] = [];
  for (let i = 0n; i < n; i++) {
    const at = s.indexOf(sep);
    if (at < 0) break;
    out.push(s.slice(0, at));
    s = s.slice(at + sep.length);
    if (out.length > LIMITS.arraySize) {
      const found = `split_n() gives more than ${count(LIMITS.arraySize)} elements`;
      exprLimit(found, LIMITS.arraySize, "elements");
    }
  }
  out.push(s);
  return strings(out);
};

export const TEXT_FUNCTIONS: ReadonlyMap<string, Fn> = new Map<string, Fn>([
  ["trim", (a) => transform(arg(a, 0), (s) => str(trim(s)))],
  ["trim_end", (a) => transform(arg(a, 0), (s) => str(trimEnd(s)))],
  ["trim_start", (a) => transform(arg(a, 0), (s) => str(trimStart(s)))],
  ["len", len],
  ["to_lowercase", (a) => transform(arg(a, 0), (s) => str(s.toLowerCase()))],
  ["to_uppercase", (a) => transform(arg(a, 0), (s) => str(s.toUpperCase()))],
  [
    "is_uppercase",
    (a) =>
      transform(arg(a, 0), (s) =>
        bool(Array.from(s).every((c) => !ALPHA.test(c) || UPPER.test(c))),
      ),
  ],
  [
    "is_lowercase",
    (a) =>
      transform(arg(a, 0), (s) =>
        bool(Array.from(s).every((c) => !ALPHA.test(c) || LOWER.test(c))),
      ),
  ],
  ["has_digits", (a) => transform(arg(a, 0), (s) => bool(/[0-9]/.test(s)))],
  ["count_spaces", (a) => countChars(text(a, 0), (c) => RUST_WS.test(c))],
  ["count_uppercase", (a) => countChars(text(a, 0), (c) => ALPHA.test(c) && UPPER.test(c))],
  ["count_lowercase", (a) => countChars(text(a, 0), (c) => ALPHA.test(c) && LOWER.test(c))],
  ["count_chars", (a) => countChars(text(a, 0), () => true)],
  ["contains", contains],
  ["contains_ignore_case", containsIgnoreCase],
  ["eq_ignore_case", (a) => bool(asciiLower(text(a, 0)) === asciiLower(text(a, 1)))],
  ["starts_with", (a) => bool(text(a, 0).startsWith(text(a, 1)))],
  ["ends_with", (a) => bool(text(a, 0).endsWith(text(a, 1)))],
  [
    "lines",
    (a) => {
      const v = arg(a, 0);
      return v.kind === "string" ? strings(rustLines(v.value)) : v;
    },
  ],
  ["substring", substring],
  ["strip_prefix", strip(true)],
  ["strip_suffix", strip(false)],
  ["split", (a) => strings(rustSplit(text(a, 0), text(a, 1)))],
  ["rsplit", (a) => strings(rustRsplit(text(a, 0), text(a, 1)))],
  ["split_once", splitOnce(false)],
  ["rsplit_once", splitOnce(true)],
  ["split_n", splitN],
  [
    "split_words",
    (a) =>
      strings(
        text(a, 0)
          .split(new RegExp(`${RUST_WS.source}+`, "u"))
          .filter((w) => w !== "" && ALNUM_WORD.test(w)),
      ),
  ],
  ["hash", (a) => str(digest(text(a, 1), new TextEncoder().encode(text(a, 0))) ?? "")],
]);

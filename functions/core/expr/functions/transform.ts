/** Helpers shared by the function implementations (Stalwart's `transform` & Rust's `str`). */
import { valueToString } from "../format";
import { arr, type Value } from "../value";

/**
 * Stalwart's `Variable::transform`: apply `f` to a string, or to each element of an array
 * (non-strings converted with `into_string`, nested arrays included).
 */
export function transform(v: Value, f: (s: string) => Value): Value {
  if (v.kind === "array") return arr(v.value.map((item) => f(valueToString(item))));
  return f(valueToString(v));
}

/** Rust's `char::is_whitespace` (Unicode White_Space; not U+FEFF, unlike JS `trim`). */
export const RUST_WS =
  /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
const LEADING = new RegExp(`^${RUST_WS.source}+`, "u");
const TRAILING = new RegExp(`${RUST_WS.source}+$`, "u");

export const trimStart = (s: string): string => s.replace(LEADING, "");
export const trimEnd = (s: string): string => s.replace(TRAILING, "");
export const trim = (s: string): string => trimEnd(trimStart(s));

/** Rust's `str::split(sep)`, including the empty separator (`["", "a", "b", ""]`). */
export function rustSplit(s: string, sep: string): string[] {
  if (sep === "") return ["", ...Array.from(s), ""];
  return s.split(sep);
}

/** Rust's `str::rsplit(sep)`: matches found from the end, pieces in reverse order. */
export function rustRsplit(s: string, sep: string): string[] {
  if (sep === "") return rustSplit(s, sep).reverse();
  const out: string[] = [];
  let end = s.length;
  for (;;) {
    const at = end - sep.length < 0 ? -1 : s.lastIndexOf(sep, end - sep.length);
    if (at < 0) {
      out.push(s.slice(0, end));
      return out;
    }
    out.push(s.slice(at + sep.length, end));
    end = at;
  }
}

/** Rust's `str::lines()`: split at `\n`, drop one `\r` before it, no final empty line. */
export function rustLines(s: string): string[] {
  if (s === "") return [];
  const parts = s.split("\n");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts.map((p, i) =>
    p.endsWith("\r") && i < parts.length - (s.endsWith("\n") ? 0 : 1) ? p.slice(0, -1) : p,
  );
}

/**
 * The forms most config values take — one string literal (`'r0'`), one word (a constant
 * such as `ipv6_then_ipv4`, a variable, a number, `false`) and an array of string literals
 * (`['192.0.2.10', '192.0.2.11']`) — read directly, to the very program the tokenizer and
 * the shunting-yard would make (a `const`, a word's item, the literals then `build n`).
 * Half of the 2,000-line config's ~1,100 expressions are such values; the general reading
 * of each showed in the bench profile. Anything else (or anything unusual about these:
 * escapes, spaces, tabs, a trailing comma, a function name) returns null for the general
 * reading, which also reports every error.
 */
import { LIMITS } from "../limits";
import type { Item } from "./program";
import { varItem } from "./program";
import { plainStringEnd } from "./string-literal";
import type { TokenSlot } from "./token";
import type { TokenMap } from "./types";
import { str } from "./value";
import { classifyWord } from "./word";

/** `[A-Za-z_$]`, as the tokenizer's word characters. */
function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}

/** The program of `source` if it has one of the simple forms, else null. */
export function simpleForm(source: string, tokens: TokenMap, slot: TokenSlot): Item[] | null {
  const n = source.length;
  if (n === 0) return null;
  const c0 = source.charCodeAt(0);
  if (c0 === 39 /* ' */ || c0 === 34 /* " */) {
    if (plainStringEnd(source, 1, c0 === 39 ? "'" : '"') !== n - 1) return null;
    return [{ k: "const", value: str(source.slice(1, n - 1)) }];
  }
  if (c0 === 91 /* [ */) return stringArray(source);
  let hasNumber = false;
  let hasAlpha = false;
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    if (isAlpha(c)) hasAlpha = true;
    else if (c >= 48 && c <= 57) hasNumber = true;
    else return null;
  }
  // The tokenizer classifies a word that runs to the end exactly so (errors included).
  classifyWord(source, 0, hasNumber, false, hasAlpha, tokens, slot);
  switch (slot.t) {
    case "var":
      return [varItem(slot.name)];
    case "const":
      return [{ k: "const", value: slot.value }];
    case "capture":
      return [{ k: "capture", n: slot.n }];
    default:
      // A bare function name is an error of the operator stack: the general reading says so.
      return null;
  }
}

/** `['a', 'b']`: literals without escapes, one space at most around each, no trailing comma. */
function stringArray(source: string): Item[] | null {
  const n = source.length;
  const items: Item[] = [];
  let i = 1;
  for (;;) {
    if (source.charCodeAt(i) === 32) i++;
    const q = source.charCodeAt(i);
    if (q !== 39 && q !== 34) return null;
    const close = plainStringEnd(source, i + 1, q === 39 ? "'" : '"');
    if (close < 0) return null;
    items.push({ k: "const", value: str(source.slice(i + 1, close)) });
    i = close + 1;
    if (source.charCodeAt(i) === 32) i++;
    const c = source.charCodeAt(i);
    if (c === 93 /* ] */ && i === n - 1) break;
    if (c !== 44 /* , */) return null;
    i++;
  }
  if (items.length > LIMITS.arraySize) return null;
  items.push({ k: "build", n: items.length });
  return items;
}

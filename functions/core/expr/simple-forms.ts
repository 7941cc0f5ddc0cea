/**
 * The forms most config values take — one string literal (`'r0'`), one word (a constant
 * such as `ipv6_then_ipv4`, a variable, a number, `false`) and an array of string literals
 * (`['192.0.2.10', '192.0.2.11']`) — and the conditions most if-blocks test — a variable
 * compared with a literal (`rcpt_domain == 'd0.test'`, `!=` too) and a two-argument
 * function of a variable and a literal (`ends_with(sender_domain, '.d0.test')`) — read
 * directly, to the very program the tokenizer and the shunting-yard would make (a
 * `const`, a word's item, the literals then `build n`; `var`, `const`, then the `bin` or
 * `fn` item). The 2,000-line config's ~1,100 expressions are all such forms; the general
 * reading of each showed in the bench profile. Anything else (or anything unusual about
 * these: escapes, other spacing, tabs, a trailing comma, a word that is not a variable)
 * returns null for the general reading, which also reports every error.
 */
import { LIMITS } from "../limits";
import { FUNCTION_ARITY } from "./catalog";
import type { Item } from "./program";
import { binItem, varItem } from "./program";
import { plainStringEnd, sameAt } from "./string-literal";
import type { TokenSlot } from "./token";
import type { TokenMap } from "./types";
import { str } from "./value";
import { classifyWord, isAlpha } from "./word";

/** The program of `source` if it has one of the simple forms, else null. */
export function simpleForm(source: string, tokens: TokenMap, slot: TokenSlot): Item[] | null {
  const n = source.length;
  if (n === 0) return null;
  const c0 = source.charCodeAt(0);
  if (c0 === 39 /* ' */ || c0 === 34 /* " */) {
    if (literalToEnd(source, 0) < 0) return null;
    return [{ k: "const", value: str(source.slice(1, n - 1)) }];
  }
  if (c0 === 91 /* [ */) return stringArray(source);
  let hasNumber = false;
  let hasAlpha = false;
  for (let i = 0; i < n; i++) {
    const c = source.charCodeAt(i);
    if (isAlpha(c)) hasAlpha = true;
    else if (c >= 48 && c <= 57) hasNumber = true;
    else if (c === 32 /* space */ && i > 0) return comparison(source, i, tokens, slot);
    else if (c === 40 /* ( */ && i > 0) return call(source, i, tokens, slot);
    else return null;
  }
  const known = WORD.get(tokens, source, 0, n);
  if (known !== null) return [known];
  // The tokenizer classifies a word that runs to the end exactly so (errors included).
  classifyWord(source, 0, hasNumber, false, hasAlpha, tokens, slot);
  switch (slot.t) {
    case "var":
      return [WORD.set(tokens, source, varItem(slot.name))];
    case "const":
      return [WORD.set(tokens, source, { k: "const", value: slot.value })];
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
  // Collected in a reused array and copied at their exact size: a pushed-to `[]` grows a
  // 17-slot store for a one-address list (bench allocation profile).
  // Written by index (no `length = 0` reset, a runtime call); stale slots past `count`.
  const items = SCRATCH;
  let count = 0;
  let i = 1;
  for (;;) {
    if (source.charCodeAt(i) === 32) i++;
    const q = source.charCodeAt(i);
    if (q !== 39 && q !== 34) return null;
    const close = plainStringEnd(source, i + 1, q === 39 ? "'" : '"');
    if (close < 0) return null;
    if (count >= LIMITS.arraySize) return null;
    items[count++] = { k: "const", value: str(source.slice(i + 1, close)) };
    i = close + 1;
    if (source.charCodeAt(i) === 32) i++;
    const c = source.charCodeAt(i);
    if (c === 93 /* ] */ && i === n - 1) break;
    if (c !== 44 /* , */) return null;
    i++;
  }
  items[count] = { k: "build", n: count };
  return items.slice(0, count + 1);
}

/** stringArray's working list (parses never nest: one is enough). */
const SCRATCH: Item[] = [];

/** Where the plain literal starting at `at` (a quote) ends when it ends `source`, else -1. */
function literalToEnd(source: string, at: number): number {
  const q = source.charCodeAt(at);
  if (q !== 39 && q !== 34) return -1;
  const close = plainStringEnd(source, at + 1, q === 39 ? "'" : '"');
  return close === source.length - 1 ? close : -1;
}

/**
 * The item of the word `source[from..to)` (letters, digits, `_`, `$`) if it is a variable,
 * else null. It is the first word of the expression, so the general reading classifies it
 * first too: an error it throws is the one the general reading would report.
 */
function variableAt(
  source: string,
  from: number,
  to: number,
  tokens: TokenMap,
  slot: TokenSlot,
): Item | null {
  let hasNumber = false;
  let hasAlpha = false;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (isAlpha(c)) hasAlpha = true;
    else if (c >= 48 && c <= 57) hasNumber = true;
    else return null;
  }
  if (to === from) return null;
  const known = VARIABLE.get(tokens, source, from, to);
  if (known !== null) return known;
  classifyWord(source.slice(from, to), from, hasNumber, false, hasAlpha, tokens, slot);
  return slot.t === "var" ? VARIABLE.set(tokens, slot.name, varItem(slot.name)) : null;
}

/** `v == 'x'` or `v != 'x'`, one space each side: `[var v, const 'x', bin op]`. */
function comparison(
  source: string,
  space: number,
  tokens: TokenMap,
  slot: TokenSlot,
): Item[] | null {
  const c = source.charCodeAt(space + 1);
  // `=` reads `==` (it swallows the next character), `!` followed by `=` reads `!=`.
  if ((c !== 61 && c !== 33) || source.charCodeAt(space + 2) !== 61) return null;
  if (source.charCodeAt(space + 3) !== 32) return null;
  const lit = space + 4;
  const close = literalToEnd(source, lit);
  if (close < 0) return null;
  const v = variableAt(source, 0, space, tokens, slot);
  if (v === null) return null;
  return [
    v,
    { k: "const", value: str(source.slice(lit + 1, close)) },
    binItem(c === 61 ? "==" : "!="),
  ];
}

/** `f(v, 'x')` for a two-argument function `f`: `[var v, const 'x', fn f 2]`. */
function call(source: string, open: number, tokens: TokenMap, slot: TokenSlot): Item[] | null {
  const comma = source.indexOf(",", open + 1);
  if (comma < 0) return null;
  const lit = source.charCodeAt(comma + 1) === 32 ? comma + 2 : comma + 1;
  // The literal runs to the last character but one: the `)` that closes the call.
  if (source.charCodeAt(source.length - 1) !== 41 /* ) */) return null;
  const q = source.charCodeAt(lit);
  if (q !== 39 && q !== 34) return null;
  const close = plainStringEnd(source, lit + 1, q === 39 ? "'" : '"');
  if (close !== source.length - 2) return null;
  let fn = FUNCTION.get(null, source, 0, open);
  if (fn === null) {
    const name = source.slice(0, open);
    // `matches(` and `config_get(` are read otherwise by the tokenizer; not in the table.
    if (FUNCTION_ARITY.get(name) !== 2 || name === "matches" || name === "config_get") return null;
    fn = FUNCTION.set(null, name, { k: "fn", name, args: 2 });
  }
  const v = variableAt(source, open + 1, comma, tokens, slot);
  if (v === null) return null;
  return [v, { k: "const", value: str(source.slice(lit + 1, close)) }, fn];
}

/**
 * The last word read in one place and its item, for a token map: an if-block's
 * conditions test the same variable (or call the same function, or its values name the
 * same constant) branch after branch, and the word compared in place costs less than its
 * slice and the hash lookups that classify it (bench profile: 180-branch blocks). Only
 * words that classified without error are kept; classification depends on nothing but
 * the word and the token map, and items without per-site data are shared by programs.
 */
class LastWord {
  private tokens: TokenMap | null = null;
  private word = "";
  private item: Item | null = null;

  /** The item of `source[from..to)` if it is the last word set for `tokens`, else null. */
  get(tokens: TokenMap | null, source: string, from: number, to: number): Item | null {
    if (this.item === null || this.tokens !== tokens) return null;
    const w = this.word;
    return to - from === w.length && sameAt(source, from, w) ? this.item : null;
  }

  set(tokens: TokenMap | null, word: string, item: Item): Item {
    this.tokens = tokens;
    this.word = word;
    this.item = item;
    return item;
  }
}

const WORD = new LastWord();
const VARIABLE = new LastWord();
/** Function names (no token map: FUNCTION_ARITY is the same for every setting). */
const FUNCTION = new LastWord();

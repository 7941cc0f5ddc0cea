/**
 * The list form of an if-block, read exactly as `IfBlock::try_parse` does
 * (crates/common/src/expr/if_block.rs): keys under `K.` in sorted order as
 * `<pos>.if`, `<pos>.then`, `<pos>.else`, with Stalwart's error texts. A single value at
 * `K` wins over any list.
 */

import type { Expression } from "../expr/types";
import { sameAt } from "../expr/words";
import type { IfBlock, IfBranch } from "./if-block";
import type { Setting } from "./settings";
import type { ConfigEntry, LoadedConfig } from "./toml-loader";

export type Fail = (
  code: string,
  message: string,
  at: { start: number; end: number },
  errKey?: string,
) => never;

/** Whether a word of `item` ending at `end` ends there or at a `.`. */
function wordEnds(item: string, end: number): boolean {
  return end === item.length || item.charCodeAt(end) === 0x2e;
}

/** Whether `item` holds the word `w` at `at`, ending there or at a `.` (no slice). */
function wordAt(item: string, at: number, w: string): boolean {
  return sameAt(item, at, w) && wordEnds(item, at + w.length);
}

/** Whether `item[from..to)` is `pos` (no slice). */
function isPos(item: string, from: number, to: number, pos: string): boolean {
  return to - from === pos.length && sameAt(item, from, pos);
}

export function readConfigBlock(
  config: LoadedConfig,
  setting: Setting<unknown>,
  parse: (e: ConfigEntry) => Expression,
  fail: Fail,
): IfBlock | undefined {
  const key = setting.key;
  const whole = config.get(key);
  if (whole !== undefined) {
    const expr = parse(whole);
    return {
      key,
      branches: [],
      default: expr,
      defaultSource: whole.value,
      defaultKey: key,
      origin: "config",
      single: true,
    };
  }
  const prefix = setting.keyPrefix;
  const items = config.entriesUnder(prefix);
  // Most settings are not written at all: nothing to read (no closures, no span).
  if (items.length === 0) return undefined;
  const span = (e: ConfigEntry | undefined) => ({
    start: e?.valueStart ?? 0,
    end: e?.valueEnd ?? 0,
  });
  const keySpan = (e: ConfigEntry | undefined) => ({
    start: e?.keyStart ?? 0,
    end: e?.keyEnd ?? 0,
  });
  const conditionNumber = (pos: string) => (/^\+?\d+$/.test(pos) ? Number(pos) : 0) + 1;

  // Each branch is made once, when its `then` is read (not a draft per branch copied
  // afterwards): until then its condition waits here.
  const branches: IfBranch[] = [];
  let cond: ConfigEntry | undefined;
  let condition: Expression | undefined;
  let foundIf = false;
  let foundThen = false;
  let foundElse = "";
  let lastPos = "";
  let otherwise: { expr: Expression; entry: ConfigEntry } | undefined;
  for (const entry of items) {
    const item = entry.key;
    // A key of the branch being read has its position part, then a `.` (no `.` in a
    // position part): found without a search for the `.` (every `then` key).
    const pl = lastPos.length;
    const inLast =
      pl > 0 &&
      item.charCodeAt(prefix.length + pl) === 0x2e &&
      sameAt(item, prefix.length, lastPos);
    const dot = inLast ? prefix.length + pl : item.indexOf(".", prefix.length);
    if (dot < 0) {
      fail(
        "if_block_invalid_property",
        `Invalid property ${JSON.stringify(item)} found in 'if' block.`,
        span(entry),
      );
    }
    // The position part (`0000`) is compared in place with the last one; sliced only
    // when it starts a new branch (not per key: bench profile of 180-branch blocks).
    // Found above already when `inLast` (the same comparison again was half of this loop's
    // comparisons: every `then` key); otherwise it can only hold for an empty `lastPos`.
    const samePos = inLast || isPos(item, prefix.length, dot, lastPos);
    // The word after the position told by its first character: one comparison per key,
    // not up to three (`then` keys, half of them, were tested as `if` and `else` first).
    const w = dot + 1;
    const c = item.charCodeAt(w);
    if (c === 0x69 /* i */ && item.charCodeAt(w + 1) === 0x66 /* f */ && wordEnds(item, w + 2)) {
      if (!samePos) {
        if (lastPos !== "" && !foundThen) {
          fail(
            "if_block_missing_then",
            `Missing 'then' in 'if' condition ${conditionNumber(lastPos)}.`,
            keySpan(cond),
          );
        }
        condition = parse(entry);
        cond = entry;
        foundThen = false;
        lastPos = item.slice(prefix.length, dot);
      }
      foundIf = true;
    } else if (c === 0x65 /* e */ && wordAt(item, w, "else")) {
      if (foundElse === "") {
        if (!foundIf) fail("if_block_else_before_if", "Found 'else' before 'if'", keySpan(entry));
        otherwise = { expr: parse(entry), entry };
        foundElse = item.slice(prefix.length, dot);
      } else if (!isPos(item, prefix.length, dot, foundElse)) {
        fail("if_block_multiple_else", "Multiple 'else' found", keySpan(entry));
      }
    } else if (c === 0x74 /* t */ && wordAt(item, w, "then")) {
      if (foundElse !== "")
        fail("if_block_then_in_else", "Found 'then' in 'else' block", keySpan(entry));
      if (!samePos) fail("if_block_then_without_if", "Found 'then' without 'if'", keySpan(entry));
      if (!foundThen && cond !== undefined && condition !== undefined) {
        branches.push({
          condition,
          conditionSource: cond.value,
          // biome-ignore lint/suspicious/noThenProperty: Stalwart's word; branches are never awaited.
          then: parse(entry),
          thenSource: entry.value,
          conditionKey: cond.key,
          thenKey: item,
          start: Math.min(cond.keyStart, entry.keyStart),
          end: Math.max(cond.valueEnd, entry.valueEnd),
        });
        foundThen = true;
      }
    }
    // Any other property (e.g. `0000.foo`) is silently ignored by Stalwart.
  }
  if (!foundIf) return undefined;
  if (!foundThen) {
    fail(
      "if_block_missing_then",
      `Missing 'then' in 'if' condition ${conditionNumber(lastPos)}`,
      keySpan(cond),
    );
  }
  if (otherwise === undefined) {
    const box = config.container(key);
    const wholeSpan =
      box !== undefined
        ? { start: box.valueStart, end: box.valueEnd }
        : span(items[items.length - 1]);
    fail("if_block_missing_else", "Missing 'else'", wholeSpan);
  }
  return {
    key,
    branches,
    default: otherwise.expr,
    defaultSource: otherwise.entry.value,
    defaultKey: otherwise.entry.key,
    origin: "config",
    single: false,
  };
}

/**
 * The list form of an if-block, read exactly as `IfBlock::try_parse` does
 * (crates/common/src/expr/if_block.rs): keys under `K.` in sorted order as
 * `<pos>.if`, `<pos>.then`, `<pos>.else`, with Stalwart's error texts. A single value at
 * `K` wins over any list.
 */
import type { Expression } from "../expr/types";
import type { IfBlock, IfBranch } from "./if-block";
import type { Setting } from "./settings";
import type { ConfigEntry, LoadedConfig } from "./toml-loader";

export type Fail = (
  code: string,
  message: string,
  at: { start: number; end: number },
  errKey?: string,
) => never;

/** The branches that got their `then`, as IfBranch (a loop: no array per branch). */
function complete(
  branches: readonly {
    condition: Expression;
    conditionKey: string;
    cond: ConfigEntry;
    thenEntry?: ConfigEntry;
    thenExpr?: Expression;
  }[],
): IfBranch[] {
  const out: IfBranch[] = [];
  for (const b of branches) {
    if (b.thenEntry === undefined || b.thenExpr === undefined) continue;
    out.push({
      condition: b.condition,
      conditionSource: b.cond.value,
      // biome-ignore lint/suspicious/noThenProperty: Stalwart's word; branches are never awaited.
      then: b.thenExpr,
      thenSource: b.thenEntry.value,
      conditionKey: b.conditionKey,
      thenKey: b.thenEntry.key,
      start: Math.min(b.cond.keyStart, b.thenEntry.keyStart),
      end: Math.max(b.cond.valueEnd, b.thenEntry.valueEnd),
    });
  }
  return out;
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

  const branches: {
    condition: Expression;
    conditionKey: string;
    cond: ConfigEntry;
    thenEntry?: ConfigEntry;
    thenExpr?: Expression;
  }[] = [];
  let foundIf = false;
  let foundThen = false;
  let foundElse = "";
  let lastPos = "";
  let otherwise: { expr: Expression; entry: ConfigEntry } | undefined;
  for (const entry of items) {
    const item = entry.key;
    const rest = item.slice(prefix.length);
    const dot = rest.indexOf(".");
    if (dot < 0) {
      fail(
        "if_block_invalid_property",
        `Invalid property ${JSON.stringify(item)} found in 'if' block.`,
        span(entry),
      );
    }
    const pos = rest.slice(0, dot);
    const wordEnd = rest.indexOf(".", dot + 1);
    const word = rest.slice(dot + 1, wordEnd < 0 ? rest.length : wordEnd);
    if (word === "if") {
      if (pos !== lastPos) {
        if (lastPos !== "" && !foundThen) {
          const prev = branches[branches.length - 1];
          fail(
            "if_block_missing_then",
            `Missing 'then' in 'if' condition ${conditionNumber(lastPos)}.`,
            keySpan(prev?.cond),
          );
        }
        if (entry !== undefined)
          branches.push({ condition: parse(entry), conditionKey: item, cond: entry });
        foundThen = false;
        lastPos = pos;
      }
      foundIf = true;
    } else if (word === "else") {
      if (foundElse === "") {
        if (!foundIf) fail("if_block_else_before_if", "Found 'else' before 'if'", keySpan(entry));
        if (entry !== undefined) otherwise = { expr: parse(entry), entry };
        foundElse = pos;
      } else if (pos !== foundElse) {
        fail("if_block_multiple_else", "Multiple 'else' found", keySpan(entry));
      }
    } else if (word === "then") {
      if (foundElse !== "")
        fail("if_block_then_in_else", "Found 'then' in 'else' block", keySpan(entry));
      if (pos !== lastPos)
        fail("if_block_then_without_if", "Found 'then' without 'if'", keySpan(entry));
      const last = branches[branches.length - 1];
      if (!foundThen && last !== undefined && entry !== undefined) {
        last.thenEntry = entry;
        last.thenExpr = parse(entry);
        foundThen = true;
      }
    }
    // Any other property (e.g. `0000.foo`) is silently ignored by Stalwart.
  }
  if (!foundIf) return undefined;
  if (!foundThen) {
    const prev = branches[branches.length - 1];
    fail(
      "if_block_missing_then",
      `Missing 'then' in 'if' condition ${conditionNumber(lastPos)}`,
      keySpan(prev?.cond),
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
    branches: complete(branches),
    default: otherwise.expr,
    defaultSource: otherwise.entry.value,
    defaultKey: otherwise.entry.key,
    origin: "config",
    single: false,
  };
}

/**
 * Reading a setting's if-block from the config, exactly as `IfBlock::try_parse` does
 * (crates/common/src/expr/if_block.rs, v0.12.5): a value at `K` itself is one expression;
 * otherwise the keys under `K.` are read in sorted order as `<pos>.if`, `<pos>.then`,
 * `<pos>.else`, with Stalwart's error texts. Any error keeps the built-in default in force
 * and is reported at its place in the config.
 */
import { CoreError, type Diagnostic } from "../errors";
import { parseExpression } from "../expr/parser";
import { rustStrDebug } from "../expr/rust-debug";
import type { Expression } from "../expr/types";
import { builtinBlock, type IfBlock, type IfBranch } from "./if-block";
import type { Setting } from "./settings";
import type { ConfigEntry, LoadedConfig } from "./toml/loaded-config";

type Place = { readonly start: number; readonly end: number };
type Fail = (code: string, message: string, at: Place, key?: string) => never;

/** Thrown by `fail` once the error is reported: the block is abandoned. */
class BlockError extends Error {}

export function readIfBlock(
  config: LoadedConfig,
  setting: Setting<unknown>,
  diagnostics: Diagnostic[],
): IfBlock {
  const fail: Fail = (code, message, at, key = setting.key) => {
    diagnostics.push({
      severity: "error",
      code,
      message: `${message} (${setting.key} keeps its built-in default)`,
      key,
      start: at.start,
      end: at.end,
    });
    throw new BlockError(message);
  };
  const parse = (entry: ConfigEntry): Expression => {
    try {
      return parseExpression(entry.value, setting.tokens);
    } catch (err) {
      if (!(err instanceof CoreError)) throw err;
      // The expression's offsets, mapped through the string's escapes onto the config.
      const start = entry.sourceOffset(err.range?.start ?? 0);
      const end = Math.max(start, entry.sourceOffset(err.range?.end ?? entry.value.length));
      const at = { start, end: end === start ? Math.min(start + 1, entry.valueEnd) : end };
      return fail(err.code, err.message, at, entry.key);
    }
  };
  try {
    const whole = config.get(setting.key);
    if (whole !== undefined) return single(setting, whole, parse(whole));
    return readList(config, setting, parse, fail) ?? builtinBlock(setting);
  } catch (err) {
    if (err instanceof BlockError) return builtinBlock(setting);
    throw err;
  }
}

function single(setting: Setting<unknown>, entry: ConfigEntry, expr: Expression): IfBlock {
  return {
    key: setting.key,
    branches: [],
    default: expr,
    defaultSource: entry.value,
    defaultKey: entry.key,
    origin: "config",
    single: true,
  };
}

const keySpan = (e: ConfigEntry): Place => ({ start: e.keyStart, end: e.keyEnd });

/** Rust's `last_array_pos.parse().unwrap_or(0) + 1`: the 1-based number of a condition. */
const conditionNumber = (pos: string) => (/^\+?\d+$/.test(pos) ? Number(pos) : 0) + 1;

/** The list form; undefined when there is no `if` at all (the setting is absent). */
function readList(
  config: LoadedConfig,
  setting: Setting<unknown>,
  parse: (e: ConfigEntry) => Expression,
  fail: Fail,
): IfBlock | undefined {
  const prefix = `${setting.key}.`;
  const items = config.entriesUnder(prefix);
  const branches: IfBranch[] = [];
  let condition: { entry: ConfigEntry; expr: Expression } | undefined;
  let foundIf = false;
  let foundThen = false;
  let foundElse = "";
  let lastPos = "";
  let otherwise: { entry: ConfigEntry; expr: Expression } | undefined;
  for (const entry of items) {
    const rest = entry.key.slice(prefix.length);
    const dot = rest.indexOf(".");
    if (dot < 0) {
      const message = `Invalid property ${rustStrDebug(entry.key)} found in 'if' block.`;
      const at = { start: entry.valueStart, end: entry.valueEnd };
      fail("if_block_invalid_property", message, at, entry.key);
    }
    const pos = rest.slice(0, dot);
    const word = rest.slice(dot + 1).split(".")[0];
    if (word === "if") {
      if (pos !== lastPos) {
        if (lastPos !== "" && !foundThen && condition !== undefined) {
          const n = conditionNumber(lastPos);
          fail(
            "if_block_missing_then",
            `Missing 'then' in 'if' condition ${n}.`,
            keySpan(condition.entry),
          );
        }
        condition = { entry, expr: parse(entry) };
        foundThen = false;
        lastPos = pos;
      }
      foundIf = true;
    } else if (word === "else") {
      if (foundElse === "") {
        if (!foundIf) fail("if_block_else_before_if", "Found 'else' before 'if'", keySpan(entry));
        otherwise = { entry, expr: parse(entry) };
        foundElse = pos;
      } else if (pos !== foundElse) {
        fail("if_block_multiple_else", "Multiple 'else' found", keySpan(entry));
      }
    } else if (word === "then") {
      if (foundElse !== "")
        fail("if_block_then_in_else", "Found 'then' in 'else' block", keySpan(entry));
      if (pos !== lastPos)
        fail("if_block_then_without_if", "Found 'then' without 'if'", keySpan(entry));
      if (condition === undefined) {
        // `if_then.last_mut().unwrap()` on an empty list: Stalwart panics.
        const message = `Found 'then' at an empty position before any 'if': Stalwart v0.12.5 crashes reading this block`;
        fail("if_block_then_panics", message, keySpan(entry));
      }
      if (!foundThen) {
        branches.push(branch(condition, entry, parse(entry)));
        foundThen = true;
      }
    }
    // Any other property (e.g. `0000.foo`) is ignored by Stalwart.
  }
  if (!foundIf) return undefined;
  if (!foundThen) {
    const n = conditionNumber(lastPos);
    const at = condition === undefined ? { start: 0, end: 0 } : keySpan(condition.entry);
    fail("if_block_missing_then", `Missing 'then' in 'if' condition ${n}`, at);
  }
  if (otherwise === undefined) {
    const box = config.container(setting.key);
    const last = items[items.length - 1];
    const at = box ?? last;
    fail("if_block_missing_else", "Missing 'else'", {
      start: at?.valueStart ?? 0,
      end: at?.valueEnd ?? 0,
    });
  }
  return {
    key: setting.key,
    branches,
    default: otherwise.expr,
    defaultSource: otherwise.entry.value,
    defaultKey: otherwise.entry.key,
    origin: "config",
    single: false,
  };
}

function branch(
  condition: { entry: ConfigEntry; expr: Expression },
  entry: ConfigEntry,
  then: Expression,
): IfBranch {
  return {
    condition: condition.expr,
    conditionSource: condition.entry.value,
    then,
    thenSource: entry.value,
    conditionKey: condition.entry.key,
    thenKey: entry.key,
    start: Math.min(condition.entry.keyStart, entry.keyStart),
    end: Math.max(condition.entry.valueEnd, entry.valueEnd),
  };
}

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
import type { Expression, TokenMap } from "../expr/types";
import { builtinBlock, type IfBlock, type IfBranch } from "./if-block";
import type { Setting } from "./settings";
import { type ConfigEntry, firstSegment, type LoadedConfig } from "./toml/loaded-config";

type Place = { readonly start: number; readonly end: number };
type Fail = (code: string, message: string, at: Place, key?: string) => never;

/** Thrown by `fail` once the error is reported: the block is abandoned. */
class BlockError extends Error {}

export function readIfBlock(
  config: LoadedConfig,
  setting: Setting<unknown>,
  diagnostics: Diagnostic[],
): IfBlock {
  return readBlock(config, setting, diagnostics) ?? builtinBlock(setting);
}

/** What reading an if-block needs: its key and what its expressions may refer to. */
export interface BlockSpec {
  readonly key: string;
  readonly tokens: TokenMap;
}

/**
 * The if-block at `spec.key` as written; undefined when the key is absent or the block
 * fails (the error reported), where the caller's built-in default stays in force.
 */
export function readBlock(
  config: LoadedConfig,
  spec: BlockSpec,
  diagnostics: Diagnostic[],
): IfBlock | undefined {
  const fail: Fail = (code, message, at, key = spec.key) => {
    diagnostics.push({
      severity: "error",
      code,
      message: `${message} (${spec.key} keeps its built-in default)`,
      key,
      start: at.start,
      end: at.end,
    });
    throw new BlockError(message);
  };
  const parse = (entry: ConfigEntry): Expression => {
    try {
      return parseExpression(entry.value, spec.tokens);
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
    const whole = config.get(spec.key);
    if (whole !== undefined) return single(spec, whole, parse(whole));
    return readList(config, spec, parse, fail);
  } catch (err) {
    if (err instanceof BlockError) return undefined;
    throw err;
  }
}

function single(spec: BlockSpec, entry: ConfigEntry, expr: Expression): IfBlock {
  return {
    key: spec.key,
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

type Parsed = { readonly entry: ConfigEntry; readonly expr: Expression };

/** The list form; undefined when there is no `if` at all (the setting is absent). */
function readList(
  config: LoadedConfig,
  spec: BlockSpec,
  parse: (e: ConfigEntry) => Expression,
  fail: Fail,
): IfBlock | undefined {
  const prefix = `${spec.key}.`;
  const items = config.entriesUnder(prefix);
  const list = new ListReader(parse, fail);
  for (const entry of items) {
    const rest = entry.key.slice(prefix.length);
    const dot = rest.indexOf(".");
    if (dot < 0) {
      const message = `Invalid property ${rustStrDebug(entry.key)} found in 'if' block.`;
      const at = { start: entry.valueStart, end: entry.valueEnd };
      fail("if_block_invalid_property", message, at, entry.key);
    }
    const pos = rest.slice(0, dot);
    const word = firstSegment(rest.slice(dot + 1));
    if (word === "if") list.onIf(pos, entry);
    else if (word === "else") list.onElse(pos, entry);
    else if (word === "then") list.onThen(pos, entry);
    // Any other property (e.g. `0000.foo`) is ignored by Stalwart.
  }
  if (!list.foundIf) return undefined;
  const otherwise = list.end(() => {
    const at = config.container(spec.key) ?? items[items.length - 1];
    return { start: at?.valueStart ?? 0, end: at?.valueEnd ?? 0 };
  });
  return {
    key: spec.key,
    branches: list.branches,
    default: otherwise.expr,
    defaultSource: otherwise.entry.value,
    defaultKey: otherwise.entry.key,
    origin: "config",
    single: false,
  };
}

/** The state of `try_parse`'s loop over the sorted keys, one method per property. */
class ListReader {
  readonly branches: IfBranch[] = [];
  foundIf = false;
  private condition: Parsed | undefined;
  private foundThen = false;
  private lastPos = "";
  private foundElse = "";
  private otherwise: Parsed | undefined;

  constructor(
    private readonly parse: (e: ConfigEntry) => Expression,
    private readonly fail: Fail,
  ) {}

  onIf(pos: string, entry: ConfigEntry): void {
    if (pos !== this.lastPos) {
      if (this.lastPos !== "" && !this.foundThen) this.missingThen(".");
      this.condition = { entry, expr: this.parse(entry) };
      this.foundThen = false;
      this.lastPos = pos;
    }
    this.foundIf = true;
  }

  onElse(pos: string, entry: ConfigEntry): void {
    if (this.foundElse !== "") {
      if (pos !== this.foundElse) {
        this.fail("if_block_multiple_else", "Multiple 'else' found", keySpan(entry));
      }
      return;
    }
    if (!this.foundIf)
      this.fail("if_block_else_before_if", "Found 'else' before 'if'", keySpan(entry));
    this.otherwise = { entry, expr: this.parse(entry) };
    this.foundElse = pos;
  }

  onThen(pos: string, entry: ConfigEntry): void {
    const at = keySpan(entry);
    if (this.foundElse !== "")
      this.fail("if_block_then_in_else", "Found 'then' in 'else' block", at);
    if (pos !== this.lastPos)
      this.fail("if_block_then_without_if", "Found 'then' without 'if'", at);
    if (this.condition === undefined) {
      // `if_then.last_mut().unwrap()` on an empty list: Stalwart panics.
      const message = `Found 'then' at an empty position before any 'if': Stalwart v0.12.5 crashes reading this block`;
      this.fail("if_block_then_panics", message, at);
    }
    if (!this.foundThen) {
      this.branches.push(branch(this.condition, entry, this.parse(entry)));
      this.foundThen = true;
    }
  }

  /** After the last key: the else, once the last condition has its then. */
  end(wholeBlock: () => Place): Parsed {
    if (!this.foundThen) this.missingThen("");
    if (this.otherwise === undefined)
      this.fail("if_block_missing_else", "Missing 'else'", wholeBlock());
    return this.otherwise;
  }

  /** Stalwart's two texts differ: a '.' when another `if` follows, none at the end. */
  private missingThen(stop: "." | ""): never {
    const n = conditionNumber(this.lastPos);
    const at = this.condition === undefined ? { start: 0, end: 0 } : keySpan(this.condition.entry);
    return this.fail("if_block_missing_then", `Missing 'then' in 'if' condition ${n}${stop}`, at);
  }
}

function branch(condition: Parsed, entry: ConfigEntry, then: Expression): IfBranch {
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

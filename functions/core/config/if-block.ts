/**
 * If-blocks: Stalwart's `IfBlock::try_parse` (crates/common/src/expr/if_block.rs) and
 * `eval_if`. A key is either one expression (its default) or a list of
 * `{ if, then }` tables ending in `{ else }`, read in sorted key order. Any error keeps
 * the built-in default in force and is reported with the exact spot in the config.
 */

import { CoreError, type Diagnostic } from "../errors";
import { isTruthy } from "../expr/coerce";
import { evaluate, newEvalState } from "../expr/evaluator";
import { parseExpression } from "../expr/parser";
import type { EvalEnv, Expression } from "../expr/types";
import { EMPTY, type Value } from "../expr/value";
import { readConfigBlock } from "./if-block-reader";
import type { Setting } from "./settings";
import type { ConfigEntry, LoadedConfig } from "./toml-loader";

export interface IfBranch {
  readonly condition: Expression;
  readonly conditionSource: string;
  readonly then: Expression;
  readonly thenSource: string;
  /** Flattened keys, e.g. `queue.outbound.ip-strategy.0000.if` (empty for built-ins). */
  readonly conditionKey: string;
  readonly thenKey: string;
  /** Config offsets spanning the condition and its then (0/0 for built-ins). */
  readonly start: number;
  readonly end: number;
}

export interface IfBlock {
  readonly key: string;
  readonly branches: readonly IfBranch[];
  /** The else (list form) or the single expression; `null` for an empty block (source-ip). */
  readonly default: Expression | null;
  readonly defaultSource: string | null;
  readonly defaultKey?: string;
  readonly origin: "config" | "builtin";
  /** True when the key holds one expression (or the built-in is one expression). */
  readonly single: boolean;
}

export type BranchIndex =
  | { readonly index: number }
  | { readonly index: "else" }
  | { readonly index: "default" };

export interface IfBlockResult {
  readonly value: Value;
  readonly branch: BranchIndex;
  /** Source of the condition that matched (numbered branches only). */
  readonly condition?: string;
}

/** Stalwart's built-in default for a setting, parsed with every variable allowed (`IfBlock::new`). */
const builtins = new Map<string, IfBlock>();

export function builtinBlock(setting: Setting<unknown>): IfBlock {
  const cached = builtins.get(setting.key);
  if (cached !== undefined) return cached;
  const block = parseBuiltin(setting);
  builtins.set(setting.key, block);
  return block;
}

function parseBuiltin(setting: Setting<unknown>): IfBlock {
  const b = setting.builtin;
  if (b === null)
    return {
      key: setting.key,
      branches: [],
      default: null,
      defaultSource: null,
      origin: "builtin",
      single: true,
    };
  const branches = b.branches.map((br) => ({
    condition: parseExpression(br.if, setting.builtinTokens),
    conditionSource: br.if,
    // biome-ignore lint/suspicious/noThenProperty: Stalwart's word; branches are never awaited.
    then: parseExpression(br.then, setting.builtinTokens),
    thenSource: br.then,
    conditionKey: "",
    thenKey: "",
    start: 0,
    end: 0,
  }));
  return {
    key: setting.key,
    branches,
    default: parseExpression(b.else, setting.builtinTokens),
    defaultSource: b.else,
    origin: "builtin",
    single: branches.length === 0,
  };
}

class BlockError extends Error {}

/**
 * Reads `setting.key` from the config like `IfBlock::try_parse`; on any error the built-in
 * applies. Blocks already read are kept per loaded config (`config.readBlocks`): the lint
 * (analyzeConfig) and then the planner read the same settings of the same LoadedConfig,
 * and parsing is most of an evaluation's CPU (bench profile). A config is immutable and
 * reading is deterministic, so the second read returns the same block and reports the
 * same diagnostics.
 */
export function readIfBlock(
  config: LoadedConfig,
  setting: Setting<unknown>,
  diagnostics: Diagnostic[],
): IfBlock {
  const perConfig = config.readBlocks;
  const done = perConfig.get(setting);
  if (done !== undefined) {
    for (const d of done.diagnostics) diagnostics.push({ ...d });
    return done.block;
  }
  const own: Diagnostic[] = [];
  const block = readIfBlockUncached(config, setting, own);
  perConfig.set(setting, { block, diagnostics: own.map((d) => ({ ...d })) });
  diagnostics.push(...own);
  return block;
}

function readIfBlockUncached(
  config: LoadedConfig,
  setting: Setting<unknown>,
  diagnostics: Diagnostic[],
): IfBlock {
  const key = setting.key;
  const fail = (
    code: string,
    message: string,
    at: { start: number; end: number },
    errKey = key,
  ): never => {
    diagnostics.push({
      severity: "error",
      code,
      message: `${message} (${key} keeps its built-in default)`,
      key: errKey,
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
      const start = entry.sourceOffset(err.range?.start ?? 0);
      const end = Math.max(start, entry.sourceOffset(err.range?.end ?? entry.value.length));
      return fail(
        err.code,
        err.message,
        { start, end: end === start ? Math.min(start + 1, entry.valueEnd) : end },
        entry.key,
      );
    }
  };
  try {
    return readConfigBlock(config, setting, parse, fail) ?? builtinBlock(setting);
  } catch (err) {
    if (err instanceof BlockError) return builtinBlock(setting);
    throw err;
  }
}

/**
 * Stalwart's `eval_if`: the first truthy condition selects its `then`, else the default.
 * One EvalState is shared by the whole block, so `matches()` captures of a condition are
 * visible in its `then`. Synchronous: lets `PendingDns` propagate. An empty block (no
 * built-in, nothing configured) gives `''`, which every list conversion reads as empty.
 */
export function evalIfBlock(block: IfBlock, env: EvalEnv): IfBlockResult {
  const state = newEvalState();
  // Indexed: no [index, branch] pair per branch (180-branch blocks in the bench config).
  const branches = block.branches;
  for (let index = 0; index < branches.length; index++) {
    const branch = branches[index];
    if (branch === undefined) break;
    if (isTruthy(evaluate(branch.condition, env, state))) {
      return {
        value: evaluate(branch.then, env, state),
        branch: { index },
        condition: branch.conditionSource,
      };
    }
  }
  const value = block.default === null ? EMPTY : evaluate(block.default, env, state);
  return { value, branch: block.single ? { index: "default" } : { index: "else" } };
}

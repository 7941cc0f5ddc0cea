/**
 * If-blocks: Stalwart's `IfBlock` (crates/common/src/expr/if_block.rs) and `eval_if`. A
 * setting is either one expression, or a list of `{ if, then }` tables ending in
 * `{ else }`, read from the config by if-block-reader.ts.
 */
import { CoreError } from "../errors";
import { isTruthy } from "../expr/coerce";
import { evaluate, newEvalState } from "../expr/evaluator";
import { parseExpression } from "../expr/parser";
import type { EvalEnv, Expression, TokenMap } from "../expr/types";
import { EMPTY, type Value } from "../expr/value";
import { type BuiltinDefault, SETTING_LIST, type Setting, type SettingId } from "./settings";

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

/** Stalwart's built-in default of a setting, parsed with every variable allowed (`IfBlock::new`). */
function parseBuiltin(setting: Setting<unknown>): IfBlock {
  // `IfBlock::empty` (source-ip) has no default at all.
  if (setting.builtin === null) {
    return {
      key: setting.key,
      branches: [],
      default: null,
      defaultSource: null,
      origin: "builtin",
      single: true,
    };
  }
  return builtinIfBlock(setting.key, setting.builtin, setting.builtinTokens);
}

/** A built-in if-block (`IfBlock::new`): its sources parsed with `tokens`, no positions. */
export function builtinIfBlock(key: string, builtin: BuiltinDefault, tokens: TokenMap): IfBlock {
  const branches = builtin.branches.map((br) => ({
    condition: parseExpression(br.if, tokens),
    conditionSource: br.if,
    // biome-ignore lint/suspicious/noThenProperty: Stalwart's word; branches are never awaited.
    then: parseExpression(br.then, tokens),
    thenSource: br.then,
    conditionKey: "",
    thenKey: "",
    start: 0,
    end: 0,
  }));
  return {
    key,
    branches,
    default: parseExpression(builtin.else, tokens),
    defaultSource: builtin.else,
    origin: "builtin",
    single: branches.length === 0,
  };
}

const BUILTINS: ReadonlyMap<SettingId, IfBlock> = new Map(
  SETTING_LIST.map((s) => [s.id, parseBuiltin(s)] as const),
);

export function builtinBlock(setting: Setting<unknown>): IfBlock {
  return BUILTINS.get(setting.id) ?? parseBuiltin(setting);
}

/** The key of the expression that gave a branch's value: its then, or the else. */
export function valueKey(block: IfBlock, branch: BranchIndex): string | undefined {
  const key =
    typeof branch.index === "number" ? block.branches[branch.index]?.thenKey : block.defaultKey;
  return key || undefined;
}

/**
 * An expression of a block that failed while it ran, with the key it was written at
 * (`…0000.if`, `…0000.then`, the else or the single expression; undefined for a built-in),
 * so the diagnostic can point at it.
 */
export class IfBlockEvalError extends CoreError {
  constructor(
    cause: CoreError,
    readonly key: string | undefined,
  ) {
    super(cause.code, cause.message, cause.range);
  }
}

/**
 * Stalwart's `eval_if`: the first truthy condition selects its `then`, else the default.
 * One EvalState is shared by the whole block, so `matches()` captures of a condition are
 * visible in its `then`. Synchronous: lets `PendingDns` propagate. An empty block (no
 * built-in, nothing configured) gives `''`, which every list conversion reads as empty.
 * A CoreError is rethrown as an `IfBlockEvalError` naming the expression that raised it.
 */
export function evalIfBlock(block: IfBlock, env: EvalEnv): IfBlockResult {
  const state = newEvalState();
  let key: string | undefined;
  try {
    for (const [index, branch] of block.branches.entries()) {
      key = branch.conditionKey;
      if (isTruthy(evaluate(branch.condition, env, state))) {
        key = branch.thenKey;
        return {
          value: evaluate(branch.then, env, state),
          branch: { index },
          condition: branch.conditionSource,
        };
      }
    }
    key = block.defaultKey;
    const value = block.default === null ? EMPTY : evaluate(block.default, env, state);
    return { value, branch: block.single ? { index: "default" } : { index: "else" } };
  } catch (e) {
    if (e instanceof CoreError && !(e instanceof IfBlockEvalError))
      throw new IfBlockEvalError(e, key || undefined);
    throw e;
  }
}

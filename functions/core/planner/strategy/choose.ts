/**
 * One selector evaluated and its name resolved, as the delivery loop does it every time
 * (`eval_if::<String, _>(…).unwrap_or_else(|| "default")` then `get_*_or_default`,
 * delivery.rs @v0.15.5:228-236, 858-868): a value that is not a string, or an evaluation
 * that fails, gives the name `default`; a name nothing defines gives the built-in
 * definition and, unless the name is a quiet one, the event Stalwart logs.
 */
import type { Branch } from "../../contract/plan";
import type { QueryType, Resolver } from "../../dns/types";
import type { Diagnostic } from "../../errors";
import { valueDisplay } from "../../expr/format";
import type { EvalEnv } from "../../expr/types";
import { FALLBACKS } from "../../models/selector-targets";
import { NOT_FOUND_EVENT, quietFallback } from "../../models/strategy-builtins";
import type { Selector } from "../../models/strategy-config";
import { evaluateBlock } from "../settings-eval";

export const ChooseCode = {
  /** A selector that fails to evaluate (a `dns_query()` error, a limit): name `default`. */
  EvalFailed: "selector_eval_failed",
  /** A selector whose value is not a string: name `default`. */
  NotAName: "selector_not_a_name",
  /** The chosen name has no definition: Stalwart uses its built-in one. */
  Fallback: "strategy_fallback",
} as const;

export interface Chosen<D> {
  readonly name: string;
  readonly branch: Branch;
  readonly def: D;
  /** No definition has the name: `def` is Stalwart's built-in one. */
  readonly fallback: boolean;
}

/** What evaluating selectors needs, for the whole plan. */
export interface Chooser {
  readonly resolver: Resolver & { peek(name: string, type: QueryType): unknown };
  readonly diagnostics: Diagnostic[];
  /** Where the expression at a branch key was written. */
  readonly place: (key: string) => { start: number; end: number } | undefined;
}

export async function choose<D>(
  ch: Chooser,
  selector: Selector,
  env: EvalEnv,
  defs: ReadonlyMap<string, D>,
  builtin: (name: string) => D,
): Promise<Chosen<D>> {
  const r = await evaluateBlock(selector.block, env, ch.resolver);
  let name = "default";
  let branch: Branch = { index: "default" };
  if ("error" in r) {
    note(
      ch,
      selector,
      undefined,
      ChooseCode.EvalFailed,
      `${selector.key} failed to evaluate (${r.error}): Stalwart uses the name "default"`,
    );
  } else {
    branch = r.branch;
    if (r.value.kind === "string") name = r.value.value;
    else
      note(
        ch,
        selector,
        branch,
        ChooseCode.NotAName,
        `${selector.key} gave ${valueDisplay(r.value)}, which is not a name (a string): Stalwart uses the name "default"`,
      );
  }
  const def = defs.get(name);
  if (def !== undefined) return { name, branch, def, fallback: false };
  if (!quietFallback(selector.name, name)) {
    const { outcome } = FALLBACKS[selector.name];
    const event = NOT_FOUND_EVENT[selector.name];
    note(
      ch,
      selector,
      branch,
      ChooseCode.Fallback,
      `${selector.key} chose "${name}", which nothing defines: Stalwart logs "${event}" and ${outcome}`,
    );
  }
  return { name, branch, def: builtin(name), fallback: true };
}

/** A warning placed at the branch that chose (the selector's key when unknown). */
function note(
  ch: Chooser,
  selector: Selector,
  branch: Branch | undefined,
  code: string,
  message: string,
): void {
  const block = selector.block;
  const key =
    branch !== undefined && typeof branch.index === "number"
      ? block.branches[branch.index]?.thenKey
      : block.defaultKey;
  const at = key ? ch.place(key) : undefined;
  const d: Diagnostic = {
    severity: "warning",
    code,
    message,
    key: key || selector.key,
    ...(at ?? {}),
  };
  if (!ch.diagnostics.some((x) => x.code === d.code && x.message === d.message))
    ch.diagnostics.push(d);
}

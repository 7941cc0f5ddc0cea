/**
 * One selector evaluated and its name resolved, as the delivery loop does it every time
 * (`eval_if::<String, _>(…).unwrap_or_else(|| "default")` then `get_*_or_default`,
 * delivery.rs @v0.15.5:228-236, 858-868): a value that is not a string, or an evaluation
 * that fails, gives the name `default`; a name nothing defines gives the built-in
 * definition and, unless the name is a quiet one, the event Stalwart logs.
 */
import { valueKey } from "../../config/if-block";
import type { Branch } from "../../contract/plan";
import type { QueryType, Resolver } from "../../dns/types";
import type { Diagnostic } from "../../errors";
import { valueQuoted } from "../../expr/format";
import type { EvalEnv } from "../../expr/types";
import { FALLBACKS, writesName } from "../../models/selector-targets";
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
  const { name, branch, key } = await evaluateName(ch, selector, env);
  const def = defs.get(name);
  if (def !== undefined) return { name, branch, def, fallback: false };
  // A literal name was reported by the config's reading (checkTargets); a computed one only here.
  if (!quietFallback(selector.name, name) && !writesName(selector.block, name)) {
    const { outcome } = FALLBACKS[selector.name];
    const event = NOT_FOUND_EVENT[selector.name];
    note(
      ch,
      selector,
      key,
      ChooseCode.Fallback,
      `${selector.key} chose "${name}", which nothing defines: Stalwart logs "${event}" and ${outcome}`,
    );
  }
  return { name, branch, def: builtin(name), fallback: true };
}

/**
 * The name a selector gives: its string value, else `default`. An empty block evaluates
 * to nothing (`eval_if` returns None at once), so `default` too, without a word. `key`:
 * the expression the name came from, or the one that failed.
 */
async function evaluateName(
  ch: Chooser,
  selector: Selector,
  env: EvalEnv,
): Promise<{ name: string; branch: Branch; key: string | undefined }> {
  const block = selector.block;
  if (block.branches.length === 0 && (block.default?.items.length ?? 0) === 0)
    return { name: "default", branch: { index: "default" }, key: block.defaultKey };
  const r = await evaluateBlock(block, env, ch.resolver);
  if ("error" in r) {
    const message = `${selector.key} failed to evaluate (${r.error}): Stalwart uses the name "default"`;
    note(ch, selector, r.key, ChooseCode.EvalFailed, message);
    return { name: "default", branch: { index: "default" }, key: r.key };
  }
  const key = valueKey(block, r.branch);
  if (r.value.kind === "string") return { name: r.value.value, branch: r.branch, key };
  const message = `${selector.key} gave ${valueQuoted(r.value)}, which is not a name (a string): Stalwart uses the name "default"`;
  note(ch, selector, key, ChooseCode.NotAName, message);
  return { name: "default", branch: r.branch, key };
}

/** A warning placed at the expression at `key` (the selector's key when unknown). */
function note(
  ch: Chooser,
  selector: Selector,
  key: string | undefined,
  code: string,
  message: string,
): void {
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

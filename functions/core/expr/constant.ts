/**
 * Working out an expression's value without a message: for values that read no variable,
 * no DNS answer and no list of local domains (literals, arithmetic, `config_get()` of the
 * config's own keys). Lint checks such values before Stalwart runs them, and the
 * migration turns them into the plain values v0.13+ definitions hold.
 */
import { CoreError, CoreErrorCode } from "../errors";
import type { Meter } from "../meter";
import { evaluate } from "./evaluator";
import type { EvalEnv, Expression } from "./types";
import type { Value } from "./value";

/** Thrown by a constant environment when the expression reads what only a message has. */
class NotConstant extends Error {}

/** An environment in which reading a variable, DNS or the local-domain list fails. */
export function constantEnv(
  configGet: (key: string) => string | undefined,
  meter?: Meter,
): EvalEnv {
  const fail = (): never => {
    throw new NotConstant();
  };
  return {
    variable: fail,
    isLocalDomain: fail,
    dnsLookup: fail,
    configGet,
    ...(meter !== undefined ? { meter } : {}),
  };
}

export type ConstantResult =
  | { readonly value: Value }
  /** It reads a variable, DNS or the local domains: it has no value without a message. */
  | { readonly reads: true }
  /** It fails however it is evaluated (Stalwart's message). */
  | { readonly error: string };

export function evaluateConstant(expr: Expression, env: EvalEnv): ConstantResult {
  try {
    return { value: evaluate(expr, env) };
  } catch (e) {
    if (e instanceof NotConstant) return { reads: true };
    // The request's budget is spent: that ends the request, not just this value.
    if (e instanceof CoreError && e.code === CoreErrorCode.CostLimit) throw e;
    if (e instanceof CoreError) return { error: e.message };
    // `PendingDns` and anything else: not a value known without a message.
    return { reads: true };
  }
}

/** The value of an expression that reads no variable, DNS or local-domain list; else undefined. */
export function constantValue(expr: Expression, env: EvalEnv): Value | undefined {
  try {
    const r = evaluateConstant(expr, env);
    return "value" in r ? r.value : undefined;
  } catch {
    return undefined;
  }
}

/** Shared helpers of the expression-language tests. */
import type { LookupResult, QueryType } from "../../../functions/core/dns/types";
import { CoreError } from "../../../functions/core/errors";
import { evaluate, newEvalState } from "../../../functions/core/expr/evaluator";
import { valueToJson } from "../../../functions/core/expr/format";
import { ALL_VARIABLES, parseExpression } from "../../../functions/core/expr/parser";
import type { EvalEnv, EvalState, TokenMap } from "../../../functions/core/expr/types";
import type { Value } from "../../../functions/core/expr/value";

export const ALL: TokenMap = { variables: ALL_VARIABLES, constants: new Map() };

export interface TestEnv extends EvalEnv {
  readonly notes: string[];
  readonly dns: Map<string, LookupResult>;
}

export function makeEnv(vars: Record<string, Value> = {}, extra: Partial<EvalEnv> = {}): TestEnv {
  const notes: string[] = [];
  const dns = new Map<string, LookupResult>();
  return {
    notes,
    dns,
    variable: (name) => vars[name],
    isLocalDomain: (_dir, domain) => domain === "local.test",
    configGet: (key) => (key === "server.hostname" ? "mx.example.org" : undefined),
    dnsLookup: (name: string, type: QueryType) => dns.get(`${type} ${name}`),
    note: (code, message) => notes.push(`${code}: ${message}`),
    ...extra,
  };
}

/** Parses and evaluates with every variable allowed. */
export function run(
  source: string,
  env: EvalEnv = makeEnv(),
  state: EvalState = newEvalState(),
): Value {
  return evaluate(parseExpression(source, ALL), env, state);
}

/** `{ type, value }` of the result, for compact tables. */
export function json(source: string, env?: EvalEnv): unknown {
  return valueToJson(run(source, env));
}

/** The CoreError a source raises when parsed, as `{ code, message, column }`. */
export function parseError(
  source: string,
  tokens: TokenMap = ALL,
): { code: string; message: string; column: number } {
  try {
    parseExpression(source, tokens);
  } catch (e) {
    if (e instanceof CoreError)
      return { code: e.code, message: e.message, column: (e.range?.start ?? -1) + 1 };
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(source)} to fail`);
}

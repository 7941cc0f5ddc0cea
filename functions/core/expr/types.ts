/**
 * Contracts between the expression language and its users (if-blocks, planner,
 * expression console). The implementation lives in tokenizer.ts / shunting-yard.ts /
 * evaluator.ts / functions/*.ts.
 */
import type { LookupResult, QueryType } from "../dns/types";
import type { Meter } from "../meter";
import type { Dialect } from "./dialect";
import type { Item } from "./program";
import type { Value } from "./value";

/** What a setting's expression may refer to (Stalwart's `TokenMap`). */
export interface TokenMap {
  /** Allowed variable names; any other identifier is `Invalid variable or constant "x"`. */
  readonly variables: ReadonlySet<string>;
  /** Key-specific constants, e.g. `ipv4_only` for `queue.outbound.ip-strategy`. */
  readonly constants: ReadonlyMap<string, Value>;
  /** The Stalwart version's language (dialect.ts); v0.12's when absent. */
  readonly dialect?: Dialect;
}

/** A parsed expression (`parseExpression`), evaluated by `evaluate()`. */
export interface Expression {
  /** The source text it was parsed from. */
  readonly source: string;
  /** The postfix program, as in Stalwart. */
  readonly items: readonly Item[];
  /**
   * Variables read and functions called, in the order the parser met them, as flat
   * (kind, name) pairs: `["var", "rcpt_domain", "fn", "ends_with"]`.
   */
  readonly names: readonly string[];
}

/**
 * A DNS lookup needed by `dns_query()` that has not been made yet. The evaluator is
 * synchronous: when it meets an unresolved query it throws `PendingDns`; the async
 * wrapper (`evaluateAsync`) resolves it through the resolver and evaluates again.
 * Expressions are pure given their inputs, so re-running is exact.
 */
export class PendingDns {
  constructor(
    readonly name: string,
    readonly type: QueryType,
  ) {}
}

/** Services the language's server-backed functions need. */
export interface EvalEnv {
  /** Value of a variable; absent variables read as the empty string. */
  variable(name: string): Value | undefined;
  /** `is_local_domain(directory, domain)`: answers from the user's list of local domains. */
  isLocalDomain(directory: string, domain: string): boolean;
  /** `config_get('key')`: the submitted config's flattened value, if any. */
  configGet(key: string): string | undefined;
  /**
   * Already-resolved DNS answers for `dns_query()`; `undefined` = not resolved yet
   * (the evaluator then throws `PendingDns`).
   */
  dnsLookup(name: string, type: QueryType): LookupResult | undefined;
  /** v0.16 `system('…')` / `metric('…')` (`metric:<name>`); absent: `''`. */
  system?(variable: string): Value;
  /** The request's cost meter (meter.ts), shared by all its evaluations. */
  readonly meter?: Meter;
  /** Notes the evaluator wants surfaced (e.g. "the playground has no store"). */
  note?(code: string, message: string): void;
}

/**
 * Mutable state of one evaluation. An if-block shares one state between a condition and
 * the `then` it selects, so `$1` captures from `matches()` in the `if` are visible in
 * the `then` (Stalwart's `eval_if` keeps one `captures` vector for the whole block).
 */
export interface EvalState {
  captures: string[];
  /** Where the work is charged when the environment brings no request meter. */
  readonly meter: Meter;
}

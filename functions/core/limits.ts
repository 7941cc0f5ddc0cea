/**
 * Frozen limits of the evaluation core. The parser and evaluator face the internet
 * (DEVELOPERS.md), so every input that can grow work or memory is bounded here, and
 * breaking a limit throws `CoreError(CoreErrorCode.ExprLimit | ConfigLimit, …)` whose
 * message names the limit, what was allowed and what was found.
 */
import { CoreError, CoreErrorCode, type SourceRange } from "./errors";

export const LIMITS = Object.freeze({
  /** Characters in one expression. */
  exprLength: 4096,
  /** Nesting of parentheses, brackets and function calls in one expression. */
  exprDepth: 64,
  /**
   * Nesting of arrays and objects in a request body, checked before any recursive
   * validation: the body's own levels plus a variable's value nested `exprDepth` deep.
   */
  requestDepth: 72,
  /** Elements in any array an expression builds or produces (also nesting of JSON values). */
  arraySize: 1024,
  /**
   * Cost units of work per request (meter.ts; a unit is about a nanosecond of CPU on the
   * bench machine): the worst request stays inside the Workers free plan's 10 ms.
   */
  cost: 2_000_000,
  /** Characters in the pattern of `matches('<regex>', x)`. */
  regexLength: 512,
  /** Characters in any string an expression produces. */
  stringLength: 65_536,
  /** Bytes of submitted config text. */
  configBytes: 65_536,
  /** Flattened keys in one config. */
  configKeys: 2000,
  /** What-if DNS records in one request. */
  records: 200,
  /** Recipients in one request. */
  recipients: 100,
  /** Local domains (for is_local_domain()) in one request. */
  localDomains: 100,
  /** DNS-over-HTTPS queries per request (also the bound of `evaluateAsync` rounds). */
  dohQueries: 30,
  /**
   * Subrequests one Worker invocation may make on the free plan. Requests with SPF or PTR
   * checks use them all: every DoH query is one, and the cache keeps two (its read and
   * its write of the evaluation's bundle, cache-bundle.ts).
   */
  subrequests: 50,
  /** Of those, the cache's read and write. */
  cacheSubrequests: 2,
  /** Timeout of one DoH query. */
  dohTimeoutMs: 3000,
  /** Wall-clock budget of one request. */
  deadlineMs: 8000,
  /**
   * Branches of one selector a migration may write: the cross product of the ≤ v0.12 keys
   * feeding it (e.g. next-hop × ip-strategy × limits) grows as the product of their branches.
   */
  migrateBranches: 256,
  /**
   * Characters of selector conditions one migration may write: a condition is repeated in
   * every branch of a cross product that holds it, so the output can outgrow the input.
   */
  migrateConditionChars: 131_072,
});

export type LimitName = keyof typeof LIMITS;

/** DNS queries a request with SPF or PTR checks may make: every subrequest but the cache's. */
export const DNS_SUBREQUESTS = LIMITS.subrequests - LIMITS.cacheSubrequests;

/** A count as people write it: `4,096`. */
export const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

/**
 * A limit's message in words: `found` says what the input has, naming the thing and the
 * amount ("The expression is 5,000 characters long"); the message adds the limit
 * ("; at most 4,096 characters are allowed").
 */
export function limitMessage(found: string, max: number, unit: string): string {
  return `${found}; at most ${count(max)} ${unit} are allowed`;
}

/** Throws the ExprLimit error with `limitMessage`'s words. */
export function exprLimit(found: string, max: number, unit: string, range?: SourceRange): never {
  throw new CoreError(CoreErrorCode.ExprLimit, limitMessage(found, max, unit), range);
}

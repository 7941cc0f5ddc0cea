/**
 * Evaluating one setting's if-block for an envelope, with Stalwart's fall-back: when the
 * expression fails to evaluate or its value fails to convert, the built-in fallback
 * applies and a diagnostic says so (spec §1, last column).
 */
import { evalIfBlock, type IfBlock } from "../config/if-block";
import type { LoadedConfig } from "../config/toml-loader";
import type { Branch } from "../contract/plan";
import type { QueryType, Resolver } from "../dns/types";
import { CoreError } from "../errors";
import type { EvalEnv } from "../expr/types";
import { PendingDns } from "../expr/types";
import type { Value } from "../expr/value";
import { LIMITS } from "../limits";

export interface Evaluated<T> {
  readonly value: T;
  readonly raw: Value | null;
  readonly branch: Branch;
  /** False when the fallback was used because evaluation or conversion failed. */
  readonly converted: boolean;
}

/** Where the server-backed functions get their answers, for plans and the console alike. */
export interface EnvSources {
  /** For `config_get()`; absent: every key reads as ''. */
  readonly config?: LoadedConfig;
  /** For `dns_query()`: answers of lookups already made in this evaluation. */
  readonly resolver: { peek(name: string, type: QueryType): ReturnType<EvalEnv["dnsLookup"]> };
  /** For `is_local_domain()`: ASCII domain names. */
  readonly localDomains: readonly string[];
  /** Receives each distinct note (e.g. "the playground has no store") once. */
  readonly note: (code: string, message: string) => void;
}

export function makeEnv(
  sources: EnvSources,
  variable: (name: string) => Value | undefined,
): EvalEnv {
  const local = new Set(sources.localDomains.map((d) => d.toLowerCase()));
  const seen = new Set<string>();
  return {
    variable,
    isLocalDomain: (_dir, domain) => local.has(domain.toLowerCase()),
    configGet: (key) => sources.config?.get(key)?.value,
    dnsLookup: (name, type) => sources.resolver.peek(name, type),
    note: (code, message) => {
      if (seen.has(message)) return;
      seen.add(message);
      sources.note(code, message);
    },
  };
}

type BlockResult = { value: Value; branch: Branch } | { error: string };

/**
 * `evalBlockAsync` without a promise when no `dns_query()` lookup is pending (nearly
 * always): the planner evaluates a dozen settings per plan, and the async round trips
 * were a tenth of a plan's CPU in the bench profile. A pending lookup hands over to
 * `evalBlockAsync`, which starts again from the first round: same lookups, same result.
 */
export function evalBlock(
  block: IfBlock,
  env: EvalEnv,
  resolver: Resolver,
): BlockResult | Promise<BlockResult> {
  try {
    const r = evalIfBlock(block, env);
    return { value: r.value, branch: toBranch(r.branch, r.condition) };
  } catch (e) {
    if (e instanceof PendingDns) return evalBlockAsync(block, env, resolver);
    if (e instanceof CoreError) return { error: e.message };
    throw e;
  }
}

/**
 * Evaluate, resolving `dns_query()` lookups as they are met: the evaluator is synchronous
 * and throws `PendingDns`; we resolve and run it again (expressions are pure, so the rerun
 * is exact). Bounded by the per-evaluation DoH budget.
 */
async function evalBlockAsync(
  block: IfBlock,
  env: EvalEnv,
  resolver: Resolver,
): Promise<BlockResult> {
  for (let round = 0; round <= LIMITS.dohQueries; round++) {
    try {
      const r = evalIfBlock(block, env);
      return { value: r.value, branch: toBranch(r.branch, r.condition) };
    } catch (e) {
      if (e instanceof PendingDns) {
        await resolver.lookup(e.name, e.type);
        continue;
      }
      if (e instanceof CoreError) return { error: e.message };
      throw e;
    }
  }
  return { error: `more than ${LIMITS.dohQueries} dns_query() lookups` };
}

function toBranch(
  b: { index: number | "else" | "default" },
  condition: string | undefined,
): Branch {
  if (typeof b.index === "number") return { index: b.index, condition: condition ?? "" };
  return b.index === "else" ? { index: "else" } : { index: "default" };
}

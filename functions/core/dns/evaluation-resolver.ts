/**
 * The resolver one evaluation uses (the planner and `dns_query()`): identical
 * (name, type) lookups are made once (in-flight promises are shared), the trace has one
 * slot per lookup in the order lookups were made, network queries are capped per
 * evaluation, and the whole evaluation has a deadline.
 */
import type { Clock } from "../io";
import { LIMITS } from "../limits";
import { wireName } from "./domain";
import { specialUseAnswer } from "./special-use";
import type {
  CacheSession,
  LookupResult,
  QueryBudget,
  QueryContext,
  QueryType,
  Resolver,
  TraceEntry,
  TraceSink,
  TracingResolver,
} from "./types";

/** Network queries per evaluation unless the caller says otherwise. */
export const DEFAULT_QUERY_LIMIT = LIMITS.dohQueries;
/** Overall time an evaluation may spend on DNS, in ms. */
export const DEFAULT_DEADLINE_MS = LIMITS.deadlineMs;

export interface EvaluationResolverOptions {
  /** Records resolver over DoH or "none", usually. */
  readonly upstream: TracingResolver;
  readonly clock: Clock;
  /** Hard cap on network (DoH) queries, cache hits and what-if records excluded. */
  readonly maxQueries?: number;
  /** Time budget from creation, in ms. */
  readonly deadlineMs?: number;
  /** Called with each trace entry, in the order the lookups were made. */
  readonly onTrace?: TraceSink;
  /** This evaluation's use of the shared DoH cache (cache.ts), when there is one. */
  readonly session?: CacheSession;
}

/**
 * A lane of lookups inside one evaluation (the deliverability checks beside the plan): its
 * own query budget and name rule; dedupe, trace, deadline and cache are the evaluation's.
 */
export interface LaneOptions {
  readonly budget: QueryBudget;
  /** `any`: names as DNS allows them (`wireName`), for the names SPF macros build. */
  readonly names?: "host" | "any";
}

export function createQueryBudget(limit: number): QueryBudget {
  let used = 0;
  return {
    limit,
    take() {
      if (used >= limit) return false;
      used++;
      return true;
    },
    used: () => used,
  };
}

/**
 * Light check of a name the core asks about. Not `normalizeDomain`: Stalwart looks a
 * relay address up by name even when it is an IP literal, so such names must reach DNS.
 */
function keyName(name: string): string | undefined {
  let n = name.toLowerCase();
  if (n.endsWith(".")) n = n.slice(0, -1);
  if (n.length === 0 || n.length > 253) return undefined;
  return n.split(".").every((label) => /^[a-z0-9_-]{1,63}$/.test(label)) ? n : undefined;
}

function invalidName(name: string): LookupResult {
  return { status: "error", message: `invalid DNS name ${JSON.stringify(name)}` };
}

export class EvaluationResolver implements Resolver {
  readonly #inflight = new Map<string, Promise<LookupResult>>();
  readonly #settled = new Map<string, LookupResult>();
  readonly #slots: (readonly TraceEntry[] | undefined)[] = [];
  #flushed = 0;
  readonly #budget: QueryBudget;
  readonly #deadline: number;
  readonly #ctx: QueryContext;

  constructor(private readonly options: EvaluationResolverOptions) {
    this.#budget = createQueryBudget(options.maxQueries ?? DEFAULT_QUERY_LIMIT);
    this.#deadline = options.clock.now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS);
    const session = options.session;
    this.#ctx = {
      budget: this.#budget,
      deadline: this.#deadline,
      ...(session !== undefined ? { session } : {}),
    };
  }

  /** The evaluation is over: lets the cache store what it fetched (in the background). */
  finish(): void {
    this.options.session?.finish();
  }

  lookup(name: string, type: QueryType): Promise<LookupResult> {
    return this.#lookup(name, type, keyName, this.#ctx, false);
  }

  /** The plan's query budget (what `maxQueries` caps). */
  get budget(): QueryBudget {
    return this.#budget;
  }

  /** A resolver for a lane of this evaluation's lookups (see `LaneOptions`). */
  lane(options: LaneOptions): Resolver {
    const ctx: QueryContext = { ...this.#ctx, budget: options.budget };
    const check = options.names === "any" ? wireName : keyName;
    return { lookup: (name, type) => this.#lookup(name, type, check, ctx, true) };
  }

  #lookup(
    name: string,
    type: QueryType,
    check: (name: string) => string | undefined,
    ctx: QueryContext,
    lane: boolean,
  ): Promise<LookupResult> {
    const n = check(name);
    if (n === undefined) return Promise.resolve(invalidName(name));
    const special = specialUseAnswer(n, type);
    if (special !== undefined) return Promise.resolve(special);
    const k = `${n}\u0000${type}`;
    const existing = this.#inflight.get(k);
    if (existing !== undefined) return existing;
    const slot = this.#slots.length;
    this.#slots.push(undefined);
    // A lane's query its budget refused is not kept for the others: the plan, with a budget
    // of its own, may still make it.
    let refused = false;
    const budget = ctx.budget;
    const own: QueryContext =
      lane && budget !== undefined
        ? {
            ...ctx,
            budget: {
              limit: budget.limit,
              used: () => budget.used(),
              take: () => {
                refused = !budget.take();
                return !refused;
              },
            },
          }
        : ctx;
    const p = this.options.upstream
      .query(n, type, own)
      .catch((e: unknown): { result: LookupResult; trace: TraceEntry[] } => ({
        // Resolvers do not throw; if one does, the evaluation still gets a result.
        result: { status: "error", message: e instanceof Error ? e.message : String(e) },
        trace: [],
      }))
      .then(({ result, trace }) => {
        if (refused) this.#inflight.delete(k);
        else this.#settled.set(k, result);
        this.#slots[slot] = trace;
        this.#flush();
        return result;
      });
    this.#inflight.set(k, p);
    return p;
  }

  /**
   * The result of a lookup already made and finished, for synchronous `dns_query()`. A
   * name no lookup can be made for has its answer at once (the error `lookup` gives).
   */
  peek(name: string, type: QueryType): LookupResult | undefined {
    const n = keyName(name);
    if (n === undefined) return invalidName(name);
    return specialUseAnswer(n, type) ?? this.#settled.get(`${n}\u0000${type}`);
  }

  /** Trace entries of finished lookups, in the order the lookups were made. */
  trace(): TraceEntry[] {
    return this.#slots.flatMap((s) => s ?? []);
  }

  /** Network queries made so far (what the cap counts). */
  queriesMade(): number {
    return this.#budget.used();
  }

  #flush(): void {
    const sink = this.options.onTrace;
    while (this.#flushed < this.#slots.length) {
      const s = this.#slots[this.#flushed];
      if (s === undefined) return;
      if (sink) for (const e of s) sink(e);
      this.#flushed++;
    }
  }
}

export function createEvaluationResolver(options: EvaluationResolverOptions): EvaluationResolver {
  return new EvaluationResolver(options);
}

/**
 * RFC 8484 DNS-over-HTTPS client: GET `<url>?dns=<base64url>` with
 * `accept: application/dns-message`. Everything non-deterministic is injected: `fetch`,
 * the clock, the per-query timeout and (through `QueryContext`) the evaluation's budget
 * and deadline. Outcomes follow mail-auth's three-way split (types.ts): NXDOMAIN and
 * NODATA are `not_found`; every other failure is a temporary `error`.
 */
import type { Clock } from "../io";
import { LIMITS } from "../limits";
import type { DnsCache } from "./cache";
import { walkChain } from "./cname-chain";
import { exchange, type FetchLike } from "./doh-exchange";
import type {
  LookupResult,
  QueryContext,
  QueryType,
  TracedLookup,
  TraceEntry,
  TracingResolver,
} from "./types";
import { base64Url, decodeResponse, encodeQuery, presentAnswer } from "./wire";

export type { FetchLike };

export interface DohClientOptions {
  /** The resolver's RFC 8484 endpoint, from the allow-list (`resolvers.ts`). */
  readonly url: string;
  readonly fetch: FetchLike;
  readonly clock: Clock;
  /** Per-query timeout in ms (default 3000). */
  readonly timeoutMs?: number;
  /** Cache of response bodies; omitted = every lookup is a network query. */
  readonly cache?: DnsCache;
  /** CNAME hops followed within and across answers (default 8). */
  readonly maxCnameHops?: number;
}

export const DEFAULT_TIMEOUT_MS = LIMITS.dohTimeoutMs;
export const DEFAULT_MAX_CNAME_HOPS = 8;

interface Fetched {
  readonly body?: Uint8Array;
  readonly error?: string;
  readonly from: "doh" | "cache";
  readonly ttlLeft: number | null;
}

export class DohClient implements TracingResolver {
  readonly #timeoutMs: number;
  readonly #maxHops: number;

  constructor(private readonly options: DohClientOptions) {
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxHops = options.maxCnameHops ?? DEFAULT_MAX_CNAME_HOPS;
  }

  /** `Resolver` view: the result without the trace. */
  async lookup(name: string, type: QueryType): Promise<LookupResult> {
    return (await this.query(name, type)).result;
  }

  async query(name: string, type: QueryType, ctx: QueryContext = {}): Promise<TracedLookup> {
    const trace: TraceEntry[] = [];
    const seen = new Set<string>([name]);
    let current = name;
    for (;;) {
      const step = await this.#queryOnce(current, type, ctx);
      if (step.entry) trace.push(step.entry);
      if (step.follow === undefined) return { result: step.result, trace };
      for (const c of step.follow.chain) {
        if (seen.has(c))
          return { result: { status: "error", message: `CNAME loop at ${c}` }, trace };
        seen.add(c);
      }
      if (seen.size > this.#maxHops + 1) {
        return {
          result: { status: "error", message: `CNAME chain longer than ${this.#maxHops}` },
          trace,
        };
      }
      // The resolver stopped at a CNAME without its target's records: ask for the target.
      current = step.follow.target;
    }
  }

  async #queryOnce(
    name: string,
    type: QueryType,
    ctx: QueryContext,
  ): Promise<{
    result: LookupResult;
    entry?: TraceEntry;
    follow?: { target: string; chain: string[] };
  }> {
    const clock = this.options.clock;
    const started = clock.now();
    const sep = this.options.url.includes("?") ? "&" : "?";
    const url = `${this.options.url}${sep}dns=${base64Url(encodeQuery(name, type))}`;
    const fetched = await this.#fetchBody(url, ctx);
    if (fetched === "limit" || typeof fetched === "string") {
      const message =
        fetched === "limit" ? `query limit reached (${ctx.budget?.limit ?? 0})` : fetched;
      return { result: { status: "error", message } };
    }
    const ms = Math.max(0, Math.round(clock.now() - started));
    const base = { name, type, ms, from: fetched.from };
    const fail = (message: string, rcode = "ERROR") => ({
      result: { status: "error", message } as const,
      entry: { ...base, rcode, answers: [], ttl: null, error: message },
    });
    if (fetched.error !== undefined || fetched.body === undefined)
      return fail(fetched.error ?? "no body");
    const outcome = decodeResponse(fetched.body, name, type);
    if (outcome.kind === "error") return fail(outcome.message);
    const { rcode, ad, records } = outcome;
    if (rcode !== "NOERROR" && rcode !== "NXDOMAIN") return fail(`${rcode} from resolver`, rcode);
    const walk = walkChain(records, name, this.#maxHops, new Set([name]));
    if (walk.kind === "loop") return fail("CNAME loop in answer", rcode);
    const capTtl = (t: number | null) =>
      t === null || fetched.ttlLeft === null ? t : Math.min(t, fetched.ttlLeft);
    const cname = walk.chain.length > 0 ? { cname: walk.chain } : {};
    if (walk.kind === "answers" && walk.answers.length > 0) {
      const entry: TraceEntry = {
        ...base,
        rcode,
        answers: walk.answers.map(presentAnswer),
        ttl: capTtl(walk.ttl),
        ...cname,
        ad,
      };
      if (fetched.from === "doh") this.#store(url, fetched.body, walk.ttl, ctx);
      return { result: { status: "ok", answers: walk.answers }, entry };
    }
    const negative = capTtl(outcome.negativeTtl);
    const entry: TraceEntry = { ...base, rcode, answers: [], ttl: negative, ...cname, ad };
    // NOERROR ending in a CNAME whose target the resolver did not chase (no SOA saying
    // "no data"): follow it with a new query, as a stub resolver does.
    if (walk.kind === "dangling" && rcode === "NOERROR" && outcome.negativeTtl === null) {
      // Cached for the chain's TTL: replayed, the body leads to the same follow-up query.
      if (fetched.from === "doh") this.#store(url, fetched.body, walk.ttl, ctx);
      return {
        result: { status: "not_found", rcode: "NOERROR" },
        entry,
        follow: { target: walk.target, chain: walk.chain },
      };
    }
    if (fetched.from === "doh") this.#store(url, fetched.body, outcome.negativeTtl, ctx);
    return {
      result: { status: "not_found", rcode: rcode === "NXDOMAIN" ? "NXDOMAIN" : "NOERROR" },
      entry,
    };
  }

  #store(url: string, body: Uint8Array, ttl: number | null, ctx: QueryContext): void {
    if (this.options.cache === undefined || ttl === null || ttl <= 0) return;
    this.options.cache.put(url, body, ttl);
    ctx.session?.used(url, true);
  }

  /**
   * Memory cache, else the network, raced against the evaluation's platform read when one
   * is pending; a string is a pre-flight refusal (budget, deadline).
   *
   * Why race rather than wait: the platform read is a round trip of its own (in wrangler
   * dev, a cache service serving one read at a time) and usually finds nothing. Awaiting
   * Cache API reads before the queries put them on the critical path: a 10-MX domain's 20
   * A/AAAA queries waited 15–35 ms for 20 misses before any left. So the query goes out at
   * once; stored answers that arrive first win and the exchange is aborted; an exchange
   * that fails (or is refused by the budget) still gets a stored answer if one arrives.
   */
  async #fetchBody(url: string, ctx: QueryContext): Promise<Fetched | "limit" | string> {
    const cache = this.options.cache;
    const memory = cache?.peek(url);
    if (memory !== undefined) {
      ctx.session?.used(url, false);
      return { body: memory.body, from: "cache", ttlLeft: memory.ttlLeft };
    }
    const ready = ctx.session?.ready;
    if (cache === undefined || ready === undefined) {
      return this.#exchange(url, ctx, new AbortController());
    }
    const controller = new AbortController();
    const network = this.#exchange(url, ctx, controller);
    const stored = ready.then((): Fetched | undefined => {
      const hit = cache.peek(url);
      if (hit === undefined) return undefined;
      ctx.session?.used(url, false);
      return { body: hit.body, from: "cache", ttlLeft: hit.ttlLeft };
    });
    const first = await Promise.race([
      network.then((r) => ({ network: r })),
      stored.then((c) => ({ stored: c })),
    ]);
    if ("stored" in first) {
      if (first.stored === undefined) return network;
      controller.abort();
      return first.stored;
    }
    const r = first.network;
    if (typeof r === "string" || r.error !== undefined)
      return (await this.#until(stored, ctx)) ?? r;
    return r;
  }

  /**
   * `stored`, or undefined once the evaluation's deadline has passed: a platform read that
   * never settles must not hold a failed query past the deadline every query keeps.
   */
  async #until<T>(stored: Promise<T>, ctx: QueryContext): Promise<T | undefined> {
    if (ctx.deadline === undefined) return stored;
    // Past the deadline a timer of 0 still lets a read that has already settled win.
    const left = Math.max(0, ctx.deadline - this.options.clock.now());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), left);
    });
    try {
      return await Promise.race([stored, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Budget, deadline, then the HTTP exchange; a string is a pre-flight refusal. */
  async #exchange(
    url: string,
    ctx: QueryContext,
    controller: AbortController,
  ): Promise<Fetched | "limit" | string> {
    let limit = this.#timeoutMs;
    if (ctx.deadline !== undefined) {
      const left = Math.floor(ctx.deadline - this.options.clock.now());
      if (left <= 0) return "evaluation deadline exceeded before the query";
      limit = Math.min(limit, left);
    }
    if (ctx.budget !== undefined && !ctx.budget.take()) return "limit";
    const got = await exchange(this.options.fetch, url, limit, controller);
    return { ...got, from: "doh", ttlLeft: null };
  }
}

export function createDohClient(options: DohClientOptions): DohClient {
  return new DohClient(options);
}

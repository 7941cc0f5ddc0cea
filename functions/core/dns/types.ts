/**
 * The resolver interface the planner and `dns_query()` use. Implementations: what-if
 * records (`records-resolver.ts`), DoH (`functions/dns/doh-client.ts`), "none".
 * All I/O is behind this interface so the same core runs in the Worker, the browser and
 * the tests.
 */
import type { QueryType, TraceEntry } from "../contract";

export type { QueryType, TraceEntry };

export type Rcode = "NOERROR" | "NXDOMAIN" | "SERVFAIL" | "REFUSED" | "FORMERR" | "NOTIMP" | string;

export type Answer =
  | { readonly type: "A" | "AAAA"; readonly address: string }
  | { readonly type: "MX"; readonly preference: number; readonly exchange: string }
  | { readonly type: "TXT"; readonly text: string }
  | { readonly type: "PTR"; readonly name: string };

/**
 * Stalwart's three outcomes of a lookup (mail-auth's `Error`):
 * - `ok`: at least one record of the asked type (after following CNAMEs);
 * - `not_found`: NXDOMAIN, or NOERROR without records of that type (NODATA);
 * - `error`: anything else (SERVFAIL, REFUSED, timeout, HTTP error, bad body): temporary.
 */
export type LookupResult =
  | { readonly status: "ok"; readonly answers: readonly Answer[] }
  | { readonly status: "not_found"; readonly rcode: "NXDOMAIN" | "NOERROR" }
  | { readonly status: "error"; readonly message: string };

export interface Resolver {
  /** `name` is an ASCII (A-label) name without the trailing dot, lower-cased. */
  lookup(name: string, type: QueryType): Promise<LookupResult>;
}

/** Sink for trace entries; resolvers push as each query completes. */
export type TraceSink = (entry: TraceEntry) => void;

/**
 * Per-evaluation state a lookup carries down the resolver stack (records → cache → DoH):
 * the evaluation's query budget and its overall deadline. Shared per-isolate parts (the
 * DoH client, the cache) stay stateless with respect to any one evaluation.
 */
export interface QueryContext {
  /** Taken once per network query, after a cache miss; `false` means the cap is reached. */
  readonly budget?: QueryBudget;
  /** Absolute time (same clock as the resolver's) after which no query may start or run. */
  readonly deadline?: number;
  /** The evaluation's use of the shared cache (cache.ts: one platform entry per evaluation). */
  readonly session?: CacheSession;
}

/**
 * One evaluation's view of the DoH cache: the platform's stored answers for it are being
 * loaded (`ready`), and the client reports each cacheable body it used so the evaluation
 * can store them together afterwards.
 */
export interface CacheSession {
  /**
   * Settles (never rejects) once the stored answers are in the memory cache; the read
   * starts on first access.
   */
  readonly ready: Promise<void>;
  /** A cacheable body was used; `fetched` = it came from the network in this evaluation. */
  used(key: string, fetched: boolean): void;
  /** The evaluation is over: store what it fetched (in the background). */
  finish(): void;
}

export interface QueryBudget {
  readonly limit: number;
  /** Reserve one network query; returns `false` once `limit` queries were made. */
  take(): boolean;
  /** Queries taken so far. */
  used(): number;
}

/** A lookup's result plus one trace entry per query it made (CNAME hops may make several). */
export interface TracedLookup {
  readonly result: LookupResult;
  readonly trace: readonly TraceEntry[];
}

/** A resolver that reports what it did; every implementation here is one. */
export interface TracingResolver {
  query(name: string, type: QueryType, ctx?: QueryContext): Promise<TracedLookup>;
}

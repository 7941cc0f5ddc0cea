/**
 * The resolver stack of one evaluation: what-if records → (per-isolate cache →) DoH to an
 * allow-listed resolver, or "none"; wrapped in the evaluation resolver (dedupe, trace in
 * the order made, query cap, deadline). The URL always comes from `resolvers.ts`, never
 * from the request.
 */
import { ApiErrorCode, apiError } from "../api/errors";
import {
  createDnsCache,
  type DnsCache,
  openCacheSession,
  platformCacheStorage,
} from "../core/dns/cache";
import { createDohClient, type DohClient } from "../core/dns/doh-client";
import { DnsInputError } from "../core/dns/errors";
import { createEvaluationResolver, type EvaluationResolver } from "../core/dns/evaluation-resolver";
import { noneResolver, RecordsResolver, type WhatIfRecord } from "../core/dns/records-resolver";
import { type ResolverName, resolverUrl } from "../core/dns/resolvers";
import type { TracingResolver } from "../core/dns/types";
import { LIMITS } from "../core/limits";
import type { AppDeps } from "../deps";

/**
 * Per app (its deps: fetch, clock) and isolate: one shared cache and one client per URL
 * and timeout. Keyed by deps so a client never uses another app's fetch (tests build
 * apps with fake networks; production has one app).
 */
const perDeps = new WeakMap<AppDeps, { cache: DnsCache; clients: Map<string, DohClient> }>();

/** DNS timing knobs a deployment may set (wrangler vars), clamped to the frozen limits. */
export interface DnsEnv {
  readonly DOH_URL?: string;
  /** Per-query timeout in ms (default and maximum LIMITS.dohTimeoutMs). */
  readonly DOH_TIMEOUT_MS?: string;
  /** Overall DNS deadline of one evaluation in ms (default and maximum LIMITS.deadlineMs). */
  readonly DNS_DEADLINE_MS?: string;
}

function knob(raw: string | undefined, max: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : max;
}

function sharedOf(deps: AppDeps): { cache: DnsCache; clients: Map<string, DohClient> } {
  let shared = perDeps.get(deps);
  if (!shared) {
    const cache = createDnsCache({ clock: deps.clock, storage: platformCacheStorage() });
    shared = { cache, clients: new Map() };
    perDeps.set(deps, shared);
  }
  return shared;
}

/** One DoH client per allow-listed URL and timeout per isolate, sharing one bounded cache. */
function dohClient(url: string, timeoutMs: number, deps: AppDeps): DohClient {
  const shared = sharedOf(deps);
  const id = `${timeoutMs} ${url}`;
  let client = shared.clients.get(id);
  if (!client) {
    const { cache } = shared;
    client = createDohClient({ url, fetch: deps.fetch, clock: deps.clock, cache, timeoutMs });
    shared.clients.set(id, client);
  }
  return client;
}

/** Cache API writes still running for this app's isolate cache (for `waitUntil`). */
export function pendingCacheWrites(deps: AppDeps): Promise<void> {
  return perDeps.get(deps)?.cache.settled() ?? Promise.resolve();
}

/**
 * `domain`, when given, is the evaluation's recipient domain: the cache session that
 * stores and reloads its answers as one platform entry is keyed by resolver and domain.
 */
export function buildResolver(
  name: ResolverName,
  records: readonly WhatIfRecord[] | undefined,
  env: DnsEnv,
  deps: AppDeps,
  domain?: string,
): EvaluationResolver {
  const url = resolverUrl(name, env);
  const timeoutMs = knob(env.DOH_TIMEOUT_MS, LIMITS.dohTimeoutMs);
  const upstream: TracingResolver = url === null ? noneResolver : dohClient(url, timeoutMs, deps);
  let stack: TracingResolver = upstream;
  if (records && records.length > 0) {
    try {
      stack = new RecordsResolver(records, upstream);
    } catch (e) {
      if (e instanceof DnsInputError) {
        throw apiError(
          400,
          ApiErrorCode.InvalidRecord,
          e.message,
          e.index !== undefined ? { field: `records.${e.index}` } : {},
        );
      }
      throw e;
    }
  }
  // The bundle key is a URL only because the Cache API wants one; it is never fetched. A
  // query parameter, not a fragment: Cache API matching ignores fragments.
  const session =
    url !== null && domain !== undefined
      ? openCacheSession(
          sharedOf(deps).cache,
          `${url}${url.includes("?") ? "&" : "?"}bundle=${encodeURIComponent(domain)}`,
        )
      : undefined;
  return createEvaluationResolver({
    upstream: stack,
    clock: deps.clock,
    deadlineMs: knob(env.DNS_DEADLINE_MS, LIMITS.deadlineMs),
    ...(session !== undefined ? { session } : {}),
  });
}

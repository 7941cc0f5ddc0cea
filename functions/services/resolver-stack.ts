/**
 * The Worker's resolvers: DoH to an allow-listed resolver through the isolate's cache, or
 * "none". The core puts the request's what-if records in front and wraps the whole in the
 * evaluation resolver (core/evaluate.ts). The URL always comes from `resolvers.ts`, never
 * from the request.
 */
import {
  createDnsCache,
  type DnsCache,
  openCacheSession,
  platformCacheStorage,
} from "../core/dns/cache";
import { createDohClient, type DohClient } from "../core/dns/doh-client";
import { noneResolver } from "../core/dns/records-resolver";
import { type ResolverName, resolverUrl } from "../core/dns/resolvers";
import type { CacheSession, TracingResolver } from "../core/dns/types";
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

export function knob(raw: string | undefined, max: number): number {
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

/** The resolver behind the what-if records: DoH to the named resolver, or none at all. */
export function upstreamFor(
  name: ResolverName,
  env: DnsEnv,
  deps: AppDeps,
): { readonly resolver: TracingResolver; readonly url: string | null } {
  const url = resolverUrl(name, env);
  const timeoutMs = knob(env.DOH_TIMEOUT_MS, LIMITS.dohTimeoutMs);
  return { resolver: url === null ? noneResolver : dohClient(url, timeoutMs, deps), url };
}

/**
 * The cache session of an evaluation over DoH at `url`: its answers are stored and
 * reloaded as one platform entry per resolver and recipient domain. The bundle key is a
 * URL only because the Cache API wants one; it is never fetched. A query parameter, not
 * a fragment: Cache API matching ignores fragments.
 */
export function openSession(url: string, deps: AppDeps): (domain: string) => CacheSession {
  const separator = url.includes("?") ? "&" : "?";
  return (domain) =>
    openCacheSession(
      sharedOf(deps).cache,
      `${url}${separator}bundle=${encodeURIComponent(domain)}`,
    );
}

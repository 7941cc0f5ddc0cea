/**
 * The resolver stack of one evaluation: what-if records → (per-isolate cache →) DoH to an
 * allow-listed resolver, or "none"; wrapped in the evaluation resolver (dedupe, trace in
 * the order made, query cap, deadline). The URL always comes from `resolvers.ts`, never
 * from the request.
 */
import { ApiErrorCode, apiError } from "../api/errors";
import { createDnsCache, type DnsCache, platformCacheStorage } from "../core/dns/cache";
import { createDohClient, type DohClient } from "../core/dns/doh-client";
import { DnsInputError } from "../core/dns/errors";
import { createEvaluationResolver, type EvaluationResolver } from "../core/dns/evaluation-resolver";
import { noneResolver, RecordsResolver, type WhatIfRecord } from "../core/dns/records-resolver";
import { type ResolverName, resolverUrl } from "../core/dns/resolvers";
import type { TracingResolver } from "../core/dns/types";
import type { AppDeps } from "../deps";

let cache: DnsCache | undefined;
const clients = new Map<string, DohClient>();

/** One DoH client per allow-listed URL per isolate, sharing one bounded cache. */
function dohClient(url: string, deps: AppDeps): DohClient {
  cache ??= createDnsCache({ clock: deps.clock, storage: platformCacheStorage() });
  let client = clients.get(url);
  if (!client) {
    client = createDohClient({ url, fetch: deps.fetch, clock: deps.clock, cache });
    clients.set(url, client);
  }
  return client;
}

export function buildResolver(
  name: ResolverName,
  records: readonly WhatIfRecord[] | undefined,
  env: { readonly DOH_URL?: string },
  deps: AppDeps,
): EvaluationResolver {
  const url = resolverUrl(name, env);
  const upstream: TracingResolver = url === null ? noneResolver : dohClient(url, deps);
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
  return createEvaluationResolver({ upstream: stack, clock: deps.clock });
}

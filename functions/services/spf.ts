/** POST /api/spf: the core's SPF entry point with the Worker's resolvers behind it. */
import type { SpfRequest, SpfResponse } from "../core/contract";
import { evaluateSpf } from "../core/evaluate-spf";
import { LIMITS } from "../core/limits";
import type { AppDeps } from "../deps";
import { type DnsEnv, knob, openSession, upstreamFor } from "./resolver-stack";

export function runSpf(req: SpfRequest, env: DnsEnv, deps: AppDeps): Promise<SpfResponse> {
  const upstream = upstreamFor(req.resolver, env, deps);
  return evaluateSpf(req, {
    upstream: upstream.resolver,
    clock: deps.clock,
    deadlineMs: knob(env.DNS_DEADLINE_MS, LIMITS.deadlineMs),
    ...(upstream.url !== null ? { openSession: openSession(upstream.url, deps) } : {}),
  });
}

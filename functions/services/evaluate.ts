/**
 * The Worker's side of an evaluation: the core's entry points with the Worker's
 * resolver stack behind them (DoH to an allow-listed resolver through the isolate's
 * cache, or "none"), its clock and its seed source. A migration's comparison evaluates
 * through the same stack.
 */
import type {
  EvaluateRequest,
  ExpressionRequest,
  ExpressionResponse,
  Plan,
} from "../core/contract";
import type { MigrateRequest, MigrateResponse } from "../core/contract/migrate";
import type { ResolverName } from "../core/dns/resolvers";
import { type EvaluationIo, evaluate } from "../core/evaluate";
import { evaluateExpression } from "../core/evaluate-expression";
import { LIMITS } from "../core/limits";
import { migrateConfig } from "../core/migrate-config";
import type { AppDeps } from "../deps";
import { type DnsEnv, knob, openSession, upstreamFor } from "./resolver-stack";

/** What a plan may use of the Worker: `resolver`'s upstream, the clock, the seed source. */
export function evaluationIo(resolver: ResolverName, env: DnsEnv, deps: AppDeps): EvaluationIo {
  const upstream = upstreamFor(resolver, env, deps);
  return {
    upstream: upstream.resolver,
    clock: deps.clock,
    newSeed: deps.newSeed,
    deadlineMs: knob(env.DNS_DEADLINE_MS, LIMITS.deadlineMs),
    ...(upstream.url !== null ? { openSession: openSession(upstream.url, deps) } : {}),
  };
}

export function runEvaluation(req: EvaluateRequest, env: DnsEnv, deps: AppDeps): Promise<Plan> {
  return evaluate(req, evaluationIo(req.resolver, env, deps));
}

export function runMigration(
  req: MigrateRequest,
  env: DnsEnv,
  deps: AppDeps,
): Promise<MigrateResponse> {
  return migrateConfig(req, evaluationIo(req.resolver, env, deps));
}

export function runExpression(
  req: ExpressionRequest,
  env: DnsEnv,
  deps: AppDeps,
): Promise<ExpressionResponse> {
  return evaluateExpression(req, {
    upstream: upstreamFor(req.resolver, env, deps).resolver,
    clock: deps.clock,
    deadlineMs: knob(env.DNS_DEADLINE_MS, LIMITS.deadlineMs),
  });
}

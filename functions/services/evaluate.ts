/**
 * The Worker's side of an evaluation: the core's entry points with the Worker's
 * resolver stack behind them (DoH to an allow-listed resolver through the isolate's
 * cache, or "none"), its clock and its seed source.
 */
import type {
  EvaluateRequest,
  ExpressionRequest,
  ExpressionResponse,
  Plan,
} from "../core/contract";
import { evaluate } from "../core/evaluate";
import { evaluateExpression } from "../core/evaluate-expression";
import { LIMITS } from "../core/limits";
import type { AppDeps } from "../deps";
import { type DnsEnv, knob, openSession, upstreamFor } from "./resolver-stack";

export function runEvaluation(req: EvaluateRequest, env: DnsEnv, deps: AppDeps): Promise<Plan> {
  const upstream = upstreamFor(req.resolver, env, deps);
  return evaluate(req, {
    upstream: upstream.resolver,
    clock: deps.clock,
    newSeed: deps.newSeed,
    deadlineMs: knob(env.DNS_DEADLINE_MS, LIMITS.deadlineMs),
    ...(upstream.url !== null ? { openSession: openSession(upstream.url, deps) } : {}),
  });
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

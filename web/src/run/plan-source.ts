/**
 * Where a plan comes from: this page, when every lookup it needs is a what-if record (no
 * network, answers at once, works offline), else the Worker's API (real DNS). Both run
 * the same core on the same request, so they give the same plan (browser test
 * "offline run"); the result says which one computed it.
 */
import { type ApiResult, evaluate, evaluateExpression } from "../api/client";
import type { ApiError, EvaluateResponse, ExpressionResponse } from "../api/schemas";
import { evaluateInBrowser, expressionInBrowser } from "../core-adapter";
import type { EvaluateRequest } from "../state/request";
import type { ComputedIn } from "../ui/result/view";

export type PlanResult =
  | { readonly ok: true; readonly data: EvaluateResponse; readonly where: ComputedIn }
  | { readonly ok: false; readonly error: ApiError };

async function inBrowser(req: EvaluateRequest): Promise<PlanResult | null> {
  let local: Awaited<ReturnType<typeof evaluateInBrowser>>;
  try {
    local = await evaluateInBrowser(req);
  } catch {
    // The core's code did not load (offline before it was cached): the API may still work.
    return null;
  }
  if (!local.ok) return local.error ? { ok: false, error: local.error } : null;
  const { EvaluateResponseSchema } = await import("../api/schemas");
  return { ok: true, data: EvaluateResponseSchema.parse(local.answer), where: "browser" };
}

export async function computePlan(req: EvaluateRequest, signal?: AbortSignal): Promise<PlanResult> {
  const local = await inBrowser(req);
  if (local) return local;
  if (signal?.aborted) return { ok: false, error: { code: "aborted", message: "Cancelled." } };
  const r: ApiResult<EvaluateResponse> = await evaluate(req, signal);
  return r.ok ? { ok: true, data: r.data, where: "server" } : { ok: false, error: r.error };
}

export type ExpressionResult =
  | { readonly ok: true; readonly data: ExpressionResponse; readonly where: ComputedIn }
  | { readonly ok: false; readonly error: ApiError };

/** The expression console's answer, from this page when it needs no lookup, else the API. */
export async function computeExpression(body: {
  readonly expression: string;
  readonly resolver: string;
}): Promise<ExpressionResult> {
  const local = await expressionInBrowser(body).catch(() => null);
  if (local?.ok) {
    const { ExpressionResponseSchema } = await import("../api/schemas");
    return { ok: true, data: ExpressionResponseSchema.parse(local.answer), where: "browser" };
  }
  if (local?.error) return { ok: false, error: local.error };
  const r = await evaluateExpression(body);
  return r.ok ? { ok: true, data: r.data, where: "server" } : { ok: false, error: r.error };
}

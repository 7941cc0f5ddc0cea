/**
 * Where a plan comes from: this page, when every lookup it needs is a what-if record (no
 * network, answers at once, works offline), else the Worker's API (real DNS). Both run
 * the same core on the same request, so they give the same plan (browser test
 * "offline run"); the result says which one computed it.
 */
import { type ApiResult, checkSpf, evaluate, evaluateExpression, migrate } from "../api/client";
import type {
  ErrorBody,
  ExpressionResponse,
  MigrateResponse,
  Plan,
  SpfResponse,
} from "../core-adapter";
import {
  evaluateInBrowser,
  expressionInBrowser,
  migrateInBrowser,
  spfInBrowser,
} from "../core-adapter";
import type { EvaluateRequest, MigrateBody, SpfBody } from "../state/request";
import type { ComputedIn } from "../ui/result/view";

export type PlanResult =
  | { readonly ok: true; readonly data: Plan; readonly where: ComputedIn }
  | { readonly ok: false; readonly error: ErrorBody };

export async function computePlan(req: EvaluateRequest, signal?: AbortSignal): Promise<PlanResult> {
  // null (or the core's code failing to load, offline before it was fetched): the API.
  const local = await evaluateInBrowser(req).catch(() => null);
  if (local?.ok) return { ok: true, data: local.answer, where: "browser" };
  if (local) return local;
  if (signal?.aborted) return { ok: false, error: { code: "aborted", message: "Cancelled." } };
  const r: ApiResult<Plan> = await evaluate(req, signal);
  return r.ok ? { ok: true, data: r.data, where: "server" } : { ok: false, error: r.error };
}

export type ExpressionResult =
  | { readonly ok: true; readonly data: ExpressionResponse; readonly where: ComputedIn }
  | { readonly ok: false; readonly error: ErrorBody };

/** The expression console's answer, from this page when it needs no lookup, else the API. */
export async function computeExpression(body: {
  readonly expression: string;
  readonly resolver: string;
}): Promise<ExpressionResult> {
  const local = await expressionInBrowser(body).catch(() => null);
  if (local?.ok) return { ok: true, data: local.answer, where: "browser" };
  if (local) return local;
  const r = await evaluateExpression(body);
  return r.ok ? { ok: true, data: r.data, where: "server" } : { ok: false, error: r.error };
}

export type SpfResult =
  | { readonly ok: true; readonly data: SpfResponse; readonly where: ComputedIn }
  | { readonly ok: false; readonly error: ErrorBody };

/** One SPF check with its trace (POST /api/spf), from this page when the records answer it. */
export async function computeSpf(body: SpfBody): Promise<SpfResult> {
  const local = await spfInBrowser(body).catch(() => null);
  if (local?.ok) return { ok: true, data: local.answer, where: "browser" };
  if (local) return local;
  const r = await checkSpf(body);
  return r.ok ? { ok: true, data: r.data, where: "server" } : { ok: false, error: r.error };
}

export type MigrateResult =
  | { readonly ok: true; readonly data: MigrateResponse; readonly where: ComputedIn }
  | { readonly ok: false; readonly error: ErrorBody };

/** The migration and its comparison (POST /api/migrate), from this page when it can. */
export async function computeMigration(body: MigrateBody): Promise<MigrateResult> {
  const local = await migrateInBrowser(body).catch(() => null);
  if (local?.ok) return { ok: true, data: local.answer, where: "browser" };
  if (local) return local;
  const r = await migrate(body);
  return r.ok ? { ok: true, data: r.data, where: "server" } : { ok: false, error: r.error };
}

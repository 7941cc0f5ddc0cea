/**
 * Where a plan (and an expression's value, an SPF trace, a migration) comes from: this
 * page, when every lookup it needs is a what-if record (no network, answers at once,
 * works offline), else the Worker's API (real DNS). Both run the same core on the same
 * request, so they give the same answer (browser test "offline run"); the result says
 * which one computed it.
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
  type InBrowserResult,
  migrateInBrowser,
  spfInBrowser,
} from "../core-adapter";
import type { EvaluateRequest, MigrateBody, SpfBody } from "../state/request";
import type { ComputedIn } from "../ui/result/view";

/** An answer and where it was computed, or the coded error (of the core or the API). */
export type Computed<T> =
  | { readonly ok: true; readonly data: T; readonly where: ComputedIn }
  | { readonly ok: false; readonly error: ErrorBody };

/**
 * The page's answer when it has one (`local`), else the API's. `local` resolving to null
 * (or its code failing to load, offline before it was fetched) means the API is asked.
 */
async function browserElseApi<T>(
  local: Promise<InBrowserResult<T> | null>,
  api: () => Promise<ApiResult<T>>,
): Promise<Computed<T>> {
  const here = await local.catch(() => null);
  if (here?.ok) return { ok: true, data: here.answer, where: "browser" };
  if (here) return here;
  const r = await api();
  return r.ok ? { ok: true, data: r.data, where: "server" } : { ok: false, error: r.error };
}

export type PlanResult = Computed<Plan>;

export function computePlan(req: EvaluateRequest, signal?: AbortSignal): Promise<PlanResult> {
  return browserElseApi(evaluateInBrowser(req), async () =>
    signal?.aborted
      ? { ok: false, status: 0, error: { code: "aborted", message: "Cancelled." } }
      : evaluate(req, signal),
  );
}

export type ExpressionResult = Computed<ExpressionResponse>;

/** The expression console's answer, from this page when it needs no lookup, else the API. */
export function computeExpression(body: {
  readonly expression: string;
  readonly resolver: string;
}): Promise<ExpressionResult> {
  return browserElseApi(expressionInBrowser(body), () => evaluateExpression(body));
}

export type SpfResult = Computed<SpfResponse>;

/** One SPF check with its trace (POST /api/spf), from this page when the records answer it. */
export function computeSpf(body: SpfBody): Promise<SpfResult> {
  return browserElseApi(spfInBrowser(body), () => checkSpf(body));
}

export type MigrateResult = Computed<MigrateResponse>;

/** The migration and its comparison (POST /api/migrate), from this page when it can. */
export function computeMigration(body: MigrateBody): Promise<MigrateResult> {
  return browserElseApi(migrateInBrowser(body), () => migrate(body));
}

/**
 * Run and the expression console without the network: the Worker's own validation and
 * evaluation (functions/api, functions/services), loaded when first used.
 */

/** The API's error envelope body (shared/spec/api.md, "Errors"). */
export type ErrorBody = {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly line?: number;
  readonly column?: number;
};

/** What the API would answer, computed here: the answer, or its coded error envelope. */
export type InBrowserResult =
  | { readonly ok: true; readonly answer: unknown }
  | { readonly ok: false; readonly error: ErrorBody }
  /** A lookup was not answered by a what-if record: only the server can make it. */
  | { readonly ok: false; readonly error: null };

const noNetwork = {
  fetch: (): Promise<Response> => Promise.reject(new Error("no network in the browser")),
  clock: { now: () => Date.now() },
};

/** An API error envelope, or rethrows what is not one. */
async function apiErrorBody(e: unknown): Promise<ErrorBody> {
  const { ApiError } = await import("../../../functions/api/errors");
  if (e instanceof ApiError) return e.body;
  throw e;
}

/**
 * The request evaluated by the Worker's own validation and evaluation, with no network:
 * resolver "none" answers every name the what-if records do not with NXDOMAIN, as the
 * API does for "none". For another resolver the plan is the same as long as every lookup
 * was a what-if record (the resolver was never asked); otherwise the caller asks the API.
 */
export async function evaluateInBrowser(body: {
  readonly resolver: string;
  readonly seed: number;
}): Promise<InBrowserResult> {
  const [{ parseWith }, { EvaluateRequestSchema }, { runEvaluation }] = await Promise.all([
    import("../../../functions/api/request"),
    import("../../../functions/api/schemas"),
    import("../../../functions/services/evaluate"),
  ]);
  try {
    const request = parseWith(EvaluateRequestSchema, body);
    const deps = { ...noNetwork, newSeed: () => body.seed };
    const plan = await runEvaluation({ ...request, resolver: "none" }, {}, deps);
    const offline = body.resolver === "none" || plan.dns.every((t) => t.from === "record");
    return offline ? { ok: true, answer: plan } : { ok: false, error: null };
  } catch (e) {
    return { ok: false, error: await apiErrorBody(e) };
  }
}

/**
 * An expression evaluated as POST /api/expression would, here: when the resolver is
 * "none", or when it makes no lookup (no dns_query()); else null (the API is asked).
 */
export async function expressionInBrowser(body: {
  readonly expression: string;
  readonly resolver: string;
}): Promise<InBrowserResult | null> {
  if (body.resolver !== "none" && body.expression.includes("dns_query")) return null;
  const [{ parseWith }, { ExpressionRequestSchema }, { runExpression }] = await Promise.all([
    import("../../../functions/api/request"),
    import("../../../functions/api/schemas"),
    import("../../../functions/services/expression"),
  ]);
  try {
    const request = parseWith(ExpressionRequestSchema, body);
    const value = await runExpression(
      { ...request, resolver: "none" },
      {},
      {
        ...noNetwork,
        newSeed: () => 0,
      },
    );
    return { ok: true, answer: value };
  } catch (e) {
    return { ok: false, error: await apiErrorBody(e) };
  }
}

/**
 * Fetches the modules the offline paths use, so Run, the timeline and the console keep
 * working if the network goes away later (called once the editor is complete).
 */
export function prefetchOffline(): void {
  for (const load of [
    () => import("../../../functions/api/request"),
    () => import("../../../functions/api/schemas"),
    () => import("../../../functions/api/errors"),
    () => import("../../../functions/services/evaluate"),
    () => import("../../../functions/services/expression"),
  ]) {
    load().catch(() => undefined);
  }
}

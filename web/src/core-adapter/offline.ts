/**
 * Run, the expression console, the SPF trace and the migration without the network: the
 * core's own entry points (functions/core/evaluate.ts, evaluate-expression.ts,
 * evaluate-spf.ts, migrate-config.ts), the ones the Worker calls, with
 * no resolver behind the what-if records. Loaded when first used.
 */
import type { ErrorBody, ExpressionResponse, MigrateResponse, Plan, SpfResponse } from "./contract";
import { loadContract } from "./contract";

/** What the API would answer, computed here: the answer, or its coded error envelope. */
export type InBrowserResult<T> =
  | { readonly ok: true; readonly answer: T }
  | { readonly ok: false; readonly error: ErrorBody };

const load = () =>
  Promise.all([
    loadContract(),
    import("../../../functions/core/evaluate"),
    import("../../../functions/core/evaluate-expression"),
    import("../../../functions/core/request-error"),
    import("../../../functions/core/dns/records-resolver"),
    import("../../../functions/core/evaluate-spf"),
    import("../../../functions/core/migrate-config"),
  ]);

/** The error envelope of a RequestError (what the API sends for it), or rethrows. */
async function errorBody(e: unknown): Promise<ErrorBody> {
  const [, , , { RequestError }] = await load();
  if (e instanceof RequestError) return { code: e.code, message: e.message, ...e.place };
  throw e;
}

const io = { clock: { now: () => Date.now() }, newSeed: () => 0 };

/**
 * The plan, computed here when the API would compute it without the network: resolver
 * "none" (names the what-if records do not answer are NXDOMAIN, as the API says for
 * "none"), or any resolver when every lookup was a what-if record (it was never asked).
 * null: the server must answer (real DNS, or a request its schema refuses, which the API
 * explains field by field).
 */
export async function evaluateInBrowser(body: unknown): Promise<InBrowserResult<Plan> | null> {
  const [{ EvaluateRequestSchema }, { evaluate }, , , { noneResolver }] = await load();
  const parsed = EvaluateRequestSchema.safeParse(body);
  if (!parsed.success) return null;
  try {
    const plan = await evaluate(parsed.data, { ...io, upstream: noneResolver });
    const offline = parsed.data.resolver === "none" || plan.dns.every((t) => t.from === "record");
    return offline ? { ok: true, answer: plan } : null;
  } catch (e) {
    return { ok: false, error: await errorBody(e) };
  }
}

/**
 * An expression evaluated as POST /api/expression would, here: when the resolver is
 * "none", or when it makes no lookup (no dns_query()); else null (the API is asked).
 */
export async function expressionInBrowser(body: {
  readonly expression: string;
  readonly resolver: string;
}): Promise<InBrowserResult<ExpressionResponse> | null> {
  if (body.resolver !== "none" && body.expression.includes("dns_query")) return null;
  const [{ ExpressionRequestSchema }, , { evaluateExpression }, , { noneResolver }] = await load();
  const parsed = ExpressionRequestSchema.safeParse(body);
  if (!parsed.success) return null;
  try {
    return {
      ok: true,
      answer: await evaluateExpression(parsed.data, { ...io, upstream: noneResolver }),
    };
  } catch (e) {
    return { ok: false, error: await errorBody(e) };
  }
}

/**
 * One SPF check as POST /api/spf would answer it, here: when the resolver is "none", or
 * when every lookup was a what-if record; else null (the API is asked).
 */
export async function spfInBrowser(body: unknown): Promise<InBrowserResult<SpfResponse> | null> {
  const [{ SpfRequestSchema }, , , , { noneResolver }, { evaluateSpf }] = await load();
  const parsed = SpfRequestSchema.safeParse(body);
  if (!parsed.success) return null;
  try {
    const answer = await evaluateSpf(parsed.data, { ...io, upstream: noneResolver });
    const offline = parsed.data.resolver === "none" || answer.dns.every((t) => t.from === "record");
    return offline ? { ok: true, answer } : null;
  } catch (e) {
    return { ok: false, error: await errorBody(e) };
  }
}

/**
 * A migration as POST /api/migrate would answer it, here: always without a context (no
 * lookup), and with one when the comparison's plans made no lookup the records did not
 * answer; else null (the API is asked).
 */
export async function migrateInBrowser(
  body: unknown,
): Promise<InBrowserResult<MigrateResponse> | null> {
  const [{ MigrateRequestSchema }, , , , { noneResolver }, , { migrateConfig }] = await load();
  const parsed = MigrateRequestSchema.safeParse(body);
  if (!parsed.success) return null;
  try {
    const answer = await migrateConfig(parsed.data, { ...io, upstream: noneResolver });
    const c = answer.comparison;
    const lookups = c ? [...c.before.dns, ...c.after.dns] : [];
    const offline = parsed.data.resolver === "none" || lookups.every((t) => t.from === "record");
    return offline ? { ok: true, answer } : null;
  } catch (e) {
    return { ok: false, error: await errorBody(e) };
  }
}

/**
 * Fetches the modules the offline paths use, so Run, the timeline and the console keep
 * working if the network goes away later (called once the editor is complete).
 */
export function prefetchOffline(): void {
  load().catch(() => undefined);
}

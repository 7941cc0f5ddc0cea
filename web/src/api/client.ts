/**
 * The Worker's API: POST /api/evaluate, /api/expression, /api/spf and /api/migrate
 * (shared/spec/api.md).
 * Every outcome is a value, never a throw: network failures and error envelopes become
 * `{ ok: false, error }` with the API's code, or a local one.
 */
import type * as z from "zod/mini";
import {
  type ErrorBody,
  type ExpressionResponse,
  loadContract as loadSchemas,
  type MigrateResponse,
  type Plan,
  type Contract as Schemas,
  type SpfResponse,
} from "../core-adapter";

export type ApiResult<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly status: number; readonly error: ErrorBody };

async function post<T>(
  path: string,
  body: unknown,
  pick: (schemas: Schemas) => z.ZodMiniType<T>,
  signal?: AbortSignal,
): Promise<ApiResult<T>> {
  // Fetched alongside the request, ready (or nearly) by the time the answer is.
  const schemas = loadSchemas();
  // Awaited only when an answer arrives; a failed request must not leave it unhandled.
  schemas.catch(() => undefined);
  let res: Response;
  try {
    res = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
  } catch (e) {
    const aborted = e instanceof DOMException && e.name === "AbortError";
    return {
      ok: false,
      status: 0,
      error: {
        code: aborted ? "aborted" : "network",
        message: aborted ? "Cancelled." : "Could not reach the playground's API. Are you offline?",
      },
    };
  }
  let json: unknown;
  let checks: Schemas;
  try {
    checks = await schemas;
  } catch {
    return {
      ok: false,
      status: 0,
      error: { code: "network", message: "Could not load the playground's code. Are you offline?" },
    };
  }
  try {
    json = await res.json();
  } catch {
    return {
      ok: false,
      status: res.status,
      error: { code: "bad_response", message: `The API answered ${res.status} without JSON.` },
    };
  }
  if (!res.ok) {
    const err = checks.ErrorSchema.safeParse(json);
    return {
      ok: false,
      status: res.status,
      error: err.success
        ? err.data.error
        : { code: `http_${res.status}`, message: `The API answered ${res.status}.` },
    };
  }
  const parsed = pick(checks).safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      status: res.status,
      error: { code: "bad_response", message: "The API's answer has an unexpected shape." },
    };
  }
  return { ok: true, data: parsed.data };
}

export const evaluate = (body: unknown, signal?: AbortSignal): Promise<ApiResult<Plan>> =>
  post("/api/evaluate", body, (s) => s.PlanSchema, signal);

export const evaluateExpression = (body: unknown): Promise<ApiResult<ExpressionResponse>> =>
  post("/api/expression", body, (s) => s.ExpressionResponseSchema);

export const checkSpf = (body: unknown): Promise<ApiResult<SpfResponse>> =>
  post("/api/spf", body, (s) => s.SpfResponseSchema);

export const migrate = (body: unknown): Promise<ApiResult<MigrateResponse>> =>
  post("/api/migrate", body, (s) => s.MigrateResponseSchema);

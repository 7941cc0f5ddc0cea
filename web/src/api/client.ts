/**
 * The Worker's API: POST /api/evaluate and POST /api/expression (shared/spec/api.md).
 * Every outcome is a value, never a throw: network failures and error envelopes become
 * `{ ok: false, error }` with the API's code, or a local one.
 */
import type { z } from "zod";
import {
  type ApiError,
  ApiErrorSchema,
  type EvaluateResponse,
  EvaluateResponseSchema,
  type ExpressionResponse,
  ExpressionResponseSchema,
} from "./schemas";

export type ApiResult<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly status: number; readonly error: ApiError };

async function post<T>(
  path: string,
  body: unknown,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<ApiResult<T>> {
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
    const err = ApiErrorSchema.safeParse(json);
    return {
      ok: false,
      status: res.status,
      error: err.success
        ? err.data.error
        : { code: `http_${res.status}`, message: `The API answered ${res.status}.` },
    };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      status: res.status,
      error: { code: "bad_response", message: "The API's answer has an unexpected shape." },
    };
  }
  return { ok: true, data: parsed.data };
}

export const evaluate = (
  body: unknown,
  signal?: AbortSignal,
): Promise<ApiResult<EvaluateResponse>> =>
  post("/api/evaluate", body, EvaluateResponseSchema, signal);

export const evaluateExpression = (body: unknown): Promise<ApiResult<ExpressionResponse>> =>
  post("/api/expression", body, ExpressionResponseSchema);

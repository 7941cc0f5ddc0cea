/**
 * The one error envelope of every route (shared/spec/api.md "Errors"):
 * `{ error: { code, message, line?, column?, key?, field? } }`.
 * `code` is stable snake_case; tests assert it, never the message.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { RequestErrorCode } from "../core/request-error";

/**
 * Every code a request can get: the core's own (`RequestErrorCode`, thrown by its entry
 * points) and those only HTTP has (the body, the route, the rate limit).
 */
export const ApiErrorCode = {
  ...RequestErrorCode,
  InvalidJson: "invalid_json",
  MissingField: "missing_field",
  UnknownField: "unknown_field",
  BodyTooLarge: "body_too_large",
  BodyIncomplete: "body_incomplete",
  UnsupportedMediaType: "unsupported_media_type",
  RateLimited: "rate_limited",
  NotFound: "not_found",
  MethodNotAllowed: "method_not_allowed",
  Internal: "internal_error",
} as const;
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

export interface ApiErrorBody {
  readonly code: ApiErrorCode;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly key?: string;
  /** Dotted path of the request field at fault, e.g. `context.domain`. */
  readonly field?: string;
}

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: ContentfulStatusCode,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

export const apiError = (
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
  extra: Omit<ApiErrorBody, "code" | "message"> = {},
): ApiError => new ApiError(status, { code, message, ...extra });

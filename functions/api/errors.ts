/**
 * The one error envelope of every route (shared/spec/api.md "Errors"):
 * `{ error: { code, message, line?, column?, key?, field? } }`.
 * `code` is stable snake_case; tests assert it, never the message.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";

export const ApiErrorCode = {
  InvalidJson: "invalid_json",
  InvalidField: "invalid_field",
  MissingField: "missing_field",
  UnknownField: "unknown_field",
  InvalidDomain: "invalid_domain",
  InvalidIp: "invalid_ip",
  InvalidRecord: "invalid_record",
  InvalidKey: "invalid_key",
  BodyTooLarge: "body_too_large",
  BodyIncomplete: "body_incomplete",
  ConfigTooLarge: "config_too_large",
  UnsupportedMediaType: "unsupported_media_type",
  TomlSyntax: "toml_syntax",
  ConfigLimit: "config_limit",
  ExprSyntax: "expr_syntax",
  ExprLimit: "expr_limit",
  ExprEval: "expr_eval",
  CostLimit: "cost_limit",
  NotV012: "not_migratable",
  MigrateLimit: "migrate_limit",
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

/**
 * The error envelope on the wire, and the one mapping of the core's request errors to
 * HTTP statuses (shared/spec/api.md "Errors").
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ApiErrorBody } from "../api/errors";
import { type RequestError, RequestErrorCode } from "../core/request-error";

export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  body: ApiErrorBody,
): Response {
  return c.json({ error: body }, status);
}

const STATUS: Readonly<Record<RequestErrorCode, ContentfulStatusCode>> = {
  [RequestErrorCode.ConfigTooLarge]: 413,
  [RequestErrorCode.InvalidDomain]: 400,
  [RequestErrorCode.InvalidIp]: 400,
  [RequestErrorCode.InvalidRecord]: 400,
  [RequestErrorCode.InvalidKey]: 400,
  [RequestErrorCode.InvalidField]: 400,
  // Stalwart refuses to start on such a file; the request itself was well-formed.
  [RequestErrorCode.TomlSyntax]: 422,
  [RequestErrorCode.ConfigLimit]: 422,
  [RequestErrorCode.ExprSyntax]: 422,
  [RequestErrorCode.ExprLimit]: 422,
  [RequestErrorCode.ExprEval]: 422,
  [RequestErrorCode.CostLimit]: 422,
  [RequestErrorCode.NotV012]: 422,
  [RequestErrorCode.MigrateLimit]: 422,
};

export function requestErrorResponse(c: Context, err: RequestError): Response {
  return errorResponse(c, STATUS[err.code], { code: err.code, message: err.message, ...err.place });
}

import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ApiErrorBody } from "../api/errors";

export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  body: ApiErrorBody,
): Response {
  return c.json({ error: body }, status);
}

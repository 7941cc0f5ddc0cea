/**
 * POST /api/evaluate (JSON body) and GET /api/evaluate?domain=…&config=… (for curl).
 * Both go through the same schema, so their limits and errors are identical.
 */

import { ApiErrorCode, apiError } from "../api/errors";
import { jsonBody, parseWith, readJsonBody } from "../api/request";
import type { AppEnv } from "../app-env";
import { ContextSchema, EvaluateRequestSchema } from "../core/contract";
import { Hono } from "../hono";
import { runEvaluation } from "../services/evaluate";
import { finishInBackground } from "./background";

/** Query parameters that are integers in the JSON form. */
export const INTEGER_PARAMS = new Set([
  "retry_num",
  "notify_num",
  "priority",
  "expires_in",
  "seed",
  "queue_age",
  "received_via_port",
  "size",
]);
const TOP_LEVEL_PARAMS = new Set(["config", "model", "resolver", "seed"]);
const CONTEXT_PARAMS = new Set(Object.keys(ContextSchema.shape));

/** Build the JSON request shape from query parameters; unknown ones are refused. */
export function requestFromQuery(params: URLSearchParams): unknown {
  const context: Record<string, unknown> = {};
  const top: Record<string, unknown> = { context };
  const recipients: string[] = [];
  const localDomains: string[] = [];
  const checks: string[] = [];
  for (const [name, raw] of params) {
    let value: unknown = raw;
    // Any decimal number is read as one, so a fraction is refused as in the JSON form
    // (expected a whole number, found 2.5), not as a string.
    if (INTEGER_PARAMS.has(name)) {
      value = /^-?\d{1,16}(\.\d{1,16})?$/.test(raw) ? Number(raw) : raw;
    }
    if (name === "recipients" || name === "recipient") recipients.push(raw);
    else if (name === "local_domain" || name === "localDomains") localDomains.push(raw);
    else if (name === "checks") checks.push(...raw.split(","));
    else if (TOP_LEVEL_PARAMS.has(name)) top[name] = value;
    else if (CONTEXT_PARAMS.has(name)) context[name] = value;
    else {
      throw apiError(
        400,
        ApiErrorCode.UnknownField,
        `Unknown query parameter ${JSON.stringify(name)}.`,
        { field: name },
      );
    }
  }
  if (recipients.length > 0) context.recipients = recipients;
  if (localDomains.length > 0) top.localDomains = localDomains;
  if (checks.length > 0) top.checks = checks;
  return top;
}

export const evaluateRoutes = new Hono<AppEnv>()
  .post("/evaluate", ...jsonBody, async (c) => {
    const request = parseWith(EvaluateRequestSchema, await readJsonBody(c));
    const plan = await runEvaluation(request, c.env, c.get("deps"));
    finishInBackground(c);
    return c.json(plan);
  })
  .get("/evaluate", async (c) => {
    const url = new URL(c.req.url);
    const request = parseWith(EvaluateRequestSchema, requestFromQuery(url.searchParams));
    const plan = await runEvaluation(request, c.env, c.get("deps"));
    finishInBackground(c);
    return c.json(plan);
  });

/** POST /api/expression: the playground's expression console. */

import { jsonBody, parseWith, readJsonBody } from "../api/request";
import type { AppEnv } from "../app-env";
import { ExpressionRequestSchema } from "../core/contract";
import { Hono } from "../hono";
import { runExpression } from "../services/evaluate";

export const expressionRoutes = new Hono<AppEnv>().post("/expression", ...jsonBody, async (c) => {
  const request = parseWith(ExpressionRequestSchema, await readJsonBody(c));
  return c.json(await runExpression(request, c.env, c.get("deps")));
});

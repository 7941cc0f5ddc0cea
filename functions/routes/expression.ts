/** POST /api/expression: the playground's expression console. */
import { Hono } from "hono";
import { parseWith, readJsonBody } from "../api/request";
import { ExpressionRequestSchema } from "../api/schemas";
import type { AppEnv } from "../app";
import { runExpression } from "../services/expression";

export const expressionRoutes = new Hono<AppEnv>().post("/expression", async (c) => {
  const request = parseWith(ExpressionRequestSchema, await readJsonBody(c));
  return c.json(await runExpression(request, c.env, c.get("deps")));
});

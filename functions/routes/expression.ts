/** POST /api/expression: the playground's expression console. */
import { Hono } from "hono";
import { parseWith, readJsonBody } from "../api/request";
import { ExpressionRequestSchema } from "../api/schemas";
import type { AppEnv } from "../app";
import { runExpression } from "../services/expression";
import { finishInBackground } from "./background";

export const expressionRoutes = new Hono<AppEnv>().post("/expression", async (c) => {
  const request = parseWith(ExpressionRequestSchema, await readJsonBody(c));
  const result = await runExpression(request, c.env, c.get("deps"));
  finishInBackground(c);
  return c.json(result);
});

/** POST /api/migrate: a ≤ v0.12 config as v0.13 TOML or v0.16 objects, with notes (issue 15). */

import { jsonBody, parseWith, readJsonBody } from "../api/request";
import type { AppEnv } from "../app-env";
import { MigrateRequestSchema } from "../core/contract/migrate";
import { Hono } from "../hono";
import { runMigration } from "../services/evaluate";
import { finishInBackground } from "./background";

export const migrateRoutes = new Hono<AppEnv>().post("/migrate", ...jsonBody, async (c) => {
  const request = parseWith(MigrateRequestSchema, await readJsonBody(c));
  const body = await runMigration(request, c.env, c.get("deps"));
  finishInBackground(c);
  return c.json(body);
});

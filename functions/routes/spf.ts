/** POST /api/spf: one SPF check (RFC 7208) of an address for a sender and HELO name. */

import { jsonBody, parseWith, readJsonBody } from "../api/request";
import type { AppEnv } from "../app-env";
import { SpfRequestSchema } from "../core/contract";
import { Hono } from "../hono";
import { runSpf } from "../services/spf";
import { finishInBackground } from "./background";

export const spfRoutes = new Hono<AppEnv>().post("/spf", ...jsonBody, async (c) => {
  const request = parseWith(SpfRequestSchema, await readJsonBody(c));
  const body = await runSpf(request, c.env, c.get("deps"));
  finishInBackground(c);
  return c.json(body);
});

import pkg from "../../package.json";
import type { AppEnv } from "../app-env";
import { Hono } from "../hono";

export const healthRoutes = new Hono<AppEnv>().get("/health", (c) =>
  c.json({ ok: true, version: pkg.version }),
);

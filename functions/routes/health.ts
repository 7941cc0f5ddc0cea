// The one field, not the whole package.json (Worker bundle budget ≤ 150 KB gzip).
import { version } from "../../package.json";
import type { AppEnv } from "../app-env";
import { Hono } from "../hono";

export const healthRoutes = new Hono<AppEnv>().get("/health", (c) => c.json({ ok: true, version }));

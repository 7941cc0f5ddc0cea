/**
 * The Hono app: JSON API under /api/*. Static files are served by Workers assets
 * (wrangler.toml `[assets]`, `run_worker_first = ["/api/*"]`).
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { ApiError, ApiErrorCode, apiError } from "./api/errors";
import { rateLimit } from "./api/rate-limit";
import { securityHeaders } from "./api/security-headers";
import type { AppDeps } from "./deps";
import { defaultDeps } from "./deps";
import { errorResponse } from "./routes/error-response";
import { evaluateRoutes } from "./routes/evaluate";
import { expressionRoutes } from "./routes/expression";
import { healthRoutes } from "./routes/health";
import { openapiRoutes } from "./routes/openapi";

export type AppEnv = { Bindings: Env; Variables: { deps: AppDeps } };

export function createApp(deps: AppDeps = defaultDeps()): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use("*", securityHeaders);
  // Documentation sites call the API from other origins; nothing is credentialed.
  app.use(
    "/api/*",
    cors({
      origin: "*",
      allowMethods: ["GET", "POST", "OPTIONS"],
      allowHeaders: ["content-type"],
      maxAge: 86400,
    }),
  );
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.use("/api/*", rateLimit);
  app.route("/api", healthRoutes);
  app.route("/api", evaluateRoutes);
  app.route("/api", expressionRoutes);
  app.route("/api", openapiRoutes);
  app.all("/api/*", (c) => {
    const known = ["/api/evaluate", "/api/expression", "/api/health", "/api/openapi.json"];
    if (known.includes(c.req.path)) {
      throw apiError(
        405,
        ApiErrorCode.MethodNotAllowed,
        `Method ${c.req.method} is not allowed on ${c.req.path}.`,
      );
    }
    throw apiError(
      404,
      ApiErrorCode.NotFound,
      `No API route ${c.req.path}; see /api/openapi.json.`,
    );
  });
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err.status, err.body);
    // Never a stack trace or a message from inside the runtime: a generic, coded 500.
    console.error("unhandled error", err instanceof Error ? err.name : typeof err);
    return errorResponse(c, 500, { code: ApiErrorCode.Internal, message: "Internal error." });
  });
  return app;
}

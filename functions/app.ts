/**
 * The Hono app: the JSON API under /api. Static files are served by Workers assets
 * (wrangler.toml `[assets]`); every case spelling of /api and /api/* reaches this Worker
 * (`run_worker_first`) and is answered here with the JSON envelope.
 */

import { cors } from "hono/cors";
import { methodNotAllowed } from "hono/method-not-allowed";
import { getPath } from "hono/utils/url";
import { ApiError, ApiErrorCode } from "./api/errors";
import { rateLimit } from "./api/rate-limit";
import { securityHeaders } from "./api/security-headers";
import type { AppEnv } from "./app-env";
import { DnsInputError } from "./core/dns/errors";
import { CoreError } from "./core/errors";
import { asRequestError, RequestError } from "./core/request-error";
import type { AppDeps } from "./deps";
import { defaultDeps } from "./deps";
import { Hono } from "./hono";
import { errorResponse, requestErrorResponse } from "./routes/error-response";
import { evaluateRoutes } from "./routes/evaluate";
import { expressionRoutes } from "./routes/expression";
import { healthRoutes } from "./routes/health";
import { migrateRoutes } from "./routes/migrate";
import { openapiRoutes } from "./routes/openapi";
import { spfRoutes } from "./routes/spf";

/** `/API/evaluate` is `/api/evaluate`: the prefix is matched in any case, the rest as is. */
function apiPath(request: Request): string {
  return getPath(request).replace(/^\/api(?=\/|$)/i, "/api");
}

export function createApp(deps: AppDeps = defaultDeps()): Hono<AppEnv> {
  const app = new Hono<AppEnv>({ getPath: apiPath });
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
  app.use(
    "*",
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) => {
        const allow = methods.join(", ");
        c.header("allow", allow);
        return errorResponse(c, 405, {
          code: ApiErrorCode.MethodNotAllowed,
          message: `Method ${c.req.method} is not allowed on ${c.req.path}; allowed: ${allow}.`,
        });
      },
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
  app.route("/api", spfRoutes);
  app.route("/api", migrateRoutes);
  app.route("/api", openapiRoutes);
  app.notFound((c) =>
    errorResponse(c, 404, {
      code: ApiErrorCode.NotFound,
      message: `No API route ${c.req.path}; see /api/openapi.json.`,
    }),
  );
  app.onError((err, c) => {
    if (err instanceof RequestError) return requestErrorResponse(c, err);
    // An entry point places its core errors; one that escaped still gets its code.
    if (err instanceof CoreError || err instanceof DnsInputError) {
      const placed = asRequestError(err);
      if (placed instanceof RequestError) return requestErrorResponse(c, placed);
    }
    if (err instanceof ApiError) return errorResponse(c, err.status, err.body);
    // Never a stack trace or a message from inside the runtime: a generic, coded 500.
    console.error("unhandled error", err instanceof Error ? err.name : typeof err);
    return errorResponse(c, 500, { code: ApiErrorCode.Internal, message: "Internal error." });
  });
  return app;
}

/**
 * Per-client rate limiting through the Workers rate-limiting binding (`RATE_LIMITER` in
 * wrangler.toml), keyed by the client address Cloudflare sets in CF-Connecting-IP (a
 * client cannot choose it there); it is used for this check only and never logged.
 *
 * Where it applies: deployed, always (`RATE_LIMIT = "on"` in wrangler.toml). Local dev
 * (`npm start` passes `--var RATE_LIMIT:off`) has no limit: `wrangler dev` sends a
 * CF-Connecting-IP of its own, and a local user, a test suite or a script evaluating a
 * batch of configs must not meet a 429 — nor could the limit hold there, where a client
 * picks the header itself. Without the binding or a client address, no limit applies.
 */
import type { MiddlewareHandler } from "hono";
import { ApiErrorCode, apiError } from "./errors";

interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

function limiterOf(env: unknown): RateLimiter | undefined {
  if (typeof env !== "object" || env === null) return undefined;
  if ("RATE_LIMIT" in env && env.RATE_LIMIT === "off") return undefined;
  if (!("RATE_LIMITER" in env)) return undefined;
  const rl: unknown = env.RATE_LIMITER;
  if (typeof rl === "object" && rl !== null && "limit" in rl && typeof rl.limit === "function") {
    return rl as RateLimiter;
  }
  return undefined;
}

export const rateLimit: MiddlewareHandler = async (c, next) => {
  const limiter = limiterOf(c.env);
  const client = c.req.header("cf-connecting-ip");
  if (limiter && client && c.req.method !== "OPTIONS" && c.req.path !== "/api/health") {
    const { success } = await limiter.limit({ key: client });
    if (!success) {
      c.header("retry-after", "60");
      throw apiError(
        429,
        ApiErrorCode.RateLimited,
        "Too many requests from this address; wait a minute and try again.",
      );
    }
  }
  await next();
};

/**
 * Per-client rate limiting through the Workers rate-limiting binding (`RATE_LIMITER` in
 * wrangler.toml). The key is the client address Cloudflare puts in CF-Connecting-IP; it
 * is used for this check only and never logged. Without the binding (local dev, tests
 * that do not configure it) or without a client address, no limit applies.
 */
import type { MiddlewareHandler } from "hono";
import { ApiErrorCode, apiError } from "./errors";

interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

function limiterOf(env: unknown): RateLimiter | undefined {
  if (typeof env !== "object" || env === null || !("RATE_LIMITER" in env)) return undefined;
  const rl: unknown = (env as { RATE_LIMITER: unknown }).RATE_LIMITER;
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

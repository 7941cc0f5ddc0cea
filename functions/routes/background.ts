/**
 * Work that may finish after the response (Cache API writes of DoH answers): handed to
 * the runtime's `waitUntil` so it is not cut off, and never awaited on the request path.
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { pendingCacheWrites } from "../services/resolver-stack";

export function finishInBackground(c: Context<AppEnv>): void {
  const work = pendingCacheWrites(c.get("deps"));
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No ExecutionContext (app.request() in Node tests): the writes just run on.
  }
}

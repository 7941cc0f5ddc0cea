/**
 * Headers on every response the Worker produces (API responses; static files get theirs
 * from web/public/_headers). JSON is never a document: nothing may run or frame it.
 */
import type { MiddlewareHandler } from "hono";

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set("x-content-type-options", "nosniff");
  h.set("referrer-policy", "no-referrer");
  // HTTPS only from the first visit on, for a year (RFC 6797); ignored over plain HTTP.
  h.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  if (!h.has("content-security-policy")) {
    h.set("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
  }
  h.set("cache-control", h.get("cache-control") ?? "no-store");
};

/**
 * Smaller guarantees of the API, each through the real app in-process: a quiet end for a
 * client that goes away mid-body, no rate limit in local dev, HSTS, 405 with Allow, /api
 * in any case, and dns_query() of a name no lookup can be made for.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { app } from "../../support/api";

const json = { "content-type": "application/json" };

afterEach(() => {
  vi.restoreAllMocks();
});

/** A body that sends `first`, then fails as a dropped connection does. */
function dropped(first: string): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (sent) return controller.error(new TypeError("Network connection lost."));
      sent = true;
      controller.enqueue(new TextEncoder().encode(first));
    },
  });
}

const code = async (res: Response) =>
  ((await res.json()) as { error?: { code: string } }).error?.code;

describe("a client that disconnects mid-body", () => {
  it.each([
    ["with a content-length", { "content-length": "4000" }],
    ["streamed", {}],
  ])("%s: a coded 400, nothing logged", async (_name, length) => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await app.request(
      "/api/expression",
      {
        method: "POST",
        headers: { ...json, ...length },
        body: dropped('{"expression": "'),
        duplex: "half",
      } as RequestInit,
      {},
    );
    expect({ status: res.status, code: await code(res) }).toEqual({
      status: 400,
      code: "body_incomplete",
    });
    expect(logged).not.toHaveBeenCalled();
  });
});

describe("rate limit", () => {
  const refusing = { limit: async () => ({ success: false }) };
  const ask = (env: Record<string, unknown>) =>
    app.request("/api/openapi.json", { headers: { "cf-connecting-ip": "192.0.2.1" } }, env);

  it("applies where RATE_LIMIT is on (deployed), keyed by CF-Connecting-IP", async () => {
    const res = await ask({ RATE_LIMITER: refusing, RATE_LIMIT: "on" });
    expect(res.status).toBe(429);
  });

  it("does not apply in local dev (RATE_LIMIT off, as npm start sets it)", async () => {
    const res = await ask({ RATE_LIMITER: refusing, RATE_LIMIT: "off" });
    expect(res.status).toBe(200);
  });
});

describe("headers, methods and paths", () => {
  it("every API response carries HSTS", async () => {
    const res = await app.request("/api/health", {}, {});
    expect(res.headers.get("strict-transport-security")).toBe(
      "max-age=31536000; includeSubDomains",
    );
  });

  it.each([
    ["/api/evaluate", "PUT", "POST, GET, HEAD"],
    ["/api/expression", "GET", "POST"],
    ["/api/openapi.json", "DELETE", "GET, HEAD"],
  ])("%s answers %s with 405 and Allow: %s", async (path, method, allow) => {
    const res = await app.request(path, { method }, {});
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe(allow);
    expect(await code(res)).toBe("method_not_allowed");
  });

  it.each(["/api", "/API", "/api/", "/Api/nothing"])(
    "%s answers the JSON envelope",
    async (path) => {
      const res = await app.request(path, {}, {});
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await code(res)).toBe("not_found");
    },
  );

  // The path is matched as written: hono/tiny's PatternRouter would serve these (its
  // trailing slash is optional) while methodNotAllowed, on a TrieRouter, still 404s them.
  it.each([
    ["GET", "/api/health/"],
    ["GET", "/api/evaluate/?domain=example.com&resolver=none"],
    ["POST", "/api/evaluate/"],
    ["GET", "/api/openapi.json/"],
    ["PUT", "/api/health/"],
  ])("%s %s (a trailing slash) is no route: 404", async (method, path) => {
    const res = await app.request(
      path,
      { method, headers: json, body: method === "POST" ? "{}" : null },
      {},
    );
    expect(res.status).toBe(404);
    expect(await code(res)).toBe("not_found");
  });

  it("/API/evaluate is /api/evaluate", async () => {
    const res = await app.request("/API/evaluate?domain=example.com&resolver=none", {}, {});
    expect(res.status).toBe(200);
  });
});

describe("dns_query() of a name no lookup can be made for", () => {
  it.each(["a b", "", "http://x/", "a..b"])(
    "%j answers at once with the failed lookup (expr_eval), not the lookup limit",
    async (name) => {
      const res = await app.request(
        "/api/expression",
        {
          method: "POST",
          headers: json,
          body: JSON.stringify({ expression: `dns_query('${name}', 'ip')`, resolver: "none" }),
        },
        {},
      );
      // A failed dns_query() lookup is an evaluation error, as in Stalwart.
      expect({ status: res.status, code: await code(res) }).toEqual({
        status: 422,
        code: "expr_eval",
      });
    },
  );
});

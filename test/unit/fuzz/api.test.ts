/**
 * Fuzzing the whole request path through app.request(): whatever the body, config,
 * expression or DoH answer bytes, the answer is a coded response, never a 5xx, and it
 * comes back in bounded time.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../functions/app";

const offline = createApp({
  fetch: () => Promise.reject(new Error("no network in unit tests")),
  clock: { now: () => 0 },
  newSeed: () => 1,
});

async function send(app: ReturnType<typeof createApp>, path: string, body: string) {
  const res = await app.request(
    path,
    { method: "POST", headers: { "content-type": "application/json" }, body },
    {},
  );
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as { error?: { code?: unknown } } };
}

function coded(r: { status: number; body: { error?: { code?: unknown } } }): void {
  expect(r.status).toBeLessThan(500);
  if (r.status !== 200) expect(r.body.error?.code).toMatch(/^[a-z_]+$/);
}

const tomlPiece = fc.constantFrom(
  "[queue.outbound]\n",
  "[remote.r]\n",
  'ip-strategy = "ipv6_only"\n',
  'ip-strategy = [ { if = "retry_num > 1", then = "ipv4_only" }, { else = "ipv6_only" } ]\n',
  "source-ip.v4 = \"['192.0.2.1', '192.0.2.2']\"\n",
  'limits.mx = "0"\n',
  'limits.multihomed = "retry_num"\n',
  "next-hop = \"'r'\"\n",
  'address = "127.0.0.1"\n',
  "x = [1, [2, [3]]]\n",
  "= \n",
  '"',
  "[[a]]\n",
  "{",
  "matches('(a+)+$', sender)",
  "\n",
);
const config = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(tomlPiece, { maxLength: 20 }).map((p) => p.join("")),
);

describe("fuzz: HTTP layer", () => {
  it("arbitrary JSON values as the evaluate body", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (v) => {
        coded(await send(offline, "/api/evaluate", JSON.stringify(v)));
      }),
      { numRuns: 150 },
    );
  });

  it("arbitrary text as the body", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (s) => {
        coded(await send(offline, "/api/expression", s));
      }),
      { numRuns: 150 },
    );
  });

  it("arbitrary configs and contexts", async () => {
    await fc.assert(
      fc.asyncProperty(
        config,
        fc.domain(),
        fc.nat({ max: 10 }),
        fc.string({ maxLength: 40 }),
        async (cfg, domain, retry, sender) => {
          const r = await send(
            offline,
            "/api/evaluate",
            JSON.stringify({
              config: cfg,
              context: { domain, retry_num: retry, sender },
              resolver: "none",
            }),
          );
          coded(r);
          if (r.status !== 200) expect([400, 413, 422]).toContain(r.status);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("arbitrary configs to migrate, to either target", async () => {
    await fc.assert(
      fc.asyncProperty(config, fc.constantFrom("v0.13", "v0.16"), async (cfg, target) => {
        const r = await send(offline, "/api/migrate", JSON.stringify({ config: cfg, target }));
        coded(r);
        if (r.status !== 200) expect([400, 413, 422]).toContain(r.status);
      }),
      { numRuns: 150 },
    );
  });

  it("arbitrary expressions with and without a key", async () => {
    const piece = fc.constantFrom(
      "retry_num",
      "rcpt_domain",
      " + ",
      " && ",
      "(",
      ")",
      "[",
      "]",
      "'a'",
      "matches('(a|a)*b', ",
      "dns_query('x.test', 'mx')",
      "split(",
      ",",
      "1.5",
      "$1",
      "9999999999999999999999",
    );
    const expr = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.array(piece, { maxLength: 30 }).map((p) => p.join("")),
    );
    await fc.assert(
      fc.asyncProperty(
        expr,
        fc.option(fc.constantFrom("queue.outbound.ip-strategy", "queue.outbound.source-ip.v4")),
        async (expression, key) => {
          coded(
            await send(
              offline,
              "/api/expression",
              JSON.stringify({ expression, resolver: "none", ...(key ? { key } : {}) }),
            ),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("arbitrary DoH answers (status, content type, bytes) never break a plan", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(200, 200, 200, 204, 301, 400, 403, 404, 429, 500, 502, 503),
        fc.constantFrom("application/dns-message", "text/html", "", "application/json"),
        fc.uint8Array({ maxLength: 120 }),
        async (status, type, bytes) => {
          const app = createApp({
            fetch: async () =>
              new Response(status === 204 ? null : bytes, {
                status,
                headers: type ? { "content-type": type } : {},
              }),
            clock: { now: () => 0 },
            newSeed: () => 1,
          });
          const r = await send(
            app,
            "/api/evaluate",
            JSON.stringify({ context: { domain: "fuzz.example" }, resolver: "google" }),
          );
          expect(r.status).toBe(200);
        },
      ),
      { numRuns: 120 },
    );
  });
});

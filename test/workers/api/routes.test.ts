/** The routes in the real runtime (workerd), resolver "default" = the test DoH proxy. */
import { describe, expect, it } from "vitest";
import type { Plan } from "../../../functions/core/contract";
import { countOf } from "../../support/dns-control";
import { call, type ErrorEnvelope, json, postJson } from "./helpers";

describe("routes in workerd", () => {
  it("GET /api/health", async () => {
    const res = await call("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: expect.any(String) });
  });

  it("POST /api/evaluate resolves through DOH_URL (the proxy)", async () => {
    const before = await countOf("multi.zone.test", "MX");
    const res = await postJson("/api/evaluate", {
      context: { domain: "multi.zone.test" },
      seed: 5,
    });
    expect(res.status).toBe(200);
    const plan = await json<Plan>(res);
    expect(plan.seed).toBe(5);
    expect(plan.mx.status).toBe("ok");
    expect(plan.hosts.map((h) => h.name)).toEqual([
      "mx1.multi.zone.test",
      "mx2.multi.zone.test",
      "mx3.multi.zone.test",
    ]);
    expect(plan.attempts.map((a) => a.ip)).toEqual([
      "192.0.2.11",
      "2001:db8::11",
      "192.0.2.12",
      "2001:db8::13",
    ]);
    expect(plan.dns[0]).toMatchObject({ name: "multi.zone.test", type: "MX" });
    expect(await countOf("multi.zone.test", "MX")).toBeGreaterThanOrEqual(
      before + (plan.dns[0]?.from === "doh" ? 1 : 0),
    );
  });

  it("GET /api/evaluate takes the same inputs as query parameters", async () => {
    const config = '[queue.outbound]\nip-strategy = "ipv6_only"\n';
    const res = await call(
      `/api/evaluate?domain=v6mx.zone.test&retry_num=1&seed=9&config=${encodeURIComponent(config)}`,
    );
    expect(res.status).toBe(200);
    const plan = await json<Plan>(res);
    expect(plan.strategy.value).toBe("ipv6_only");
    expect(plan.attempts.map((a) => `${a.host} ${a.ip}`)).toEqual([
      "v6only.zone.test 2001:db8::81",
    ]);
  });

  it("POST /api/expression, dns_query() through the proxy", async () => {
    const res = await postJson("/api/expression", {
      expression: "dns_query('multi.zone.test', 'mx')",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      value: ["mx1.multi.zone.test", "mx2.multi.zone.test", "mx3.multi.zone.test"],
      type: "array",
    });
  });

  it("GET /api/openapi.json is an OpenAPI 3.1 document of every route", async () => {
    const res = await call("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await json<{
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { type?: string; properties?: object }> };
    }>(res);
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBeTypeOf("string");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/evaluate",
      "/api/expression",
      "/api/health",
      "/api/migrate",
      "/api/spf",
    ]);
    expect(doc.components.schemas.SpfRequest?.properties).toHaveProperty("helo");
    expect(doc.components.schemas.MigrateRequest?.properties).toHaveProperty("target");
    expect(Object.keys(doc.paths["/api/evaluate"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(doc.paths["/api/evaluate"]?.post?.responses).toHaveProperty("413");
    expect(doc.components.schemas.EvaluateRequest?.type).toBe("object");
    expect(doc.components.schemas.EvaluateRequest?.properties).toHaveProperty("context");
    expect(doc.components.schemas.Error?.properties).toHaveProperty("error");
  });

  it("CORS preflight from another origin", async () => {
    const res = await call("/api/evaluate", {
      method: "OPTIONS",
      headers: {
        origin: "https://docs.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "content-type",
    );
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
  });

  it.each([
    ["GET", "/api/health"],
    ["GET", "/api/nope"],
    ["POST", "/api/evaluate"],
    ["OPTIONS", "/api/expression"],
  ])("security headers on %s %s", async (method, path) => {
    const res = await call(path, {
      method,
      ...(method === "POST" ? { headers: { "content-type": "application/json" }, body: "{" } : {}),
    });
    await res.arrayBuffer();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("rate limit: a client over the limit gets a 429 in the envelope; others do not", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 30; i++) {
      last = await call("/api/nope", { headers: { "cf-connecting-ip": ip } });
      statuses.push(last.status);
      if (last.status === 429) break;
      await last.arrayBuffer();
    }
    expect(statuses.slice(0, -1).every((s) => s === 404)).toBe(true);
    expect(last?.status).toBe(429);
    expect(last?.headers.get("retry-after")).toBe("60");
    expect((await json<ErrorEnvelope>(last as Response)).error.code).toBe("rate_limited");
    const other = await call("/api/nope", { headers: { "cf-connecting-ip": "203.0.113.77" } });
    expect(other.status).toBe(404);
    // Without a client address (local dev) there is no limit.
    const anon = await call("/api/health");
    expect(anon.status).toBe(200);
  });
});

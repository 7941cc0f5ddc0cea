/**
 * The contract (functions/core/contract) is what the core produces, the API documents and
 * the web reads: real answers parse with its schemas, and /api/openapi.json describes
 * the responses with them too.
 */
import { describe, expect, it } from "vitest";
import {
  ErrorSchema,
  ExpressionResponseSchema,
  PlanSchema,
} from "../../../functions/core/contract";
import { a, aaaa, app, mx, post } from "../../support/api";

describe("real answers parse with the contract's schemas", () => {
  it("a plan with hosts, attempts, diagnostics and a trace", async () => {
    const res = await post("/api/evaluate", {
      config: '[queue.outbound]\nip-strategy = "ipv6_then_ipv4"\nnope = 1\n',
      context: { domain: "example.com" },
      records: [
        mx(10, "mx1.example.com"),
        a("mx1.example.com", "192.0.2.1"),
        aaaa("mx1.example.com", "2001:db8::1"),
      ],
      resolver: "none",
      seed: 3,
    });
    const parsed = PlanSchema.safeParse(await res.json());
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data?.attempts.length).toBe(2);
    expect(parsed.data?.diagnostics.length).toBeGreaterThan(0);
  });

  it("an expression's value and an error envelope", async () => {
    const ok = await post("/api/expression", { expression: "[1, 'a', 2.5]" });
    expect(ExpressionResponseSchema.safeParse(await ok.json()).success).toBe(true);
    const bad = await post("/api/expression", { expression: "1 +", nope: 1 });
    expect(bad.status).toBe(400);
    expect(ErrorSchema.safeParse(await bad.json()).success).toBe(true);
  });
});

describe("/api/openapi.json", () => {
  it("describes every response with the contract's schemas", async () => {
    const doc = (await (await app.request("/api/openapi.json", {}, {})).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const ref = (path: string, method: string, status: string) =>
      JSON.stringify(doc.paths[path]?.[method]?.responses[status]?.content);
    expect(ref("/api/evaluate", "post", "200")).toContain("#/components/schemas/Plan");
    expect(ref("/api/evaluate", "get", "200")).toContain("#/components/schemas/Plan");
    expect(ref("/api/expression", "post", "200")).toContain(
      "#/components/schemas/ExpressionResponse",
    );
    expect(ref("/api/expression", "post", "422")).toContain("#/components/schemas/Error");
    expect(Object.keys(doc.components.schemas.Plan?.properties ?? {})).toEqual(
      Object.keys(PlanSchema.def.innerType.shape),
    );
  });
});

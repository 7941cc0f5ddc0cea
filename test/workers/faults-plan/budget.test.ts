/**
 * The DoH query cap (LIMITS.dohQueries, well under the platform's 50 subrequests) and
 * the overall deadline hold end to end: many dual-stack hosts plus dns_query() calls
 * never make more than the cap, and a resolver that never answers gives a 200 with
 * temporary failures, never a hang (how fast is the bench's business, not a test's).
 */
import { describe, expect, it } from "vitest";
import type { Plan } from "../../../functions/core/contract";
import { LIMITS } from "../../../functions/core/limits";
import { proxyCounts } from "../../support/dns-control";
import { postJson } from "../api/helpers";

async function queriesFor(suffix: string): Promise<number> {
  const { counts } = await proxyCounts();
  return Object.entries(counts)
    .filter(([k]) => k.split(" ")[0]?.endsWith(suffix))
    .reduce((n, [, v]) => n + v, 0);
}

async function evaluate(body: Record<string, unknown>): Promise<Plan> {
  const res = await postJson("/api/evaluate", { resolver: "default", seed: 3, ...body });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as Plan;
}

describe("query cap and deadline", () => {
  it("is well under the 50 subrequests of the free plan", () => {
    expect(LIMITS.dohQueries).toBeLessThanOrEqual(40);
    expect(LIMITS.deadlineMs).toBeLessThan(30_000);
    expect(LIMITS.dohTimeoutMs).toBeLessThan(LIMITS.deadlineMs);
  });

  it("20 dual-stack MX hosts with a dns_query() per host never exceed the cap", async () => {
    const tag = `cap${Date.now().toString(36)}.zone.test`;
    const hosts = Array.from({ length: 20 }, (_, i) => `h${i}.${tag}`);
    const before = await queriesFor(tag);
    const plan = await evaluate({
      config: [
        "[queue.outbound]",
        'ip-strategy = "ipv4_then_ipv6"',
        'limits.mx = "0"',
        "source-ip.v4 = \"dns_query('x.' + mx, 'txt')\"",
        "",
      ].join("\n"),
      context: { domain: "example.com" },
      records: hosts.map((h, i) => ({ name: "example.com", type: "MX", value: `${i} ${h}` })),
    });
    const made = (await queriesFor(tag)) - before;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThanOrEqual(LIMITS.dohQueries);
    expect(plan.hosts).toHaveLength(20);
    // Hosts past the cap fail temporarily and say why; none is silently dropped.
    const failed = plan.hosts.filter((h) => h.error !== null);
    expect(failed.length).toBeGreaterThan(0);
    for (const h of failed)
      expect(h.error?.permanent === false || /not found/.test(h.error?.message ?? "")).toBe(true);
    // Past the cap, lookups are refused as temporary errors, never made.
    expect(plan.hosts.some((h) => h.error?.permanent === false)).toBe(true);
  });

  it("45 dns_query() calls in one expression stop at the cap with a coded limit", async () => {
    // Names that exist (a wildcard): a failed lookup would end the evaluation at once.
    const tag = `loop${Date.now().toString(36)}.wild.zone.test`;
    const calls = Array.from({ length: 45 }, (_, i) => `dns_query('n${i}.${tag}', 'ip')`);
    const before = await queriesFor(tag);
    const res = await postJson("/api/expression", { expression: calls.join(" + ") });
    const body = (await res.json()) as { error?: { code: string } };
    expect(res.status).toBe(422);
    expect(body.error?.code).toBe("expr_limit");
    expect((await queriesFor(tag)) - before).toBeLessThanOrEqual(LIMITS.dohQueries);
  });

  it("a resolver that never answers: a 200 with temporary failures", async () => {
    const hosts = Array.from({ length: 12 }, (_, i) => `h${i}.timeout.fault.test`);
    const plan = await evaluate({
      config: '[queue.outbound]\nlimits.mx = "0"\n',
      context: { domain: "example.com" },
      records: hosts.map((h) => ({ name: "example.com", type: "MX", value: `10 ${h}` })),
    });
    expect(plan.hosts).toHaveLength(12);
    for (const h of plan.hosts) expect(h.error?.permanent).toBe(false);
    expect(plan.attempts).toEqual([]);
    expect(plan.outcome?.kind).toBe("temporary_failure");
  });

  it("a slow MX lookup that times out is a temporary failure", async () => {
    const plan = await evaluate({ context: { domain: "slow.timeout.fault.test" } });
    expect(plan.mx.status).toBe("error");
    expect(plan.outcome?.kind).toBe("temporary_failure");
  });
});

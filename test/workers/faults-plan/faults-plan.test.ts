/**
 * Every DoH fault, through the real Worker: it becomes Stalwart's temporary failure for
 * that MX lookup or host, shown in the plan and the trace, other hosts still resolve,
 * and the response is a 200 with a partial plan, never a 5xx.
 * Faults are injected by query name by the counting proxy (test/support/dns-proxy.ts);
 * SERVFAIL comes from dnsdist (`*.servfail.test`).
 */
import { describe, expect, it } from "vitest";
import type { Plan } from "../../../functions/core/contract";
import { postJson } from "../api/helpers";

const FAULTS = [
  "http500",
  "badbody",
  "ctype",
  "truncated",
  "tcbit",
  "mismatch",
  "refused",
  "timeout",
] as const;
const faultyName = (fault: string, label: string) =>
  fault === "servfail" ? `${label}.servfail.test` : `${label}.${fault}.fault.test`;
const ALL = [...FAULTS, "servfail"] as const;

async function evaluate(body: Record<string, unknown>): Promise<Plan> {
  const res = await postJson("/api/evaluate", { resolver: "default", seed: 1, ...body });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as Plan;
}

describe("a fault on the MX lookup", () => {
  it.each(ALL)("%s: temporary failure, nothing tried, shown in plan and trace", async (fault) => {
    const domain = faultyName(fault, "mxq");
    const plan = await evaluate({ context: { domain } });
    expect(plan.mx.status).toBe("error");
    expect(plan.hosts).toEqual([]);
    expect(plan.attempts).toEqual([]);
    expect(plan.outcome?.kind).toBe("temporary_failure");
    const mx = plan.dns.find((t) => t.name === domain && t.type === "MX");
    expect(mx).toBeDefined();
    expect(mx?.rcode).not.toBe("NOERROR");
    if (fault !== "servfail") expect(mx?.error).toBeTypeOf("string");
  });
});

describe("a fault on one host's A/AAAA", () => {
  it.each(ALL)("%s: that host fails temporarily, the other host still resolves", async (fault) => {
    const bad = faultyName(fault, "host");
    const plan = await evaluate({
      context: { domain: "example.com" },
      records: [
        { name: "example.com", type: "MX", value: `10 ${bad}` },
        { name: "example.com", type: "MX", value: "20 mx1.multi.zone.test" },
      ],
    });
    expect(plan.mx.status).toBe("ok");
    expect(plan.hosts.map((h) => h.name)).toEqual([bad, "mx1.multi.zone.test"]);
    const [badHost, goodHost] = plan.hosts;
    expect(badHost?.error?.permanent).toBe(false);
    expect(badHost?.error?.message).toMatch(/^lookup error/);
    expect(badHost?.ips).toEqual([]);
    expect(goodHost?.error).toBeNull();
    expect(goodHost?.ips).toEqual(["192.0.2.11", "2001:db8::11"]);
    expect(plan.attempts.map((a) => a.ip)).toEqual(["192.0.2.11", "2001:db8::11"]);
    expect(plan.outcome).toBeNull();
    const traced = plan.dns.filter((t) => t.name === bad);
    expect(traced.map((t) => t.type).sort()).toEqual(["A", "AAAA"]);
    for (const t of traced) expect(t.rcode).not.toBe("NOERROR");
  });

  it("ipv4_only with a failing A: only that host fails, no AAAA asked", async () => {
    const bad = faultyName("http500", "v4host");
    const plan = await evaluate({
      config: '[queue.outbound]\nip-strategy = "ipv4_only"\n',
      context: { domain: "example.com" },
      records: [
        { name: "example.com", type: "MX", value: `10 ${bad}` },
        { name: "example.com", type: "MX", value: "20 v4only.zone.test" },
      ],
    });
    expect(plan.hosts[0]?.error).toMatchObject({ permanent: false });
    expect(plan.attempts.map((a) => `${a.host} ${a.ip}`)).toEqual(["v4only.zone.test 192.0.2.91"]);
    expect(plan.dns.filter((t) => t.name === bad).map((t) => t.type)).toEqual(["A"]);
  });
});

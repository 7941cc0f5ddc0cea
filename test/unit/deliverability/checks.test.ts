/**
 * `checks: ["spf", "ptr"]` on POST /api/evaluate through app.request(): a verdict per
 * attempt for every source candidate, the unbound verdict, and the subrequest budget.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../../../functions/app";
import type { Plan } from "../../../functions/core/contract";
import { fakeDoh } from "../dns/fake-doh";

const CONFIG = `[queue.outbound]
hostname = "'mail.example.org'"
ip-strategy = "ipv4_then_ipv6"
source-ip.v4 = "['198.51.100.10', '198.51.100.11']"
`;

const RECORDS = [
  { name: "example.com", type: "MX", value: "10 mx1.example.com" },
  { name: "mx1.example.com", type: "A", value: "192.0.2.25" },
  { name: "mx1.example.com", type: "AAAA", value: "2001:db8::25" },
  { name: "example.org", type: "TXT", value: "v=spf1 ip4:198.51.100.10 -all" },
  { name: "mail.example.org", type: "TXT", value: "v=spf1 a -all" },
  { name: "mail.example.org", type: "A", value: "198.51.100.10" },
  { name: "10.100.51.198.in-addr.arpa", type: "PTR", value: "mail.example.org" },
  { name: "11.100.51.198.in-addr.arpa", type: "PTR", value: "other.example.net" },
  { name: "other.example.net", type: "A", value: "203.0.113.1" },
];

async function evaluate(
  body: Record<string, unknown>,
  fetch: typeof globalThis.fetch = () => Promise.reject(new Error("offline")),
): Promise<Plan> {
  const app = createApp({ fetch, clock: { now: () => 0 }, newSeed: () => 1 });
  const res = await app.request(
    "/api/evaluate",
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    {},
  );
  expect(res.status).toBe(200);
  return (await res.json()) as Plan;
}

describe("checks on /api/evaluate", () => {
  it("checks every source candidate of each attempt, and says when the OS chooses", async () => {
    const plan = await evaluate({
      config: CONFIG,
      context: { domain: "example.com", sender: "alice@example.org" },
      records: RECORDS,
      resolver: "none",
      seed: 7,
      checks: ["spf", "ptr"],
    });
    const [v4, v6] = plan.attempts;
    const good = {
      sourceIp: "198.51.100.10",
      spf: { result: "pass", mechanism: "ip4:198.51.100.10", domain: "example.org" },
      helo: { name: "mail.example.org", spf: { result: "pass", mechanism: "a" } },
      ptr: { names: ["mail.example.org"], forwardConfirmed: true, confirmed: ["mail.example.org"] },
      ehloMatchesPtr: true,
    };
    const bad = {
      sourceIp: "198.51.100.11",
      spf: { result: "fail", mechanism: "-all" },
      helo: { name: "mail.example.org", spf: { result: "fail", mechanism: "-all" } },
      ptr: { names: ["other.example.net"], forwardConfirmed: false, confirmed: [] },
      ehloMatchesPtr: false,
    };
    expect(v4?.deliverability).toMatchObject({
      verdict: "checked",
      sourceIp: v4?.sourceIp,
      candidates: [good, bad],
    });
    expect(v4?.deliverability).toMatchObject(v4?.sourceIp === good.sourceIp ? good : bad);
    expect(v6).toMatchObject({
      family: "ipv6",
      sourceIp: null,
      deliverability: { sourceIp: null, verdict: "unbound", helo: { name: "mail.example.org" } },
    });
    expect(plan.checks).toEqual({
      requested: ["spf", "ptr"],
      sender: "alice@example.org",
      subrequests: { dns: 0, limit: 48 },
    });
  });

  it("checks only what is asked for, and the null sender as postmaster@<EHLO>", async () => {
    const plan = await evaluate({
      config: CONFIG,
      context: { domain: "example.com" },
      records: RECORDS,
      resolver: "none",
      checks: ["spf"],
    });
    const d = plan.attempts[0]?.deliverability;
    expect(d).not.toHaveProperty("ptr");
    expect(d).not.toHaveProperty("ehloMatchesPtr");
    expect(d).toMatchObject({ spf: { domain: "mail.example.org" } });
  });

  it("leaves plans without checks as they were", async () => {
    const plan = await evaluate({
      config: CONFIG,
      context: { domain: "example.com" },
      records: RECORDS,
      resolver: "none",
    });
    expect(plan.attempts[0]).not.toHaveProperty("deliverability");
    expect(plan).not.toHaveProperty("checks");
  });

  it("degrades with a diagnostic at the subrequest limit, the plan complete", async () => {
    // Ten mx terms of ten exchanges each: far more lookups than 48 queries allow.
    const mechanisms = Array.from({ length: 10 }, (_, i) => `mx:m${i}.example.org`).join(" ");
    const doh = fakeDoh((name, type) => {
      if (type === "TXT" && name === "example.org")
        return { answers: [{ name, type: "TXT", ttl: 60, data: `v=spf1 ${mechanisms} -all` }] };
      if (type === "MX" && /^m\d\.example\.org$/.test(name)) {
        const answers = Array.from({ length: 10 }, (_, j) => ({
          name,
          type: "MX" as const,
          ttl: 60,
          data: { preference: j, exchange: `x${j}.${name}` },
        }));
        return { answers };
      }
      if (type === "MX")
        return {
          answers: [
            { name, type: "MX", ttl: 60, data: { preference: 10, exchange: "mx1.example.com" } },
          ],
        };
      if (type === "A") return { answers: [{ name, type: "A", ttl: 60, data: "203.0.113.1" }] };
      return { rcode: "NXDOMAIN" };
    });
    const plan = await evaluate(
      {
        config: CONFIG,
        context: { domain: "example.com", sender: "alice@example.org" },
        resolver: "quad9",
        checks: ["spf"],
      },
      doh.fetch as typeof globalThis.fetch,
    );
    expect(plan.hosts[0]).toMatchObject({ name: "mx1.example.com", ips: ["203.0.113.1"] });
    expect(plan.attempts[0]?.deliverability).toMatchObject({
      spf: { result: "temperror", problem: { code: "spf_dns_error" } },
    });
    expect(plan.diagnostics.map((d) => d.code)).toContain("checks_subrequest_limit");
    expect(doh.seen.length).toBeLessThanOrEqual(48);
    expect(plan.checks?.subrequests.dns).toBe(doh.seen.length);
  });
});

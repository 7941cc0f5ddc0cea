/**
 * Properties of every plan, over random zones and configs (fast-check):
 * each attempt's IP belongs to its host; a bound source IP has the remote IP's family and
 * is one of the host's candidates; at most limits.mx hosts and limits.multihomed IPs per
 * host; the same seed gives the same plan.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Plan } from "../../../functions/core/contract";
import { parseIp } from "../../../functions/core/ip";
import { plan, type Rec } from "../../support/api";

const STRATEGIES = ["ipv4_only", "ipv6_only", "ipv4_then_ipv6", "ipv6_then_ipv4"] as const;

const hostArb = fc.record({
  pref: fc.integer({ min: 0, max: 3 }).map((n) => n * 10),
  v4: fc.array(fc.integer({ min: 1, max: 250 }), { maxLength: 4 }),
  v6: fc.array(fc.integer({ min: 1, max: 0xfff }), { maxLength: 4 }),
  loop: fc.boolean(),
});

const scenarioArb = fc.record({
  hosts: fc.array(hostArb, { minLength: 1, maxLength: 7 }),
  strategy: fc.constantFrom(...STRATEGIES),
  mx: fc.integer({ min: 0, max: 6 }),
  multihomed: fc.integer({ min: 0, max: 5 }),
  sources4: fc.integer({ min: 0, max: 3 }),
  sources6: fc.integer({ min: 0, max: 3 }),
  seed: fc.nat(),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function records(s: Scenario): Rec[] {
  const out: Rec[] = [];
  s.hosts.forEach((h, i) => {
    const name = `h${i}.example.com`;
    out.push({ name: "example.com", type: "MX", value: `${h.pref} ${name}` });
    if (h.loop) out.push({ name, type: "A", value: "127.0.0.1" });
    for (const o of new Set(h.v4)) out.push({ name, type: "A", value: `192.0.2.${o}` });
    for (const g of new Set(h.v6))
      out.push({ name, type: "AAAA", value: `2001:db8::${g.toString(16)}` });
  });
  return out;
}

function config(s: Scenario): string {
  const list = (n: number, f: (i: number) => string) =>
    `"[${Array.from({ length: n }, (_, i) => `'${f(i)}'`).join(", ")}]"`;
  return [
    "[queue.outbound]",
    `ip-strategy = "${s.strategy}"`,
    "[queue.outbound.limits]",
    `mx = ${s.mx}`,
    `multihomed = ${s.multihomed}`,
    "[queue.outbound.source-ip]",
    `v4 = ${list(s.sources4, (i) => `198.51.100.${i + 1}`)}`,
    `v6 = ${list(s.sources6, (i) => `2001:db8:5::${i + 1}`)}`,
    "",
  ].join("\n");
}

async function run(s: Scenario): Promise<Plan> {
  return plan({ config: config(s), records: records(s), seed: s.seed });
}

describe("plan properties", () => {
  it("hold for random zones and configs", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const p = await run(s);
        const byName = new Map(p.hosts.map((h) => [h.name, h]));
        if (s.mx > 0) expect(p.hosts.length).toBeLessThanOrEqual(s.mx);
        for (const h of p.hosts) {
          expect(h.ips.length).toBeLessThanOrEqual(s.multihomed);
          expect(
            h.ips.length + h.dropped.filter((d) => d.reason === "loopback").length,
          ).toBeLessThanOrEqual(s.multihomed);
        }
        for (const t of p.attempts) {
          const host = byName.get(t.host);
          expect(host?.ips).toContain(t.ip);
          const family = parseIp(t.ip)?.family === 6 ? "ipv6" : "ipv4";
          expect(t.family).toBe(family);
          if (s.strategy === "ipv4_only") expect(family).toBe("ipv4");
          if (s.strategy === "ipv6_only") expect(family).toBe("ipv6");
          if (t.sourceIp !== null) {
            expect(parseIp(t.sourceIp)?.family === 6 ? "ipv6" : "ipv4").toBe(t.family);
            const candidates =
              t.family === "ipv4" ? host?.source.v4.candidates : host?.source.v6.candidates;
            expect(candidates).toContain(t.sourceIp);
          } else {
            const candidates =
              t.family === "ipv4" ? host?.source.v4.candidates : host?.source.v6.candidates;
            expect(candidates).toEqual([]);
          }
        }
        expect(p.attempts.map((t) => t.n)).toEqual(p.attempts.map((_, i) => i + 1));
        expect(p.outcome === null).toBe(p.attempts.length > 0);
      }),
      { numRuns: 60 },
    );
  });

  it("the same seed gives the same plan", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const [x, y] = await Promise.all([run(s), run(s)]);
        expect(y).toEqual(x);
      }),
      { numRuns: 25 },
    );
  });

  it("hosts come in preference order", async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const p = await run(s);
        const prefs = p.hosts.map((h) => h.preference ?? 0);
        expect(prefs).toEqual([...prefs].sort((a, b) => a - b));
      }),
      { numRuns: 30 },
    );
  });
});

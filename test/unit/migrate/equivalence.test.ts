/**
 * The property of issue 15 (Deliver 3): for generated ≤ v0.12 configs within the mappable
 * subset (every outbound key constant or conditional on the variables its target selector
 * has), contexts and DNS data, the migrated config — evaluated by this project's v0.13 and
 * v0.16 models — gives the same route, attempt order, source candidates per attempt and
 * EHLO name as the original, except where a note says why. The comparison is made here
 * from the two plans, not taken from the answer's `comparison` (which must agree with it).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Attempt, MigrateResponse, Plan } from "../../../functions/core/contract";
import { MigrateRequestSchema } from "../../../functions/core/contract";
import { noneResolver } from "../../../functions/core/dns/records-resolver";
import { migrateConfig } from "../../../functions/core/migrate-config";

const STRATEGIES = ["ipv4_only", "ipv6_only", "ipv4_then_ipv6", "ipv6_then_ipv4"] as const;
const SENDER_CONDITIONS = [
  "retry_num > 0",
  "retry_num > 1",
  "sender_domain == 'a.example'",
  "priority > 0",
];
const MX_CONDITIONS = [
  ...SENDER_CONDITIONS,
  "mx == 'mx1.example.com'",
  "rcpt_domain == 'example.com'",
];

/** A key's value: one expression, or a two-branch if-block on one of `conditions`. */
function block(values: fc.Arbitrary<string>, conditions: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    values.map((v) => JSON.stringify(v)),
    fc
      .tuple(fc.constantFrom(...conditions), values, values)
      .map(
        ([c, a, b]) =>
          `[{ if = ${JSON.stringify(c)}, then = ${JSON.stringify(a)} }, { else = ${JSON.stringify(b)} }]`,
      ),
  );
}

const addressList = (family: 4 | 6) =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 3 })
    .map(
      (ns) =>
        `[${ns.map((n) => (family === 4 ? `'198.51.100.${n}'` : `'2001:db8:5::${n}'`)).join(", ")}]`,
    );

const configArb = fc
  .record({
    strategy: fc.option(block(fc.constantFrom(...STRATEGIES), SENDER_CONDITIONS)),
    maxMx: fc.option(block(fc.integer({ min: 0, max: 4 }).map(String), SENDER_CONDITIONS)),
    multihomed: fc.option(block(fc.integer({ min: 1, max: 4 }).map(String), SENDER_CONDITIONS)),
    nextHop: fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      fc.constantFrom(
        `"'relay'"`,
        `[{ if = "retry_num > 1", then = "'relay'" }, { else = false }]`,
        `[{ if = "is_local_domain('*', rcpt_domain)", then = "'local'" }, { if = "priority > 0", then = "'relay'" }, { else = false }]`,
      ),
    ),
    v4: fc.option(block(addressList(4), MX_CONDITIONS)),
    v6: fc.option(block(addressList(6), MX_CONDITIONS)),
    hostname: fc.option(
      block(
        fc.constantFrom("'out.example.net'", "config_get('server.hostname')"),
        SENDER_CONDITIONS,
      ),
    ),
    server: fc.boolean(),
  })
  .map((c) => {
    const lines = c.server ? ["[server]", 'hostname = "mx.example.org"'] : [];
    lines.push("[queue.outbound]");
    const key = (name: string, value: string | null) =>
      value !== null && lines.push(`${name} = ${value}`);
    key("ip-strategy", c.strategy);
    key("limits.mx", c.maxMx);
    key("limits.multihomed", c.multihomed);
    key("next-hop", c.nextHop);
    key("source-ip.v4", c.v4);
    key("source-ip.v6", c.v6);
    key("hostname", c.hostname);
    lines.push(
      "[remote.relay]",
      'address = "relay.example.net"',
      "port = 587",
      "tls.implicit = false",
    );
    return `${lines.join("\n")}\n`;
  });

type Rec = { name: string; type: string; value: string };

const hostArb = fc.record({
  pref: fc.constantFrom(10, 20, 30),
  v4: fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { maxLength: 3 }),
  v6: fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { maxLength: 3 }),
});

const dnsArb = fc
  .record({ hosts: fc.array(hostArb, { maxLength: 3 }), relay: hostArb })
  .map(({ hosts, relay }) => {
    const out: Rec[] = [];
    const addresses = (name: string, h: { v4: number[]; v6: number[] }, n: number) => {
      for (const o of h.v4) out.push({ name, type: "A", value: `192.0.2.${n * 10 + o}` });
      for (const o of h.v6) out.push({ name, type: "AAAA", value: `2001:db8::${n}:${o}` });
    };
    // No MX record: the domain itself is the one host (implicit MX).
    if (hosts.length === 0) addresses("example.com", { v4: [1], v6: [1] }, 0);
    hosts.forEach((h, i) => {
      out.push({ name: "example.com", type: "MX", value: `${h.pref} mx${i + 1}.example.com` });
      addresses(`mx${i + 1}.example.com`, h, i + 1);
    });
    addresses("relay.example.net", relay, 9);
    return out;
  });

const contextArb = fc.record({
  domain: fc.constant("example.com"),
  retry_num: fc.integer({ min: 0, max: 3 }),
  priority: fc.integer({ min: -1, max: 1 }),
  sender: fc.constantFrom("someone@a.example", "someone@b.example", ""),
});

const io = { upstream: noneResolver, clock: { now: () => 0 }, newSeed: () => 1 };

const target = (a: Attempt) => `${a.host} ${a.ip}`;

/** v0.12 draws the source per host: an attempt's candidates are its host's, of its family. */
function v012Candidates(plan: Plan, a: Attempt): readonly string[] {
  const host = plan.hosts.find((h) => h.name === a.host);
  return (a.family === "ipv4" ? host?.source.v4 : host?.source.v6)?.candidates ?? [];
}

/** What the issue asks to be the same, read from a plan pair. */
function sameDelivery(before: Plan, after: Plan): boolean {
  const kind = before.nextHop.kind;
  if ((after.route?.kind ?? "mx") !== kind) return false;
  if (before.attempts.map(target).join() !== after.attempts.map(target).join()) return false;
  return before.attempts.every((b, i) => {
    const a = after.attempts[i];
    const now = (a?.sourceCandidates ?? []).map((c) => c.ip);
    return v012Candidates(before, b).join() === now.join() && b.ehlo?.name === a?.ehlo?.name;
  });
}

describe("a migrated config delivers as the ≤ v0.12 one did", () => {
  it("for 1,000 generated configs × contexts × zones, in v0.13 and in v0.16", async () => {
    let compared = 0;
    let mxAttempts = 0;
    await fc.assert(
      fc.asyncProperty(
        configArb,
        contextArb,
        dnsArb,
        fc.nat(),
        fc.constantFrom(true, false, false, false),
        async (config, context, records, seed, local) => {
          for (const t of ["v0.13", "v0.16"] as const) {
            const req = MigrateRequestSchema.parse({
              config,
              target: t,
              context,
              records,
              resolver: "none",
              seed,
              localDomains: local ? ["example.com"] : [],
            });
            const r: MigrateResponse = await migrateConfig(req, io);
            const c = r.comparison;
            if (c === undefined) throw new Error("no comparison");
            expect(c.after.model).toBe(t);
            // The migrated config loads without an error in the target's model.
            expect(c.after.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
            const same = sameDelivery(c.before, c.after);
            if (c.before.nextHop.kind === "mx" && c.before.attempts.length > 0) mxAttempts++;
            expect(c.same).toBe(same);
            if (same) continue;
            // Differences only where a note says why: a relay's lookup, a value v0.16 refused.
            const why = new Set(r.notes.map((n) => n.code));
            const relay = c.before.nextHop.kind === "relay" && why.has("migrate_relay_ip_lookup");
            const adjusted = why.has("migrate_value_adjusted");
            expect(relay || adjusted, JSON.stringify(c.differences)).toBe(true);
            for (const d of c.differences) expect(d.note).toBeDefined();
          }
          compared++;
        },
      ),
      { numRuns: 1000 },
    );
    expect(compared).toBeGreaterThanOrEqual(1000);
    // Not vacuous: a good share of the cases are MX deliveries with addresses to try.
    expect(mxAttempts).toBeGreaterThan(400);
  }, 120_000);
});

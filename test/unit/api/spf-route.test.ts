/**
 * POST /api/spf through app.request(): the response shape, coded 400s for bad input, and
 * whatever a published record says, a 200 with one of the seven results.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../functions/app";
import { SPF_RESULTS } from "../../../functions/core/spf/types";

const app = createApp({
  fetch: () => Promise.reject(new Error("no network in unit tests")),
  clock: { now: () => 0 },
  newSeed: () => 1,
});

async function spf(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await app.request(
    "/api/spf",
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    },
    {},
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const base = { ip: "192.0.2.10", sender: "alice@example.org", helo: "mail.example.org" };

describe("POST /api/spf", () => {
  it("answers the result, the deciding mechanism, the counts, the steps and the DNS trace", async () => {
    const r = await spf({
      ...base,
      resolver: "none",
      records: [
        {
          name: "example.org",
          type: "TXT",
          value: '"v=spf1 a:mail.example.org ip4:192.0.2.0/24 -all"',
        },
      ],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      result: "pass",
      mechanism: "ip4:192.0.2.0/24",
      domain: "example.org",
      matchedIn: "example.org",
      lookups: { dns: 1, void: 1 },
    });
    expect(r.body.steps).toHaveLength(3);
    expect(r.body.dns).toEqual([
      expect.objectContaining({ name: "example.org", type: "TXT", from: "record" }),
      expect.objectContaining({ name: "mail.example.org", type: "A", from: "none" }),
    ]);
  });

  it("a PTR what-if record named by the address answers the ptr mechanism", async () => {
    const r = await spf({
      ...base,
      resolver: "none",
      records: [
        { name: "example.org", type: "TXT", value: "v=spf1 ptr -all" },
        { name: "192.0.2.10", type: "PTR", value: "mail.example.org" },
        { name: "mail.example.org", type: "A", value: "192.0.2.10" },
      ],
    });
    expect(r.body).toMatchObject({ result: "pass", mechanism: "ptr" });
    expect(r.body.dns).toContainEqual(
      expect.objectContaining({ name: "10.2.0.192.in-addr.arpa", type: "PTR", from: "record" }),
    );
  });

  it("gives a permerror's code and its column in the record", async () => {
    const r = await spf({
      ...base,
      resolver: "none",
      records: [{ name: "example.org", type: "TXT", value: ["v=spf1 ip4:192.0.2.1 a:bad -all"] }],
    });
    expect(r.body).toMatchObject({
      result: "permerror",
      mechanism: null,
      problem: {
        code: "spf_syntax",
        term: "a:bad",
        column: 22,
        endColumn: 27,
        domain: "example.org",
      },
    });
  });

  it("treats a REFUSED answer as a DNS error: temperror", async () => {
    const r = await spf({
      ...base,
      resolver: "none",
      records: [{ name: "example.org", type: "TXT", rcode: "REFUSED" }],
    });
    expect(r.body).toMatchObject({ result: "temperror", problem: { code: "spf_dns_error" } });
  });

  it.each([
    ["an address that is not one", { ...base, ip: "192.0.2.256" }, "invalid_ip", "ip"],
    ["a host name for the address", { ...base, ip: "mail.example.org" }, "invalid_ip", "ip"],
    ["no helo", { ip: base.ip, sender: base.sender }, "missing_field", "helo"],
    ["an unknown field", { ...base, scope: "helo" }, "unknown_field", "scope"],
    [
      "a resolver URL",
      { ...base, resolver: "https://doh.example/dns-query" },
      "invalid_field",
      "resolver",
    ],
    [
      "an MX record without a preference",
      { ...base, records: [{ name: "example.org", type: "MX", value: "mx.example.org" }] },
      "invalid_record",
      "records.0",
    ],
    [
      "an array value for an A record",
      { ...base, records: [{ name: "example.org", type: "A", value: ["192.0.2.1"] }] },
      "invalid_record",
      "records.0",
    ],
    [
      "a record name with a control character",
      { ...base, records: [{ name: "a\u0001.example.org", type: "A", value: "192.0.2.1" }] },
      "invalid_record",
      "records.0",
    ],
  ])("refuses %s with a coded 400", async (_label, body, code, field) => {
    const r = await spf(body);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code, field });
  });

  it("whatever the published records say, answers 200 with one of the seven results", async () => {
    const term = fc.constantFrom(
      "a",
      "mx",
      "ptr",
      "-all",
      "~all",
      "?all",
      "+all",
      "include:i.example.org",
      "redirect=r.example.org",
      "exists:%{i}.%{l1r-}.e.%{d2}",
      "ip4:192.0.2.0/24",
      "ip6:2001:db8::/32",
      "a:%{H}.x",
      "mx:example.org/24//64",
      "exp=x.%{o}",
      "a/33",
      "%{",
      "foo=%{p}",
      "ptr:%{d}",
      "include:%{d}",
      "v=spf1",
      "\u00e9",
      "a:%{x}",
    );
    const record = fc.array(term, { maxLength: 14 }).map((t) => `v=spf1 ${t.join(" ")}`);
    await fc.assert(
      fc.asyncProperty(record, record, record, async (main, inc, red) => {
        const r = await spf({
          ...base,
          resolver: "none",
          records: [
            { name: "example.org", type: "TXT", value: [main] },
            { name: "i.example.org", type: "TXT", value: [inc] },
            { name: "r.example.org", type: "TXT", value: [red] },
            { name: "example.org", type: "MX", value: "10 example.org" },
            { name: "example.org", type: "A", value: "192.0.2.10" },
          ],
        });
        expect(r.status).toBe(200);
        expect(SPF_RESULTS).toContain(r.body.result);
        expect((r.body.lookups as { dns: number }).dns).toBeLessThanOrEqual(11);
      }),
      { numRuns: 200 },
    );
  });
});

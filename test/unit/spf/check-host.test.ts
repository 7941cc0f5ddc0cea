import { describe, expect, it } from "vitest";
import {
  noneResolver,
  RecordsResolver,
  type WhatIfRecord,
} from "../../../functions/core/dns/records-resolver";
import type { LookupResult, QueryType } from "../../../functions/core/dns/types";
import { parseIp } from "../../../functions/core/ip";
import { checkSpf } from "../../../functions/core/spf/check-host";
import { parseRecord } from "../../../functions/core/spf/record";
import type { SpfResolver } from "../../../functions/core/spf/types";

/** What-if records as an SPF resolver, noting every lookup asked for. */
function zone(records: WhatIfRecord[]): SpfResolver & { asked: string[] } {
  const r = new RecordsResolver(records, noneResolver, "any");
  const asked: string[] = [];
  return {
    asked,
    async lookup(name: string, type: QueryType): Promise<LookupResult> {
      asked.push(`${name} ${type}`);
      return (await r.query(name, type)).result;
    },
  };
}

const txt = (name: string, value: string): WhatIfRecord => ({ name, type: "TXT", value: [value] });
const a = (name: string, value: string): WhatIfRecord => ({ name, type: "A", value });

function check(resolver: SpfResolver, ip: string, sender: string, helo = "mail.example.org") {
  const parsed = parseIp(ip);
  if (!parsed) throw new Error(ip);
  return checkSpf({ ip: parsed, sender, helo }, { resolver, now: () => 0 });
}

const CHAIN = [
  txt(
    "example.org",
    "v=spf1 ip4:198.51.100.0/24 include:_spf1.example.org -all exp=why.example.org",
  ),
  txt("_spf1.example.org", "v=spf1 include:_spf2.example.org ~all"),
  txt("_spf2.example.org", "v=spf1 include:_spf3.example.org ?all"),
  txt("_spf3.example.org", "v=spf1 a:out.example.org -all"),
  a("out.example.org", "192.0.2.10"),
  txt("why.example.org", "%{i} may not send for %{d}"),
];

describe("checkSpf", () => {
  it("passes through a three-level include chain, naming the top-level directive", async () => {
    const out = await check(zone(CHAIN), "192.0.2.10", "alice@example.org");
    expect(out).toMatchObject({
      result: "pass",
      mechanism: "include:_spf1.example.org",
      domain: "example.org",
      matchedIn: "example.org",
      lookups: { dns: 4, void: 0 },
    });
    expect(out.steps.map((s) => [s.depth, s.domain, s.term, s.outcome])).toEqual([
      [0, "example.org", CHAIN[0]?.value?.[0], "record"],
      [0, "example.org", "ip4:198.51.100.0/24", "no-match"],
      [1, "_spf1.example.org", "v=spf1 include:_spf2.example.org ~all", "record"],
      [2, "_spf2.example.org", "v=spf1 include:_spf3.example.org ?all", "record"],
      [3, "_spf3.example.org", "v=spf1 a:out.example.org -all", "record"],
      [3, "_spf3.example.org", "a:out.example.org", "match"],
      [2, "_spf2.example.org", "include:_spf3.example.org", "match"],
      [1, "_spf1.example.org", "include:_spf2.example.org", "match"],
      [0, "example.org", "include:_spf1.example.org", "match"],
    ]);
  });

  it("fails outside it, with the record's explanation expanded (§6.2)", async () => {
    const out = await check(zone(CHAIN), "192.0.2.99", "alice@example.org");
    expect(out).toMatchObject({ result: "fail", mechanism: "-all", matchedIn: "example.org" });
    expect(out.explanation).toBe("192.0.2.99 may not send for example.org");
  });

  it("starts the lookups of the whole include chain before evaluation reaches them", async () => {
    // The include comes after an `a` that needs its own lookup: evaluating in order alone
    // would ask for _spf1 only once that answer is in, one round trip later.
    const records = [
      txt("example.org", "v=spf1 a:one.example.org include:_spf1.example.org -all"),
      a("one.example.org", "198.51.100.1"),
      ...CHAIN.slice(1),
    ];
    const inner = zone(records);
    const gate: (() => void)[] = [];
    const made = new Map<string, Promise<LookupResult>>();
    // Shares identical lookups as the evaluation resolver does; each answer waits its round.
    const resolver: SpfResolver = {
      lookup(name, type) {
        const key = `${name} ${type}`;
        let p = made.get(key);
        if (p === undefined) {
          p = new Promise<void>((release) => gate.push(release)).then(() =>
            inner.lookup(name, type),
          );
          made.set(key, p);
        }
        return p;
      },
    };
    let settled = false;
    const done = check(resolver, "192.0.2.10", "alice@example.org").then((r) => {
      settled = true;
      return r;
    });
    const rounds: number[] = [];
    for (;;) {
      await new Promise((r) => setTimeout(r, 0));
      if (settled || rounds.length > 8) break;
      rounds.push(gate.length);
      for (const g of gate.splice(0)) g();
    }
    expect((await done).result).toBe("pass");
    // One round trip for the record, one per include level, one for the leaf's `a`.
    expect(rounds).toEqual([1, 2, 1, 1, 1]);
    expect(inner.asked).toEqual([
      "example.org TXT",
      "one.example.org A",
      "_spf1.example.org TXT",
      "_spf2.example.org TXT",
      "_spf3.example.org TXT",
      "out.example.org A",
    ]);
  });

  it("checks postmaster@<helo> for the null reverse path (§2.4)", async () => {
    const out = await check(
      zone([
        txt("mail.example.org", "v=spf1 exists:%{l}.%{d} -all"),
        a("postmaster.mail.example.org", "127.0.0.2"),
      ]),
      "192.0.2.1",
      "",
    );
    expect(out).toMatchObject({
      result: "pass",
      domain: "mail.example.org",
      mechanism: "exists:%{l}.%{d}",
    });
  });

  it("treats an IPv4-mapped IPv6 client as IPv4 (§5)", async () => {
    const out = await check(
      zone([txt("example.org", "v=spf1 ip4:192.0.2.0/24 -all")]),
      "::ffff:192.0.2.7",
      "a@example.org",
    );
    expect(out.result).toBe("pass");
  });

  it("gives temperror, with the lookup's reason, when DNS fails (a budget refusal too)", async () => {
    const resolver: SpfResolver = {
      lookup: async (name) =>
        name === "example.org"
          ? { status: "ok", answers: [{ type: "TXT", text: "v=spf1 a:x.example.org -all" }] }
          : { status: "error", message: "query limit reached (48)" },
    };
    const out = await check(resolver, "192.0.2.1", "a@example.org");
    expect(out).toMatchObject({
      result: "temperror",
      problem: { code: "spf_dns_error", term: "a:x.example.org" },
    });
    expect(out.problem?.message).toContain("query limit reached (48)");
  });

  it("gives temperror, not a rejection, when the resolver throws", async () => {
    const resolver: SpfResolver = { lookup: () => Promise.reject(new Error("boom")) };
    expect((await check(resolver, "192.0.2.1", "a@example.org")).result).toBe("temperror");
  });

  it("uses the validated name for %{p}, preferring one in the domain (§7.3)", async () => {
    const out = await check(
      zone([
        txt("example.org", "v=spf1 exists:%{p}.allow.example.org -all"),
        { name: "1.2.0.192.in-addr.arpa", type: "PTR", value: "other.example.net" },
        { name: "1.2.0.192.in-addr.arpa", type: "PTR", value: "mx.example.org" },
        a("other.example.net", "192.0.2.1"),
        a("mx.example.org", "192.0.2.1"),
        a("mx.example.org.allow.example.org", "127.0.0.2"),
      ]),
      "192.0.2.1",
      "a@example.org",
    );
    expect(out).toMatchObject({ result: "pass", mechanism: "exists:%{p}.allow.example.org" });
  });
});

describe("parseRecord", () => {
  it("keeps directives in order with their arguments and offsets", () => {
    const r = parseRecord(
      "example.org",
      "v=spf1  a:mail.example.org/24//64 ~ip6:2001:db8::/32 redirect=x.example.org",
    );
    if ("code" in r) throw new Error(r.message);
    expect(r.directives.map((d) => [d.mechanism, d.qualifier, d.start, d.cidr4, d.cidr6])).toEqual([
      ["a", "+", 8, 24, 64],
      ["ip6", "~", 34, undefined, 32],
    ]);
    expect(r.redirect?.text).toBe("redirect=x.example.org");
  });

  it("points at the term in error", () => {
    const r = parseRecord("example.org", "v=spf1 ip4:192.0.2.1 mx:bad/99 -all");
    expect(r).toMatchObject({ code: "spf_syntax", term: "mx:bad/99", start: 21, end: 30 });
  });
});

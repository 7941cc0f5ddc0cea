import { describe, expect, it } from "vitest";
import { DnsInputError } from "../../../functions/core/dns/errors";
import {
  noneResolver,
  RecordsResolver,
  type WhatIfRecord,
} from "../../../functions/core/dns/records-resolver";
import type { QueryType, TracingResolver } from "../../../functions/core/dns/types";

/** A fallback that records what reached it and answers NODATA. */
function spyFallback(): TracingResolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async query(name: string, type: QueryType) {
      asked.push(`${name} ${type}`);
      return {
        result: { status: "not_found", rcode: "NOERROR" },
        trace: [{ name, type, rcode: "NOERROR", answers: [], ttl: 60, ms: 3, from: "doh" }],
      };
    },
  };
}

function codeOf(records: WhatIfRecord[]): { code: string; index: number | undefined } {
  try {
    new RecordsResolver(records, noneResolver);
  } catch (e) {
    if (e instanceof DnsInputError) return { code: e.code, index: e.index };
    throw e;
  }
  throw new Error("no error");
}

describe("RecordsResolver", () => {
  it("answers listed pairs from the records, in the given order, without the fallback", async () => {
    const fb = spyFallback();
    const r = new RecordsResolver(
      [
        { name: "Example.com", type: "MX", value: "20 MX2.example.com." },
        { name: "example.com", type: "MX", value: "10 mx1.example.com" },
        { name: "mx1.example.com", type: "AAAA", value: "2001:DB8:0:0::25" },
      ],
      fb,
    );
    const mx = await r.query("example.com", "MX");
    expect(mx.result).toEqual({
      status: "ok",
      answers: [
        { type: "MX", preference: 20, exchange: "mx2.example.com" },
        { type: "MX", preference: 10, exchange: "mx1.example.com" },
      ],
    });
    expect(mx.trace).toEqual([
      {
        name: "example.com",
        type: "MX",
        rcode: "NOERROR",
        answers: ["20 mx2.example.com.", "10 mx1.example.com."],
        ttl: null,
        ms: 0,
        from: "record",
      },
    ]);
    const aaaa = await r.query("mx1.example.com", "AAAA");
    expect(aaaa.result).toEqual({
      status: "ok",
      answers: [{ type: "AAAA", address: "2001:db8::25" }],
    });
    expect(fb.asked).toEqual([]);
  });

  it("delegates other pairs to the fallback (same name, other type too)", async () => {
    const fb = spyFallback();
    const r = new RecordsResolver(
      [{ name: "mx1.example.com", type: "A", value: "192.0.2.25" }],
      fb,
    );
    const aaaa = await r.query("mx1.example.com", "AAAA");
    expect(fb.asked).toEqual(["mx1.example.com AAAA"]);
    expect(aaaa.trace[0]?.from).toBe("doh");
  });

  it("maps rcode records: NXDOMAIN, NODATA → not_found; SERVFAIL → error", async () => {
    const r = new RecordsResolver(
      [
        { name: "a.example", type: "A", rcode: "NXDOMAIN" },
        { name: "a.example", type: "AAAA", rcode: "NODATA" },
        { name: "a.example", type: "MX", rcode: "SERVFAIL" },
      ],
      spyFallback(),
    );
    expect((await r.query("a.example", "A")).result).toEqual({
      status: "not_found",
      rcode: "NXDOMAIN",
    });
    expect((await r.query("a.example", "AAAA")).result).toEqual({
      status: "not_found",
      rcode: "NOERROR",
    });
    const mx = await r.query("a.example", "MX");
    expect(mx.result.status).toBe("error");
    expect(mx.trace[0]).toMatchObject({ rcode: "SERVFAIL", from: "record" });
  });

  it("maps REFUSED to a temporary error, as Stalwart treats a refusing resolver", async () => {
    const r = new RecordsResolver(
      [{ name: "a.example", type: "MX", rcode: "REFUSED" }],
      spyFallback(),
    );
    const mx = await r.query("a.example", "MX");
    expect(mx.result.status).toBe("error");
    expect(mx.trace[0]).toMatchObject({ rcode: "REFUSED", from: "record" });
  });

  it("follows CNAME records, and into the fallback", async () => {
    const fb = spyFallback();
    const r = new RecordsResolver(
      [
        { name: "www.example", type: "CNAME", value: "alias.example" },
        { name: "alias.example", type: "CNAME", value: "host.example" },
        { name: "host.example", type: "A", value: "192.0.2.9" },
        { name: "out.example", type: "CNAME", value: "elsewhere.example" },
      ],
      fb,
    );
    const a = await r.query("www.example", "A");
    expect(a.result).toEqual({ status: "ok", answers: [{ type: "A", address: "192.0.2.9" }] });
    expect(a.trace[0]).toMatchObject({
      name: "www.example",
      cname: ["alias.example", "host.example"],
      from: "record",
    });
    const out = await r.query("out.example", "A");
    expect(fb.asked).toEqual(["elsewhere.example A"]);
    expect(out.trace.map((t) => t.from)).toEqual(["record", "doh"]);
  });

  it("reports a CNAME loop as an error", async () => {
    const r = new RecordsResolver(
      [
        { name: "a.example", type: "CNAME", value: "b.example" },
        { name: "b.example", type: "CNAME", value: "a.example" },
      ],
      spyFallback(),
    );
    expect((await r.query("a.example", "A")).result.status).toBe("error");
  });

  it("keeps the null MX and TXT values", async () => {
    const r = new RecordsResolver(
      [
        { name: "n.example", type: "MX", value: "0 ." },
        { name: "n.example", type: "TXT", value: '"v=spf1 -all"' },
      ],
      spyFallback(),
    );
    expect((await r.query("n.example", "MX")).result).toEqual({
      status: "ok",
      answers: [{ type: "MX", preference: 0, exchange: "." }],
    });
    expect((await r.query("n.example", "TXT")).result).toEqual({
      status: "ok",
      answers: [{ type: "TXT", text: "v=spf1 -all" }],
    });
  });

  it.each<[string, WhatIfRecord[], number]>([
    ["bad IPv4", [{ name: "a.example", type: "A", value: "192.0.2.256" }], 0],
    ["IPv6 for A", [{ name: "a.example", type: "A", value: "2001:db8::1" }], 0],
    ["bad IPv6", [{ name: "a.example", type: "AAAA", value: "2001:db8:::1" }], 0],
    ["MX without preference", [{ name: "a.example", type: "MX", value: "mx.example" }], 0],
    ["MX preference too big", [{ name: "a.example", type: "MX", value: "65536 mx.example" }], 0],
    ["MX exchange URL", [{ name: "a.example", type: "MX", value: "10 http://mx" }], 0],
    ["bad name", [{ name: "a..example", type: "A", value: "192.0.2.1" }], 0],
    ["unknown type", [{ name: "a.example", type: "SRV", value: "1 2 3 x" }], 0],
    ["unknown rcode", [{ name: "a.example", type: "A", rcode: "YXDOMAIN" }], 0],
    [
      "value and rcode",
      [{ name: "a.example", type: "A", value: "192.0.2.1", rcode: "NXDOMAIN" }],
      0,
    ],
    ["neither", [{ name: "a.example", type: "A" }], 0],
    [
      "rcode mixed with values",
      [
        { name: "ok.example", type: "A", value: "192.0.2.1" },
        { name: "a.example", type: "A", value: "192.0.2.1" },
        { name: "a.example", type: "A", rcode: "NXDOMAIN" },
      ],
      2,
    ],
    [
      "CNAME and other data",
      [
        { name: "a.example", type: "A", value: "192.0.2.1" },
        { name: "a.example", type: "CNAME", value: "b.example" },
      ],
      1,
    ],
  ])("rejects %s with invalid_record and its index", (_label, records, index) => {
    expect(codeOf(records)).toEqual({ code: "invalid_record", index });
  });
});

describe("RecordsResolver: TXT strings, REFUSED and SPF names", () => {
  it("joins the character-strings of one TXT record without a separator (RFC 7208 §3.3)", async () => {
    const r = new RecordsResolver(
      [
        { name: "t.example", type: "TXT", value: ["v=spf1 ip4:", "192.0.2.5 -all"] },
        { name: "t.example", type: "TXT", value: [] },
      ],
      noneResolver,
    );
    expect((await r.query("t.example", "TXT")).result).toEqual({
      status: "ok",
      answers: [
        { type: "TXT", text: "v=spf1 ip4:192.0.2.5 -all" },
        { type: "TXT", text: "" },
      ],
    });
  });

  it("answers a REFUSED record with a temporary error traced as REFUSED", async () => {
    const r = new RecordsResolver(
      [{ name: "r.example", type: "TXT", rcode: "REFUSED" }],
      noneResolver,
    );
    const q = await r.query("r.example", "TXT");
    expect(q.result).toEqual({ status: "error", message: "REFUSED (what-if record)" });
    expect(q.trace[0]?.rcode).toBe("REFUSED");
  });

  it("a PTR record named by its address stands at the reverse name PTR lookups ask", async () => {
    const r = new RecordsResolver(
      [
        { name: "192.0.2.10", type: "PTR", value: "mail.example.org" },
        { name: " 2001:DB8::a ", type: "PTR", value: "v6.example.org" },
        { name: "20.2.0.192.in-addr.arpa", type: "PTR", value: "other.example.org" },
      ],
      noneResolver,
    );
    const ptr = async (name: string) => (await r.query(name, "PTR")).result;
    expect(await ptr("10.2.0.192.in-addr.arpa")).toEqual({
      status: "ok",
      answers: [{ type: "PTR", name: "mail.example.org" }],
    });
    const v6 = "a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa";
    expect((await ptr(v6)).status).toBe("ok");
    expect((await ptr("20.2.0.192.in-addr.arpa")).status).toBe("ok");
    // Only a PTR record: an A record named like an address is refused, as before.
    expect(codeOf([{ name: "192.0.2.10", type: "A", value: "192.0.2.10" }])).toEqual({
      code: "invalid_record",
      index: 0,
    });
  });

  it("takes names only DNS allows under the `any` rule, and refuses them otherwise", async () => {
    const records: WhatIfRecord[] = [
      { name: "foo:bar/baz.Example.com", type: "MX", value: "0 foo:bar/baz.example.com" },
      { name: "macro%percent  space%20url-space.example.com", type: "A", value: "192.0.2.4" },
    ];
    const r = new RecordsResolver(records, noneResolver, "any");
    expect((await r.query("foo:bar/baz.example.com", "MX")).result).toEqual({
      status: "ok",
      answers: [{ type: "MX", preference: 0, exchange: "foo:bar/baz.example.com" }],
    });
    expect((await r.query("macro%percent  space%20url-space.example.com", "A")).result.status).toBe(
      "ok",
    );
    expect(codeOf(records)).toEqual({ code: "invalid_record", index: 0 });
  });

  it.each<[string, WhatIfRecord]>([
    ["a string over 255 octets", { name: "t.example", type: "TXT", value: ["é".repeat(128)] }],
    ["an array for A", { name: "t.example", type: "A", value: ["192.0.2.1"] }],
  ])("rejects %s with invalid_record", (_label, record) => {
    expect(codeOf([record])).toEqual({ code: "invalid_record", index: 0 });
  });
});

describe("noneResolver", () => {
  it("answers NXDOMAIN for everything, traced as from none", async () => {
    const r = await noneResolver.query("example.com", "MX");
    expect(r.result).toEqual({ status: "not_found", rcode: "NXDOMAIN" });
    expect(r.trace).toEqual([
      {
        name: "example.com",
        type: "MX",
        rcode: "NXDOMAIN",
        answers: [],
        ttl: null,
        ms: 0,
        from: "none",
      },
    ]);
  });
});

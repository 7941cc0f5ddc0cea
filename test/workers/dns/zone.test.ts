/**
 * The DoH client inside workerd against the real BIND zone (test/fixtures/dns/) through
 * dnsdist and the counting proxy.
 */
import { describe, expect, it } from "vitest";
import { createDohClient } from "../../../functions/core/dns/doh-client";
import { normalizeDomain } from "../../../functions/core/dns/domain";
import { systemClock } from "../../../functions/core/io";
import { countOf, dohUrl } from "../../support/dns-control";

const doh = () =>
  createDohClient({ url: dohUrl(), fetch: (u, i) => fetch(u, i), clock: systemClock });

describe("zone cases over real DoH", () => {
  it("several MX preferences, in answer order with preference and exchange", async () => {
    const { result, trace } = await doh().query("multi.zone.test", "MX");
    expect(result.status).toBe("ok");
    const mx = result.status === "ok" ? result.answers : [];
    expect(mx).toHaveLength(3);
    expect(
      new Set(mx.map((a) => (a.type === "MX" ? `${a.preference} ${a.exchange}` : ""))),
    ).toEqual(
      new Set(["10 mx1.multi.zone.test", "20 mx2.multi.zone.test", "30 mx3.multi.zone.test"]),
    );
    expect(trace[0]).toMatchObject({
      name: "multi.zone.test",
      type: "MX",
      rcode: "NOERROR",
      ttl: 300,
      from: "doh",
    });
    expect(trace[0]?.ms).toBeGreaterThanOrEqual(0);
  });

  it("equal preferences", async () => {
    const { result } = await doh().query("equal.zone.test", "MX");
    const tens =
      result.status === "ok"
        ? result.answers.filter((a) => a.type === "MX" && a.preference === 10)
        : [];
    expect(tens).toHaveLength(3);
  });

  it("null MX", async () => {
    expect(await doh().lookup("nullmx.zone.test", "MX")).toEqual({
      status: "ok",
      answers: [{ type: "MX", preference: 0, exchange: "." }],
    });
  });

  it("no MX is NODATA (implicit MX), while the domain has A and AAAA", async () => {
    const c = doh();
    expect(await c.lookup("implicit.zone.test", "MX")).toEqual({
      status: "not_found",
      rcode: "NOERROR",
    });
    expect(await c.lookup("implicit.zone.test", "A")).toEqual({
      status: "ok",
      answers: [{ type: "A", address: "192.0.2.31" }],
    });
    expect(await c.lookup("implicit.zone.test", "AAAA")).toEqual({
      status: "ok",
      answers: [{ type: "AAAA", address: "2001:db8::31" }],
    });
  });

  it("NXDOMAIN, with the SOA negative TTL", async () => {
    const { result, trace } = await doh().query("nx.zone.test", "MX");
    expect(result).toEqual({ status: "not_found", rcode: "NXDOMAIN" });
    expect(trace[0]).toMatchObject({ rcode: "NXDOMAIN", ttl: 60 });
  });

  it("a CNAME chain within the zone", async () => {
    const { result, trace } = await doh().query("alias.zone.test", "AAAA");
    expect(result).toEqual({ status: "ok", answers: [{ type: "AAAA", address: "2001:db8::41" }] });
    expect(trace).toHaveLength(1);
    expect(trace[0]?.cname).toEqual(["alias2.zone.test", "host.zone.test"]);
  });

  it("an MX exchange that is a CNAME", async () => {
    const c = doh();
    expect(await c.lookup("cnamemx.zone.test", "MX")).toEqual({
      status: "ok",
      answers: [{ type: "MX", preference: 10, exchange: "mxalias.zone.test" }],
    });
    const { result, trace } = await c.query("mxalias.zone.test", "A");
    expect(result).toEqual({ status: "ok", answers: [{ type: "A", address: "192.0.2.42" }] });
    expect(trace[0]?.cname).toEqual(["realmx.zone.test"]);
  });

  it("a CNAME into another zone is followed with a second query", async () => {
    const before = await countOf("target.other.test", "A");
    const { result, trace } = await doh().query("cross.zone.test", "A");
    expect(result).toEqual({ status: "ok", answers: [{ type: "A", address: "192.0.2.51" }] });
    expect(trace.map((t) => t.name)).toEqual(["cross.zone.test", "target.other.test"]);
    expect(trace[1]?.ttl).toBe(600);
    expect(await countOf("target.other.test", "A")).toBe(before + 1);
  });

  it("a CNAME to a missing name is NXDOMAIN", async () => {
    expect(await doh().lookup("dangling.zone.test", "A")).toEqual({
      status: "not_found",
      rcode: "NXDOMAIN",
    });
  });

  it("many A and AAAA records, all of them, stable order between queries", async () => {
    const c = doh();
    const a1 = await c.lookup("many.zone.test", "A");
    const a2 = await c.lookup("many.zone.test", "A");
    const six = await c.lookup("many.zone.test", "AAAA");
    const addrs = (r: typeof a1) =>
      r.status === "ok"
        ? r.answers.map((a) => (a.type === "A" || a.type === "AAAA" ? a.address : ""))
        : [];
    expect(new Set(addrs(a1))).toEqual(
      new Set(["192.0.2.61", "192.0.2.62", "192.0.2.63", "192.0.2.64", "192.0.2.65"]),
    );
    expect(addrs(a2)).toEqual(addrs(a1));
    expect(addrs(six).sort()).toEqual([
      "2001:db8::61",
      "2001:db8::62",
      "2001:db8::63",
      "2001:db8::64",
      "2001:db8::65",
    ]);
  });

  it("loopback records come back as they are (the planner removes them)", async () => {
    const c = doh();
    expect(await c.lookup("loopback.zone.test", "A")).toEqual({
      status: "ok",
      answers: [{ type: "A", address: "127.0.0.1" }],
    });
    expect(await c.lookup("loopback.zone.test", "AAAA")).toEqual({
      status: "ok",
      answers: [{ type: "AAAA", address: "::1" }],
    });
  });

  it("a host with only AAAA: A is NODATA", async () => {
    const c = doh();
    expect(await c.lookup("v6only.zone.test", "A")).toEqual({
      status: "not_found",
      rcode: "NOERROR",
    });
    expect(await c.lookup("v6only.zone.test", "AAAA")).toEqual({
      status: "ok",
      answers: [{ type: "AAAA", address: "2001:db8::81" }],
    });
  });

  it("an IDN domain, normalised to its xn-- form", async () => {
    const name = normalizeDomain("BÜCHER.test.");
    expect(name).toBe("xn--bcher-kva.test");
    expect(await doh().lookup(name, "MX")).toEqual({
      status: "ok",
      answers: [{ type: "MX", preference: 10, exchange: "mx.xn--bcher-kva.test" }],
    });
  });

  it("TXT and PTR", async () => {
    const c = doh();
    expect(await c.lookup("txtonly.zone.test", "TXT")).toEqual({
      status: "ok",
      answers: [{ type: "TXT", text: "v=spf1 -all" }],
    });
    expect(await c.lookup("ptr.zone.test", "PTR")).toEqual({
      status: "ok",
      answers: [{ type: "PTR", name: "host.zone.test" }],
    });
  });

  it("SERVFAIL from dnsdist is an error", async () => {
    const { result, trace } = await doh().query("x.servfail.test", "A");
    expect(result).toEqual({ status: "error", message: "SERVFAIL from resolver" });
    expect(trace[0]).toMatchObject({ rcode: "SERVFAIL", error: "SERVFAIL from resolver" });
  });

  it("asking for A makes no AAAA query", async () => {
    const before = await countOf("v4only.zone.test", "AAAA");
    const beforeA = await countOf("v4only.zone.test", "A");
    expect(await doh().lookup("v4only.zone.test", "A")).toEqual({
      status: "ok",
      answers: [{ type: "A", address: "192.0.2.91" }],
    });
    expect(await countOf("v4only.zone.test", "A")).toBe(beforeA + 1);
    expect(await countOf("v4only.zone.test", "AAAA")).toBe(before);
  });
});

/** Spec §3 steps 1–3: next-hop, MX lookup, host list. */
import { describe, expect, it } from "vitest";
import { a, attemptsOf, mx, plan, rcode } from "../../support/api";

describe("next-hop", () => {
  it("a relay is the only host, looked up by name; MX is not queried", async () => {
    const p = await plan({
      config:
        '[queue.outbound]\nnext-hop = "\'relay1\'"\n[remote.relay1]\naddress = "smtp.relay.test"\nport = 587\n',
      records: [mx(10, "mx1.example.com"), a("smtp.relay.test", "198.51.100.7")],
    });
    expect(p.nextHop).toMatchObject({
      kind: "relay",
      relay: "relay1",
      address: "smtp.relay.test",
      port: 587,
    });
    expect(p.mx.status).toBe("skipped");
    expect(p.hosts.map((h) => h.name)).toEqual(["smtp.relay.test"]);
    expect(p.dns.some((d) => d.type === "MX")).toBe(false);
  });

  it("a relay whose address is an IP literal is still looked up by name and not found", async () => {
    const p = await plan({
      config: '[queue.outbound]\nnext-hop = "\'r\'"\n[remote.r]\naddress = "192.0.2.1"\n',
    });
    expect(p.hosts[0]?.error).toEqual({ permanent: true, message: "record not found for MX" });
    expect(p.diagnostics.map((d) => d.code)).toContain("relay_address_is_ip");
  });

  it("the built-in default delivers locally when is_local_domain() says so", async () => {
    const p = await plan({ localDomains: ["example.com"], records: [mx(10, "mx1.example.com")] });
    expect(p.nextHop.kind).toBe("local");
    expect(p.attempts).toEqual([]);
    expect(p.outcome?.kind).toBe("local_delivery");
  });

  it("the built-in default resolves MX for a non-local domain", async () => {
    const p = await plan({
      localDomains: ["other.test"],
      records: [mx(10, "mx1.example.com"), a("mx1.example.com", "192.0.2.1")],
    });
    expect(p.nextHop.kind).toBe("mx");
    expect(attemptsOf(p)).toEqual(["mx1.example.com 192.0.2.1 -"]);
  });

  it("an unknown relay id falls back to MX with a warning", async () => {
    const p = await plan({
      config: "[queue.outbound]\nnext-hop = \"'nope'\"\n",
      records: [mx(10, "mx1.example.com"), a("mx1.example.com", "192.0.2.1")],
    });
    expect(p.nextHop.kind).toBe("mx");
    expect(p.diagnostics.find((d) => d.code === "unknown_relay")?.line).toBe(2);
  });
});

describe("MX lookup", () => {
  it("groups by preference ascending and lower-cases exchanges", async () => {
    const p = await plan({
      records: [
        mx(20, "MX2.Example.COM."),
        mx(10, "mx1.example.com"),
        a("mx1.example.com", "192.0.2.1"),
        a("mx2.example.com", "192.0.2.2"),
      ],
    });
    expect(p.mx.records).toEqual([
      { preference: 10, exchange: "mx1.example.com" },
      { preference: 20, exchange: "mx2.example.com" },
    ]);
    expect(p.hosts.map((h) => h.name)).toEqual(["mx1.example.com", "mx2.example.com"]);
  });

  it.each(["NXDOMAIN", "NODATA"])(
    "%s for MX means implicit MX: the domain itself",
    async (code) => {
      const p = await plan({
        records: [rcode("example.com", "MX", code), a("example.com", "192.0.2.9")],
      });
      expect(p.mx.status).toBe("implicit");
      expect(p.hosts).toMatchObject([{ name: "example.com", implicit: true, preference: 0 }]);
      expect(attemptsOf(p)).toEqual(["example.com 192.0.2.9 -"]);
    },
  );

  it("an implicit MX without addresses is permanent 'no MX record found.'", async () => {
    const p = await plan({});
    expect(p.hosts[0]?.error).toEqual({ permanent: true, message: "no MX record found." });
    expect(p.outcome).toEqual({ kind: "permanent_failure", message: "no MX record found." });
  });

  it("any other MX error is temporary and nothing is tried", async () => {
    const p = await plan({ records: [rcode("example.com", "MX", "SERVFAIL")] });
    expect(p.mx.status).toBe("error");
    expect(p.hosts).toEqual([]);
    expect(p.outcome?.kind).toBe("temporary_failure");
  });

  it("a single '.' at preference 0 is a null MX", async () => {
    const p = await plan({ records: [mx(0, ".")] });
    expect(p.mx.status).toBe("null_mx");
    expect(p.outcome).toEqual({
      kind: "permanent_failure",
      message: "Domain does not accept messages (null MX)",
    });
  });

  it("'.' is only a null MX when alone at preference 0", async () => {
    const p = await plan({
      records: [mx(10, "."), mx(20, "mx2.example.com"), a("mx2.example.com", "192.0.2.2")],
    });
    expect(p.mx.status).toBe("ok");
    expect(p.attempts.map((t) => t.host)).toEqual(["mx2.example.com"]);
  });
});

describe("host list", () => {
  const three = [
    mx(10, "a.example.com"),
    mx(10, "b.example.com"),
    mx(10, "c.example.com"),
    mx(20, "d.example.com"),
  ];

  it("shuffles an equal-preference group reproducibly for a seed and marks it", async () => {
    const p1 = await plan({ records: three, seed: 5 });
    const p2 = await plan({ records: three, seed: 5 });
    expect(p1.hosts.map((h) => h.name)).toEqual(p2.hosts.map((h) => h.name));
    expect(p1.hosts.map((h) => h.shuffled)).toEqual([true, true, true, false]);
    expect(p1.hosts[3]?.name).toBe("d.example.com");
  });

  it("every order of an equal-preference group occurs across seeds", async () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 60; seed++) {
      const p = await plan({ records: three, seed });
      orders.add(
        p.hosts
          .slice(0, 3)
          .map((h) => h.name[0])
          .join(""),
      );
    }
    expect(orders.size).toBe(6);
  });

  it("cuts at limits.mx, counting after each append", async () => {
    const p = await plan({ config: "[queue.outbound.limits]\nmx = 2\n", records: three });
    expect(p.hosts).toHaveLength(2);
    expect(p.limits.mx).toBe(2);
  });

  it("limits.mx = 0 means no limit", async () => {
    const p = await plan({ config: "[queue.outbound.limits]\nmx = 0\n", records: three });
    expect(p.hosts).toHaveLength(4);
  });

  it("takes at most 5 hosts by default", async () => {
    const many = Array.from({ length: 8 }, (_, i) => mx(i, `h${i}.example.com`));
    const p = await plan({ records: many });
    expect(p.hosts.map((h) => h.name)).toEqual(
      ["h0", "h1", "h2", "h3", "h4"].map((h) => `${h}.example.com`),
    );
  });
});

describe("a what-if REFUSED answer", () => {
  it("is accepted and is a temporary DNS error, as Stalwart treats a refusing resolver", async () => {
    const p = await plan({ records: [rcode("example.com", "MX", "REFUSED")] });
    expect(p.mx.status).toBe("error");
    expect(p.outcome?.kind).toBe("temporary_failure");
    expect(p.dns[0]).toMatchObject({ name: "example.com", type: "MX", rcode: "REFUSED" });
  });
});

/**
 * Issue 12's findings on the planner side, each checked against Stalwart v0.12.5's code:
 * dns_query() failures, the EHLO name chain, MX `10 .`, `localhost` answered by the
 * resolver itself, http relays, and remote_ip/local_ip as Rust prints them.
 */
import { describe, expect, it } from "vitest";
import { a, aaaa, mx, plan, post, rcode } from "../../support/api";

const MX1 = "mx1.example.com";
const reachable = [mx(10, MX1), a(MX1, "192.0.2.1")];

describe("dns_query(): a failed lookup aborts the whole setting (its built-in default)", () => {
  it("not the if-block's else, and not ''", async () => {
    const p = await plan({
      config:
        '[queue.outbound]\nip-strategy = [ { if = "count(dns_query(\'gone.test\', \'mx\')) > 0", then = "ipv6_only" }, { else = "ipv6_only" } ]\n',
      records: [...reachable, rcode("gone.test", "MX", "NXDOMAIN")],
    });
    expect(p.strategy.value).toBe("ipv4_then_ipv6");
    const d = p.diagnostics.find((x) => x.code === "eval_failed");
    expect(d?.message).toContain('MX lookup of "gone.test"');
  });

  it("an NXDOMAIN MX inside another dns_query() reports that failure after one lookup", async () => {
    const p = await plan({
      config:
        "[queue.outbound.source-ip]\nv6 = \"dns_query(dns_query('gone.test', 'mx')[0], 'ipv6')\"\n",
      records: [...reachable, rcode("gone.test", "MX", "NXDOMAIN")],
    });
    const d = p.diagnostics.find((x) => x.code === "eval_failed");
    expect(d?.message).toContain('MX lookup of "gone.test" found no record (NXDOMAIN)');
    expect(d?.message).not.toContain("more than");
    expect(p.dns.filter((t) => t.name === "gone.test")).toHaveLength(1);
    expect(p.hosts[0]?.source.v6).toEqual({ candidates: [], picked: null });
  });

  it("'ip' is the A answer, the AAAA lookup only when A fails", async () => {
    const p = await plan({
      config: "[queue.outbound.source-ip]\nv4 = \"dns_query('src.test', 'ip')\"\n",
      records: [...reachable, a("src.test", "192.0.2.9"), aaaa("src.test", "2001:db8::9")],
    });
    expect(p.hosts[0]?.source.v4.candidates).toEqual(["192.0.2.9"]);
    expect(p.dns.filter((t) => t.name === "src.test").map((t) => t.type)).toEqual(["A"]);
  });
});

describe("the EHLO name: server.hostname, lookup.default.hostname, the machine's", () => {
  it("without either, the machine's hostname: a placeholder and a note saying so", async () => {
    const p = await plan({ records: reachable });
    expect(p.hostname).toBe("<machine hostname>");
    expect(p.diagnostics.map((d) => d.code)).toContain("hostname_from_machine");
  });

  it("lookup.default.hostname lower-cased, server.hostname as written and first", async () => {
    const lookup = '[lookup.default]\nhostname = "MX.Example.ORG"\n';
    expect((await plan({ config: lookup, records: reachable })).hostname).toBe("mx.example.org");
    const both = `${lookup}[server]\nhostname = "Relay.Example.NET"\n`;
    const p = await plan({ config: both, records: reachable });
    expect(p.hostname).toBe("Relay.Example.NET");
    expect(p.diagnostics.map((d) => d.code)).not.toContain("hostname_from_machine");
  });
});

describe("hosts the resolver answers without DNS, and names found nowhere", () => {
  it("an MX exchange '.' at a preference other than 0 is a missing host, not a null MX", async () => {
    const p = await plan({ records: [mx(10, ".")] });
    expect(p.mx.status).toBe("ok");
    expect(p.hosts[0]?.error).toEqual({ permanent: true, message: "record not found for MX" });
    expect(p.outcome?.kind).toBe("permanent_failure");
  });

  it("an MX host 'localhost' resolves to loopback without a DNS question", async () => {
    const p = await plan({ records: [mx(10, "localhost"), a("localhost", "192.0.2.1")] });
    expect(p.hosts[0]?.dropped.map((d) => d.reason)).toEqual(["loopback", "loopback"]);
    expect(p.hosts[0]?.error).toEqual({
      permanent: true,
      message: "host resolves loopback address",
    });
    expect(p.dns.some((t) => t.name === "localhost")).toBe(false);
  });

  it("a relay 'localhost' ends the same way", async () => {
    const config =
      '[queue.outbound]\nnext-hop = "\'r\'"\n[remote.r]\naddress = "LocalHost"\nport = 25\n';
    const p = await plan({ config, records: reachable });
    expect(p.nextHop.kind).toBe("relay");
    expect(p.hosts[0]?.error?.message).toBe("host resolves loopback address");
    expect(p.outcome?.kind).toBe("permanent_failure");
  });
});

describe("local delivery", () => {
  it("a relay whose protocol is https (or http) means local delivery", async () => {
    const config =
      '[queue.outbound]\nnext-hop = "\'web\'"\n[remote.web]\naddress = "h.test"\nprotocol = "HTTPS"\n';
    const p = await plan({ config, records: reachable });
    expect(p.nextHop.kind).toBe("local");
    expect(p.outcome?.kind).toBe("local_delivery");
    // The protocol as the user wrote it, not the http Stalwart reads it as.
    expect(p.outcome?.message).toContain("remote.web, whose protocol is HTTPS");
    expect(p.dns).toEqual([]);
  });

  it("'local' is Stalwart's own relay, even where the config defines remote.local", async () => {
    const config =
      '[queue.outbound]\nnext-hop = "\'local\'"\n[remote.local]\naddress = "smtp.test"\n';
    const p = await plan({ config, records: reachable });
    expect(p.nextHop.kind).toBe("local");
    expect(p.diagnostics.map((d) => d.code)).toContain("relay_local_replaced");
  });
});

describe("remote_ip and local_ip as Rust prints them", () => {
  const retry =
    "[queue.schedule]\nretry = \"if_then(remote_ip == '::ffff:192.0.2.1' && local_ip == '0.0.0.0', [7m], [9m])\"\n";
  it("a typed address is normalised; an absent one is 0.0.0.0 (QueueEnvelope::new)", async () => {
    const p = await plan({
      config: retry,
      records: reachable,
      context: { remote_ip: "::FFFF:192.0.2.1" },
    });
    expect(p.retry.schedule).toEqual([420_000]);
  });

  it("the expression console normalises what the user types the same way", async () => {
    const res = await post("/api/expression", {
      expression: "[remote_ip, local_ip]",
      variables: { remote_ip: "2001:DB8:0:0:0:0:0:1", local_ip: "::FFFF:C000:0201" },
    });
    expect(await res.json()).toMatchObject({ value: ["2001:db8::1", "::ffff:192.0.2.1"] });
  });
});

/**
 * The delivery algorithm of Stalwart v0.13–v0.15 (spec stalwart-strategy.md §2, §1.3),
 * through the API: per-recipient routes and groups, the fallbacks with the events
 * Stalwart logs, hosts and addresses per route, and per attempt the connection (with the
 * previous attempt's local_ip), the source address drawn from the remote address's
 * family and the EHLO name.
 */
import { describe, expect, it } from "vitest";
import { a, aaaa, mx, plan, rcode } from "../../support/api";

const MX1 = "mx1.example.com";
const MX2 = "mx2.example.com";
const twoHosts = [
  mx(10, MX1),
  mx(20, MX2),
  a(MX1, "198.51.100.1"),
  aaaa(MX1, "2001:db8::1"),
  a(MX2, "198.51.100.2"),
];
const relay = (name: string, address: string, extra = "") =>
  `[queue.route.${name}]\ntype = "relay"\naddress = "${address}"\nport = 587\nprotocol = "smtp"\ntls.implicit = false\n${extra}`;

describe("§2.1 routes per recipient, and groups", () => {
  it("each recipient is routed on its own; the plan is rcpt's group, and the groups are listed", async () => {
    const config = `[queue.strategy]\nroute = [{ if = "rcpt == 'b@example.com'", then = "'smart'" }, { else = "'mx'" }]\n${relay("smart", "smtp.example.org")}`;
    const records = [...twoHosts, a("smtp.example.org", "203.0.113.5")];
    const context = { recipients: ["a@example.com", "b@example.com"], rcpt: "b@example.com" };
    const p = await plan({ config, records, context });
    expect(p.model).toBe("v0.13");
    expect(p.route).toMatchObject({ name: "smart", kind: "relay", branch: { index: 0 } });
    expect(p.attempts.map((t) => t.ip)).toEqual(["203.0.113.5"]);
    expect(p.groups).toEqual([
      { domain: "example.com", route: "mx", recipients: ["a@example.com"] },
      { domain: "example.com", route: "smart", recipients: ["b@example.com"] },
    ]);
  });

  it("mx routes that differ only in ip-lookup make one group, under the first recipient's route", async () => {
    const config = [
      "[queue.strategy]",
      "route = [{ if = \"rcpt == 'a@example.com'\", then = \"'v4'\" }, { else = \"'v6'\" }]",
      '[queue.route.v4]\ntype = "mx"\nip-lookup = "ipv4_only"',
      '[queue.route.v6]\ntype = "mx"\nip-lookup = "ipv6_only"',
      "",
    ].join("\n");
    const context = { recipients: ["a@example.com", "b@example.com"], rcpt: "b@example.com" };
    const p = await plan({ config, records: twoHosts, context });
    expect(p.groups).toBeUndefined();
    expect(p.route?.name).toBe("v4");
    expect(p.attempts.every((t) => t.family === "ipv4")).toBe(true);
  });

  it("the local route delivers locally", async () => {
    const p = await plan({
      config: '[queue.route.x]\ntype = "mx"\n',
      localDomains: ["example.com"],
    });
    expect(p.route).toMatchObject({ name: "local", kind: "local", branch: { index: 0 } });
    expect(p.outcome?.kind).toBe("local_delivery");
    expect(p.dns).toEqual([]);
  });
});

describe("§1.3 names nothing defines", () => {
  it("an unknown route: the built-in MX route, 'Gateway not found' (the relay is bypassed)", async () => {
    const config = '[queue.strategy]\nroute = "\'smarthost\'"\n[queue.route.other]\ntype = "mx"\n';
    const p = await plan({ config, records: twoHosts });
    expect(p.route).toMatchObject({ name: "smarthost", kind: "mx", fallback: true });
    expect(p.nextHop).toEqual({ kind: "mx" });
    expect(p.attempts[0]?.host).toBe(MX1);
    // Said once, where the name is written: the plan that chooses it adds no second warning.
    const about = p.diagnostics.filter((d) => d.message.includes('"smarthost"'));
    expect(about.map((d) => d.code)).toEqual(["route_not_found"]);
    expect(about[0]?.message).toContain('"Gateway not found"');
    expect(about[0]?.line).toBe(2);
  });

  it("a computed name nothing defines: the plan that chooses it says so (strategy_fallback)", async () => {
    const config =
      "[queue.strategy]\nroute = \"'smart' + 'host'\"\n[queue.route.other]\ntype = \"mx\"\n";
    const p = await plan({ config, records: twoHosts });
    expect(p.route).toMatchObject({ name: "smarthost", kind: "mx", fallback: true });
    const fallback = p.diagnostics.find((d) => d.code === "strategy_fallback");
    expect(fallback?.message).toContain('chose "smarthost"');
    expect(fallback?.message).toContain('"Gateway not found"');
    expect(p.diagnostics.map((d) => d.code)).not.toContain("route_not_found");
  });

  it("a value that is not a string gives the name default, which no route has", async () => {
    const p = await plan({ config: '[queue.strategy]\nroute = "false"\n', records: twoHosts });
    expect(p.route).toMatchObject({ name: "default", fallback: true, kind: "mx" });
    expect(p.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(["selector_not_a_name", "strategy_fallback"]),
    );
  });

  it("an unknown connection: unbound, with the event; default is quiet", async () => {
    const p = await plan({
      config: "[queue.strategy]\nconnection = \"'out'\"\n",
      records: twoHosts,
    });
    expect(p.attempts[0]).toMatchObject({
      sourceIp: null,
      connection: { name: "out", fallback: true },
      ehlo: { from: "server" },
    });
    expect(p.diagnostics.some((d) => d.message.includes('"Connection strategy not found"'))).toBe(
      true,
    );
    // An export whose `default` connection lost its timeout: never registered, so no
    // definition has the name; falling back from `default` is quiet.
    const config = '{"queue.connection.default.source-ips.0":"192.0.2.1"}';
    const quiet = await plan({ config, records: twoHosts });
    expect(quiet.attempts[0]?.connection).toMatchObject({ name: "default", fallback: true });
    expect(quiet.diagnostics.some((d) => d.message.includes("Connection strategy"))).toBe(false);
  });
});

describe("§2.6–2.10 per host and per attempt", () => {
  it("the connection is evaluated per remote address, with the previous attempt's local_ip", async () => {
    const config = [
      "[queue.strategy]",
      "connection = [{ if = \"local_ip == '0.0.0.0'\", then = \"'first'\" }, { else = \"'later'\" }]",
      '[queue.connection.first]\ntimeout.connect = "1m"\nsource-ips = ["192.0.2.1", "2001:db8:1::1"]',
      '[queue.connection.later]\ntimeout.connect = "1m"\nsource-ips = ["192.0.2.2"]',
      "",
    ].join("\n");
    const p = await plan({ config, records: twoHosts });
    expect(
      p.attempts.map((t) => [t.ip, t.connection?.name, t.connection?.localIp, t.sourceIp]),
    ).toEqual([
      ["198.51.100.1", "first", "0.0.0.0", "192.0.2.1"],
      ["2001:db8::1", "later", "192.0.2.1", null],
      // The IPv6 attempt bound nothing ("later" has no IPv6 address): local_ip is 0.0.0.0 again.
      ["198.51.100.2", "first", "0.0.0.0", "192.0.2.1"],
    ]);
    expect(p.diagnostics.map((d) => d.code)).toContain("stale_local_ip");
    expect(p.hosts[0]?.source.v4).toEqual({ candidates: ["192.0.2.1"], picked: null });
  });

  it("the source address is drawn per attempt, not per host", async () => {
    const config =
      '[queue.route.mx]\nlimits.multihomed = 6\n[queue.connection.default]\nsource-ips = ["192.0.2.1", "192.0.2.2"]\n';
    const records = [mx(10, MX1), ...[1, 2, 3, 4, 5, 6].map((i) => a(MX1, `198.51.100.${i}`))];
    const picks = new Set<string>();
    for (let seed = 0; seed < 8; seed++) {
      const p = await plan({ config, records, seed });
      const mine = new Set(p.attempts.map((t) => t.sourceIp ?? "-"));
      for (const s of mine) picks.add(s);
      if (mine.size > 1) break;
    }
    expect(picks).toEqual(new Set(["192.0.2.1", "192.0.2.2"]));
  });

  it("EHLO: the source address's name, else the connection's, else the server's", async () => {
    const config = [
      '[server]\nhostname = "server.example.com"',
      '[queue.connection.default]\nehlo-hostname = "conn.example.com"\nsource-ips = ["192.0.2.1", "2001:db8:1::1"]',
      '[queue.source-ip."192.0.2.1"]\nehlo-hostname = "v4.example.com"',
      "",
    ].join("\n");
    const p = await plan({ config, records: twoHosts });
    expect(p.attempts.map((t) => t.ehlo)).toEqual([
      { name: "v4.example.com", from: "source-ip" },
      { name: "conn.example.com", from: "connection" },
      { name: "v4.example.com", from: "source-ip" },
    ]);
    expect(p.attempts[1]?.sourceCandidates).toEqual([
      { ip: "2001:db8:1::1", ehlo: "conn.example.com" },
    ]);
    const bare = await plan({
      config: '[server]\nhostname = "server.example.com"\n',
      records: twoHosts,
      model: "v0.13",
    });
    expect(bare.attempts[0]?.ehlo).toEqual({ name: "server.example.com", from: "server" });
    expect(bare.hostname).toBe("server.example.com");
  });

  it("the TLS strategy is evaluated again per host, with mx set", async () => {
    const config = `[queue.strategy]\ntls = [{ if = "mx == '${MX2}'", then = "'strict'" }, { else = "'default'" }]\n[queue.tls.strict]\nstarttls = "require"\n`;
    const p = await plan({ config, records: twoHosts });
    expect(p.hosts.map((h) => h.tls?.name)).toEqual(["default", "strict"]);
  });

  it("an mx route's limits and ip-lookup decide hosts and addresses", async () => {
    const config = '[queue.route.mx]\nlimits.mx = 1\nip-lookup = "ipv6_then_ipv4"\n';
    const p = await plan({ config, records: twoHosts });
    expect(p.hosts.map((h) => h.name)).toEqual([MX1]);
    expect(p.attempts.map((t) => t.ip)).toEqual(["2001:db8::1", "198.51.100.1"]);
    expect(p.strategy).toMatchObject({ value: "ipv6_then_ipv4", key: "queue.route.mx.ip-lookup" });
    expect(p.limits).toEqual({ mx: 1, multihomed: 2 });
  });

  it("limits.multihomed = 0: every host fails with v0.13's text", async () => {
    const p = await plan({
      config: "[queue.route.mx]\nlimits.multihomed = 0\n",
      records: twoHosts,
    });
    expect(p.hosts[0]?.error).toEqual({
      permanent: false,
      message: `No IP addresses found for "${MX1}".`,
    });
    expect(p.outcome?.kind).toBe("temporary_failure");
  });
});

describe("§2.6 relays", () => {
  it("one host, ipv4_then_ipv6, at most 10 addresses", async () => {
    const host = "smtp.example.org";
    const records = [
      ...Array.from({ length: 12 }, (_, i) => a(host, `203.0.113.${i + 1}`)),
      aaaa(host, "2001:db8:2::1"),
    ];
    const p = await plan({
      config: `[queue.strategy]\nroute = "'r'"\n${relay("r", host)}`,
      records,
    });
    expect(p.mx.status).toBe("skipped");
    expect(p.nextHop).toEqual({
      kind: "relay",
      relay: "r",
      address: host,
      port: 587,
      protocol: "smtp",
    });
    expect(p.hosts[0]?.ips).toHaveLength(10);
    expect(p.hosts[0]?.dropped.map((d) => d.ip)).toEqual([
      "203.0.113.11",
      "203.0.113.12",
      "2001:db8:2::1",
    ]);
    expect(p.limits).toEqual({ mx: 1, multihomed: 10 });
  });

  it("an IP-literal address is looked up as a DNS name, and fails (#838)", async () => {
    const p = await plan({
      config: `[queue.strategy]\nroute = "'r'"\n${relay("r", "192.0.2.50")}`,
    });
    expect(p.dns.map((d) => `${d.type} ${d.name}`)).toEqual(["A 192.0.2.50", "AAAA 192.0.2.50"]);
    expect(p.hosts[0]?.error).toEqual({ permanent: true, message: "record not found for MX" });
    expect(p.outcome?.kind).toBe("permanent_failure");
    expect(p.diagnostics.map((d) => d.code)).toContain("relay_ip_literal");
  });
});

describe("the schedule strategy and the retry", () => {
  it("retry n waits retry[min(n, len - 1)] of the chosen schedule", async () => {
    const p = await plan({
      records: twoHosts,
      context: { retry_num: 2 },
      config: '[queue.route.mx]\ntype = "mx"\n',
    });
    expect(p.schedule).toMatchObject({ name: "remote", queue: "remote", fallback: false });
    expect(p.retry).toEqual({
      retryNum: 2,
      schedule: [120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000],
      nextInMs: 600_000,
      expireMs: 259_200_000,
    });
    const dsn = await plan({
      records: twoHosts,
      context: { source: "dsn", retry_num: 9 },
      config: '[queue.route.mx]\ntype = "mx"\n',
    });
    expect(dsn.schedule?.name).toBe("dsn");
    expect(dsn.retry.nextInMs).toBe(7_200_000);
    // Ten attempts: 15m, 30m, 1h, then 2h seven times.
    expect(dsn.retry).toMatchObject({
      expireAttempts: 10,
      expireMs: (15 + 30 + 60 + 7 * 120) * 60_000,
    });
  });

  it("the queue variables are those of upstream's schedule test", async () => {
    const config =
      "[queue.strategy]\nschedule = \"source + ' ' + received_from_ip + ' ' + received_via_port + ' ' + queue_name + ' ' + last_error + ' ' + rcpt_domain + ' ' + size + ' ' + queue_age\"\n";
    const context = {
      domain: "foobar.com",
      source: "authenticated",
      received_from_ip: "1.2.3.4",
      received_via_port: 7911,
      queue_name: "test",
      last_error: "tls",
      size: 978,
      queue_age: 123,
    };
    const p = await plan({ config, context, records: [rcode("foobar.com", "MX", "NXDOMAIN")] });
    expect(p.schedule?.name).toBe("authenticated 1.2.3.4 7911 test tls foobar.com 978 123");
    expect(p.schedule?.fallback).toBe(true);
  });
});

it("v0.13 and mx errors keep v0.12's texts where they did not change", async () => {
  const p = await plan({
    config: '[queue.route.mx]\ntype = "mx"\n',
    records: [rcode("example.com", "MX", "SERVFAIL")],
  });
  expect(p.outcome?.kind).toBe("temporary_failure");
  expect(p.mx.status).toBe("error");
});

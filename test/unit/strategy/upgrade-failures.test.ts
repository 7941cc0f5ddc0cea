/**
 * The upgrade failures people report most (spec stalwart-strategy.md §5), each as the
 * config they had and what the playground must show: what Stalwart really does, and a
 * diagnostic at the spot where it silently falls back.
 */
import { describe, expect, it } from "vitest";
import { a, mx, plan } from "../../support/api";

const MX1 = "mx1.example.com";
const records = [mx(10, MX1), a(MX1, "198.51.100.1"), a("smtp.example.org", "203.0.113.5")];
const codes = (p: { diagnostics: readonly { code: string }[] }) => p.diagnostics.map((d) => d.code);

describe("the relay silently bypassed (stalwart#1899, #2264, #2078)", () => {
  it("a v0.12 next-hop and remote.<id> kept in a v0.13 config: ignored, mail goes by MX", async () => {
    const config = [
      "[queue.outbound]",
      "next-hop = \"'smarthost'\"",
      "[remote.smarthost]",
      'address = "smtp.example.org"',
      "port = 587",
      "[queue.connection.default]",
      'source-ips = ["192.0.2.10"]',
      "",
    ].join("\n");
    const p = await plan({ config, records });
    expect(p.model).toBe("v0.13");
    expect(p.route).toMatchObject({ name: "mx", kind: "mx" });
    expect(p.attempts.map((t) => t.host)).toEqual([MX1]);
    const ignored = p.diagnostics.filter((d) => d.code === "model_ignored_key");
    expect(ignored.map((d) => d.key)).toEqual(
      expect.arrayContaining(["queue.outbound.next-hop", "remote.smarthost.address"]),
    );
    expect(ignored.find((d) => d.key === "remote.smarthost.address")?.message).toContain(
      "[queue.route.smarthost]",
    );
  });

  it("a route named but not defined (the docs' [route.relay] key paths, website#66)", async () => {
    const config =
      '[queue.strategy]\nroute = "\'relay\'"\n[route.relay]\ntype = "relay"\naddress = "smtp.example.org"\n';
    const p = await plan({ config, records });
    expect(p.route).toMatchObject({ name: "relay", fallback: true, kind: "mx" });
    expect(p.attempts[0]?.ip).toBe("198.51.100.1");
    const w = p.diagnostics.find((d) => d.code === "route_not_found");
    expect(w).toMatchObject({ key: "queue.strategy.route", line: 2 });
    expect(w?.message).toContain("no [queue.route.relay] is defined");
  });

  it("a relay dropped for want of an address: the selector's warning says why", async () => {
    const config =
      '[queue.strategy]\nroute = "\'relay\'"\n[queue.route.relay]\ntype = "relay"\nhost = "smtp.example.org"\n';
    const p = await plan({ config, records });
    expect(p.route?.fallback).toBe(true);
    const w = p.diagnostics.find((d) => d.code === "route_not_found");
    expect(w?.message).toContain('route "relay" is dropped (it is a relay without an address)');
  });
});

describe("source addresses that are silently ignored (stalwart#94, #1843, #2867)", () => {
  it("a connection block with only source-ips is never registered: unbound, and said so twice", async () => {
    const config =
      '[queue.strategy]\nconnection = "\'out\'"\n[queue.connection.out]\nsource-ips = ["192.0.2.10"]\n';
    const p = await plan({ config, records });
    expect(p.attempts[0]).toMatchObject({
      sourceIp: null,
      connection: { name: "out", fallback: true },
    });
    expect(codes(p)).toEqual(
      expect.arrayContaining(["connection_not_registered", "connection_not_found"]),
    );
    const w = p.diagnostics.find((d) => d.code === "connection_not_found");
    expect(w?.message).toContain("never registered");
  });

  it("the v0.12 habit: source IPs as a string expression, and queue.outbound.source-ip", async () => {
    const config = [
      "[queue.outbound.source-ip]",
      "v4 = \"['192.0.2.10']\"",
      "[queue.connection.default]",
      "source-ips = \"['192.0.2.10', '192.0.2.11']\"",
      "",
    ].join("\n");
    const p = await plan({ config, records });
    expect(p.attempts[0]?.sourceIp).toBeNull();
    expect(codes(p)).toEqual(
      expect.arrayContaining(["source_ip_expression", "setting_invalid", "model_ignored_key"]),
    );
  });

  it("a stale local_ip: the connection expression sees the previous attempt's source address", async () => {
    const config = [
      "[queue.strategy]",
      "connection = [{ if = \"local_ip == '192.0.2.10'\", then = \"'b'\" }, { else = \"'a'\" }]",
      '[queue.connection.a]\nehlo-hostname = "a.example.com"\nsource-ips = ["192.0.2.10"]',
      '[queue.connection.b]\nehlo-hostname = "b.example.com"\nsource-ips = ["192.0.2.20"]',
      "",
    ].join("\n");
    const p = await plan({ config, records: [...records, a(MX1, "198.51.100.2")] });
    expect(
      p.attempts.map((t) => [t.connection?.localIp, t.connection?.name, t.sourceIp, t.ehlo?.name]),
    ).toEqual([
      ["0.0.0.0", "a", "192.0.2.10", "a.example.com"],
      ["192.0.2.10", "b", "192.0.2.20", "b.example.com"],
    ]);
    expect(codes(p)).toContain("stale_local_ip");
  });

  it("IPv4 sources only: connections to IPv6 hosts are unbound, no fallback to the other family (#2484)", async () => {
    const config =
      '[queue.connection.default]\nsource-ips = ["192.0.2.10"]\n[queue.route.mx]\nip-lookup = "ipv6_only"\n';
    const p = await plan({
      config,
      records: [mx(10, MX1), { name: MX1, type: "AAAA", value: "2001:db8::1" }],
    });
    expect(p.attempts[0]).toMatchObject({ family: "ipv6", sourceIp: null });
    expect(codes(p)).toContain("source_family_missing");
  });
});

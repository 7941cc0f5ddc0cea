/**
 * Notes: every ≤ v0.12 outbound key carried over or named in a note; the behaviour
 * changes of issue 15 named even when the keys map cleanly; each note placed in the input
 * (line/column of its key) and, where it is about a definition, in the output (`target`).
 */
import { describe, expect, it } from "vitest";
import type { MigrateNote } from "../../../functions/core/contract";
import { codes, migrate, planLines, planObject, singleton, tomlKeys } from "./helpers";

const find = (notes: readonly MigrateNote[], code: string) => notes.filter((n) => n.code === code);

describe("every key carried over or named", () => {
  const every = `[queue.outbound]
ip-strategy = "ipv4_only"
source-ip.v4 = "'192.0.2.1'"
source-ip.v6 = "'2001:db8::1'"
limits.mx = 3
limits.multihomed = 4
next-hop = "'relay'"
hostname = "'out.example.com'"
tls.dane = "require"
tls.mta-sts = "disable"
tls.starttls = "optional"
tls.allow-invalid-certs = false
timeouts.connect = "1m"
timeouts.greeting = "2m"
timeouts.tls = "3m"
timeouts.ehlo = "4m"
timeouts.mail-from = "5m"
timeouts.rcpt-to = "6m"
timeouts.data = "7m"
timeouts.mta-sts = "8m"
[queue.schedule]
retry = "[1m]"
notify = "[2d]"
expire = "3d"
[remote.relay]
address = "relay.example.org"
port = 2525
protocol = "lmtp"
tls.implicit = false
tls.allow-invalid-certs = true
auth.username = "u"
auth.secret = "s"
`;

  it("no note of a key left behind when every key is one Stalwart reads", async () => {
    expect(codes((await migrate(every, "v0.13")).notes)).not.toContain("migrate_key_not_carried");
  });

  it("each value lands where v0.13 reads it", async () => {
    const keys = tomlKeys((await migrate(every, "v0.13")).config);
    expect(Object.fromEntries([...keys].filter(([k]) => !k.startsWith("queue.strategy.")))).toEqual(
      {
        "queue.route.relay.type": "relay",
        "queue.route.relay.address": "relay.example.org",
        "queue.route.relay.port": "2525",
        "queue.route.relay.protocol": "lmtp",
        "queue.route.relay.tls.implicit": "false",
        "queue.route.relay.tls.allow-invalid-certs": "true",
        "queue.route.relay.auth.username": "u",
        "queue.route.relay.auth.secret": "s",
        "queue.connection.default.source-ips.0000": "192.0.2.1",
        "queue.connection.default.source-ips.0001": "2001:db8::1",
        "queue.connection.default.ehlo-hostname": "out.example.com",
        "queue.connection.default.timeout.connect": "1m",
        "queue.connection.default.timeout.greeting": "2m",
        "queue.connection.default.timeout.ehlo": "4m",
        "queue.connection.default.timeout.mail-from": "5m",
        "queue.connection.default.timeout.rcpt-to": "6m",
        "queue.connection.default.timeout.data": "7m",
        "queue.tls.default.starttls": "optional",
        "queue.tls.default.dane": "require",
        "queue.tls.default.mta-sts": "disable",
        "queue.tls.default.allow-invalid-certs": "false",
        "queue.tls.default.timeout.tls": "3m",
        "queue.tls.default.timeout.mta-sts": "8m",
        "queue.schedule.outbound.queue-name": "remote",
        "queue.schedule.outbound.retry.0000": "1m",
        "queue.schedule.outbound.notify.0000": "2d",
        "queue.schedule.outbound.expire": "3d",
      },
    );
    // No MX route is reachable (next-hop is always the relay), so none is written.
    expect(keys.get("queue.strategy.route")).toBe("'relay'");
  });

  it("a key Stalwart does not read is named, at its line", async () => {
    const config = `[queue.outbound]\nip-strategy = "ipv4_only"\nfoo = 1\n[remote.r]\naddress = "r.example"\nweight = 2\n[remote.noaddress]\nport = 25\n`;
    const left = find((await migrate(config, "v0.13")).notes, "migrate_key_not_carried");
    expect(left.map((n) => [n.key, n.line])).toEqual([
      ["queue.outbound.foo", 3],
      ["remote.r.weight", 6],
      ["remote.noaddress.port", 8],
    ]);
  });
});

describe("behaviour changes, named although the keys map cleanly", () => {
  it("v0.16's mx route defaults: maxMxHosts stated", async () => {
    const r = await migrate("", "v0.16");
    expect(codes(r.notes)).toContain("migrate_mx_route_defaults");
    expect(planObject(planLines(r.config), "MtaRoute", "mx").maxMxHosts).toBe(5);
  });

  it("an IP-literal relay: still broken in v0.13–v0.15, working in v0.16", async () => {
    const config = `[queue.outbound]\nnext-hop = "'r'"\n[remote.r]\naddress = "192.0.2.25"\n`;
    const v013 = find((await migrate(config, "v0.13")).notes, "migrate_relay_ip_literal");
    const v016 = find((await migrate(config, "v0.16")).notes, "migrate_relay_ip_literal");
    expect(v013[0]?.message).toMatch(/v0\.13–v0\.15.*look it up as a host name/);
    expect(v016[0]?.message).toMatch(/v0\.16 connects to it directly/);
    expect(v016[0]?.line).toBe(4);
  });

  it("a loopback relay is never reached, in any version", async () => {
    const config = `[queue.outbound]\nnext-hop = "'lmtp'"\n[remote.lmtp]\naddress = "127.0.0.1"\nprotocol = "lmtp"\n`;
    const notes = (await migrate(config, "v0.16")).notes;
    expect(codes(notes)).toContain("migrate_relay_loopback");
    expect(codes(notes)).not.toContain("migrate_relay_ip_literal");
  });

  it("a relay's lookup: ipv4_then_ipv6 and 10 addresses from v0.13 on", async () => {
    const config = `[queue.outbound]\nnext-hop = "'r'"\n[remote.r]\naddress = "relay.example.org"\n`;
    expect(codes((await migrate(config, "v0.13")).notes)).toContain("migrate_relay_ip_lookup");
  });

  it("mixed-family sources and the pick per attempt", async () => {
    const config = `[queue.outbound]\nsource-ip.v4 = "'192.0.2.1'"\nsource-ip.v6 = "'2001:db8::1'"\n`;
    const notes = (await migrate(config, "v0.13")).notes;
    expect(find(notes, "migrate_mixed_family_sources")[0]?.line).toBe(2);
    // One address per family: the pick cannot differ, so it is only said.
    expect(find(notes, "migrate_source_ip_per_attempt")[0]?.severity).toBe("info");
  });

  it("the connection-discovery quirk is a v0.13 note only", async () => {
    expect(codes((await migrate("", "v0.13")).notes)).toContain("migrate_connection_discovery");
    expect(codes((await migrate("", "v0.16")).notes)).not.toContain("migrate_connection_discovery");
  });

  it("STARTTLS: said when the default is carried, not when the config sets it", async () => {
    expect(codes((await migrate("", "v0.13")).notes)).toContain("migrate_starttls_default");
    const set = `[queue.outbound]\ntls.starttls = "optional"\n`;
    expect(codes((await migrate(set, "v0.13")).notes)).not.toContain("migrate_starttls_default");
  });
});

describe("relays", () => {
  it("an unknown relay in next-hop goes to the MX route, as v0.12 did", async () => {
    const r = await migrate(`[queue.outbound]\nnext-hop = "'nowhere'"\n`, "v0.13");
    expect(codes(r.notes)).toContain("migrate_relay_unknown");
    expect(tomlKeys(r.config).get("queue.strategy.route")).toBe("'mx'");
  });

  it("an unused relay is carried over and said", async () => {
    const r = await migrate(`[remote.spare]\naddress = "spare.example.org"\n`, "v0.13");
    expect(find(r.notes, "migrate_relay_unused")[0]?.line).toBe(2);
    expect(tomlKeys(r.config).get("queue.route.spare.type")).toBe("relay");
  });

  it("remote.mx becomes mx-relay: v0.13+ has an MX route named mx", async () => {
    const config = `[queue.outbound]\nnext-hop = [{ if = "retry_num > 0", then = "'mx'" }, { else = false }]\n[remote.mx]\naddress = "relay.example.org"\n`;
    const r = await migrate(config, "v0.16");
    expect(codes(r.notes)).toContain("migrate_relay_renamed");
    const lines = planLines(r.config);
    expect(planObject(lines, "MtaRoute", "mx-relay")["@type"]).toBe("Relay");
    expect(planObject(lines, "MtaRoute", "mx")["@type"]).toBe("Mx");
    expect(JSON.stringify(singleton(lines, "MtaOutboundStrategy").route)).toBe(
      `{"match":{"0":{"if":"retry_num > 0","then":"'mx-relay'"}},"else":"'mx'"}`,
    );
  });

  it("protocol http is local delivery: a local route", async () => {
    const config = `[queue.outbound]\nnext-hop = "'web'"\n[remote.web]\naddress = "x"\nprotocol = "https"\n`;
    const r = await migrate(config, "v0.16");
    expect(codes(r.notes)).toContain("migrate_relay_http_local");
    expect(planObject(planLines(r.config), "MtaRoute", "web")["@type"]).toBe("Local");
  });

  it("protocol imap spoke LMTP in v0.12: lmtp, with a note", async () => {
    const config = `[queue.outbound]\nnext-hop = "'i'"\n[remote.i]\naddress = "i.example"\nprotocol = "imap"\n`;
    const r = await migrate(config, "v0.13");
    expect(codes(r.notes)).toContain("migrate_relay_protocol_lmtp");
    expect(tomlKeys(r.config).get("queue.route.i.protocol")).toBe("lmtp");
  });
});

describe("v0.16 bounds", () => {
  it("limits.mx 0 (no limit) and multihomed 0 (no address) are written as v0.16 accepts them", async () => {
    const r = await migrate(`[queue.outbound]\nlimits.mx = 0\nlimits.multihomed = 0\n`, "v0.16");
    expect(planObject(planLines(r.config), "MtaRoute", "mx")).toMatchObject({
      maxMxHosts: 65_535,
      maxMultihomed: 1,
    });
    expect(find(r.notes, "migrate_value_adjusted").map((n) => [n.severity, n.line])).toEqual([
      ["info", 2],
      ["error", 3],
    ]);
  });

  it("the server's name becomes SystemSettings.defaultHostname", async () => {
    const r = await migrate(`[server]\nhostname = "MX.example.com"\n`, "v0.16");
    expect(singleton(planLines(r.config), "SystemSettings")).toEqual({
      defaultHostname: "mx.example.com",
    });
    expect(find(r.notes, "migrate_server_hostname")[0]?.line).toBe(2);
  });
});

describe("where notes point", () => {
  it("a definition's note points at its table in the TOML", async () => {
    const config = `[queue.outbound]\nsource-ip.v4 = "['192.0.2.1', '192.0.2.2']"\n`;
    const r = await migrate(config, "v0.13");
    const note = find(r.notes, "migrate_source_ip_per_attempt")[0];
    const line = r.config.split("\n")[(note?.target?.line ?? 0) - 1];
    expect(line).toBe("[queue.connection.default]");
    expect(note).toMatchObject({ line: 2, column: 1, key: "queue.outbound.source-ip.v4" });
  });

  it("a selector's note points at its key", async () => {
    const r = await migrate("", "v0.13");
    const note = find(r.notes, "migrate_schedule_split")[0];
    expect(r.config.split("\n")[(note?.target?.line ?? 0) - 1]).toMatch(/^schedule = \[/);
  });
});

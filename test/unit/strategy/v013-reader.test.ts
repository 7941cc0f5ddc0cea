/**
 * Stalwart v0.13–v0.15 settings as Stalwart reads them: spec stalwart-strategy.md §1.1
 * (selectors), §1.2 (named definitions, discovery and its quirk), §1.4 (boot defaults,
 * the shapes users export). Cases from upstream tests where there are some
 * (tests/src/smtp/lookup/utils.rs and outbound/ip_lookup.rs @v0.15.5).
 */
import { describe, expect, it } from "vitest";
import { MACHINE_HOSTNAME } from "../../../functions/core/config/server-hostname";
import { loadV013 } from "../../../functions/core/models/v013/load";
import { SETTINGS_JSON, SETTINGS_LIST } from "../models/fixtures";
import { at, codes, read13, withCode } from "./helpers";

describe("§1.1 selectors", () => {
  it("absent: the built-in blocks of QueueConfig::default()", () => {
    const { config } = read13("");
    expect(config.selectors.route.block.origin).toBe("builtin");
    expect(config.selectors.route.block.branches[0]?.conditionSource).toBe(
      "is_local_domain('*', rcpt_domain)",
    );
    expect(config.selectors.tls.block.branches[0]?.thenSource).toBe("'invalid-tls'");
    expect(config.selectors.schedule.block.defaultSource).toBe("'remote'");
  });

  it("route and schedule see the recipient variables: mx is refused with ≤ v0.15's message", () => {
    const text = "[queue.strategy]\nroute = \"mx == 'x'\"\n";
    const { config, diagnostics } = read13(text);
    const e = withCode(diagnostics, "expr_syntax")[0];
    expect(e?.message).toMatch(/^Invalid variable or constant "mx"/);
    expect(at(text, e)).toBe("mx");
    expect(config.selectors.route.block.origin).toBe("builtin");
  });

  it("connection and tls see the host variables, and every selector the queue variables", () => {
    const text = [
      "[queue.strategy]",
      "connection = \"if_then(remote_ip == '192.0.2.1' && local_ip != '' && mx != '', 'a', 'b')\"",
      'schedule = "source + queue_name + received_from_ip + received_via_port + size + queue_age"',
      "",
    ].join("\n");
    const { config, diagnostics } = read13(text);
    expect(withCode(diagnostics, "expr_syntax")).toEqual([]);
    expect(config.selectors.connection.block.origin).toBe("config");
    expect(config.selectors.schedule.block.origin).toBe("config");
  });

  it("no constant is registered: ipv4_only is an invalid word", () => {
    const { diagnostics } = read13('[queue.strategy]\ntls = "ipv4_only"\n');
    expect(withCode(diagnostics, "expr_syntax")[0]?.message).toMatch(
      /^Invalid variable or constant "ipv4_only"/,
    );
  });

  it("list form needs its else", () => {
    const text = '[queue.strategy]\nroute = [ { if = "retry_num > 0", then = "\'relay\'" } ]\n';
    expect(codes(read13(text).diagnostics)).toContain("if_block_missing_else");
  });
});

describe("§1.2 routes", () => {
  it("exist only with a type of exactly mx, relay or local", () => {
    const text = '[queue.route.a]\ntype = "MX"\n[queue.route.b]\nlimits.mx = 3\n';
    const { config, diagnostics } = read13(text);
    expect(config.routes.has("a")).toBe(false);
    expect(config.routes.has("b")).toBe(false);
    const e = diagnostics.find((d) => d.key === "queue.route.a.type");
    expect(e?.message).toMatch(/^Invalid route type: "MX"\. Expected 'relay', 'local', or 'mx'\./);
    expect(at(text, e)).toBe('"MX"');
  });

  it("an empty type is a missing property", () => {
    const { config, diagnostics } = read13('[queue.route.a]\ntype = " "\n');
    expect(config.routes.has("a")).toBe(false);
    expect(withCode(diagnostics, "setting_missing")[0]?.key).toBe("queue.route.a.type");
  });

  it("mx: limits 5 and 2, ip-lookup any case; a bad value is logged and defaulted", () => {
    const text =
      '[queue.route.m]\ntype = "mx"\nip-lookup = "IPv6_Then_IPv4"\n[queue.route.n]\ntype = "mx"\nip-lookup = "both"\nlimits.mx = 0\n';
    const { config, diagnostics } = read13(text);
    expect(config.routes.get("m")).toMatchObject({
      maxMx: 5,
      multihomed: 2,
      ipLookup: "ipv6_then_ipv4",
    });
    expect(config.routes.get("n")).toMatchObject({ maxMx: 0, ipLookup: "ipv4_then_ipv6" });
    const e = diagnostics.find((d) => d.key === "queue.route.n.ip-lookup");
    expect(e?.message).toMatch(/^Invalid IP lookup strategy "both"\./);
  });

  it("relay: no address drops it; port and protocol are required but defaulted; tls.implicit defaults to true", () => {
    const text =
      '[queue.route.r]\ntype = "relay"\naddress = "smtp.example.org"\n[queue.route.none]\ntype = "relay"\nport = 25\n';
    const { config, diagnostics } = read13(text);
    expect(config.routes.has("none")).toBe(false);
    expect(config.routes.get("r")).toMatchObject({
      kind: "relay",
      address: "smtp.example.org",
      port: 25,
      protocol: "smtp",
      implicitTls: true,
      allowInvalidCerts: false,
      auth: null,
      addressIp: null,
    });
    const missing = withCode(diagnostics, "setting_missing").map((d) => d.key);
    expect(missing).toEqual(
      expect.arrayContaining([
        "queue.route.none.address",
        "queue.route.r.port",
        "queue.route.r.protocol",
      ]),
    );
    // A missing key is placed at the block it belongs to.
    const port = diagnostics.find((d) => d.key === "queue.route.r.port");
    expect(at(text, port)).toBe("address");
  });

  it("relay AUTH needs both a username and a secret; protocol any case", () => {
    const text =
      '[queue.route.a]\ntype = "relay"\naddress = "x.example"\nport = 587\nprotocol = "LMTP"\nauth.username = "u"\n[queue.route.b]\ntype = "relay"\naddress = "y.example"\nauth.username = "u"\nauth.secret = "p"\ntls.implicit = false\n';
    const { config } = read13(text);
    expect(config.routes.get("a")).toMatchObject({ auth: null, protocol: "lmtp", port: 587 });
    expect(config.routes.get("b")).toMatchObject({
      auth: { username: "u", secret: "given" },
      implicitTls: false,
    });
  });
});

describe("§1.2 connections", () => {
  it("a block with only source-ips is never registered (v0.13–v0.15 quirk)", () => {
    const text = '[queue.connection.out]\nsource-ips = ["192.0.2.10"]\n';
    const { config, diagnostics } = read13(text);
    expect(config.connections.has("out")).toBe(false);
    const w = withCode(diagnostics, "connection_not_registered")[0];
    expect(w?.key).toBe("queue.connection.out.source-ips.0000");
    expect(at(text, w)).toBe('"192.0.2.10"');
  });

  it("the same block named default is registered: its timeout.connect is a database key", () => {
    const { config } = read13('[queue.connection.default]\nsource-ips = ["192.0.2.10"]\n');
    expect(config.connections.get("default")?.v4.map((s) => s.ip)).toEqual(["192.0.2.10"]);
    expect(config.connections.get("default")?.origin).toBe("config");
  });

  it("upstream's test connection: timeout.connect registers it; EHLO names per source address", () => {
    const text = `[queue.connection.test.timeout]
connect = "10s"

[queue.connection.test]
ehlo-hostname = "test.example.com"
source-ips = ["10.0.0.1", "10.0.0.2", "a:b::1", "a:b::2"]

[queue.source-ip."10.0.0.1"]
ehlo-hostname = "test1.example.com"

[queue.source-ip."a:b::2"]
ehlo-hostname = "test6.example.com"
`;
    const c = read13(text).config.connections.get("test");
    expect(c?.ehlo).toBe("test.example.com");
    expect(c?.timeouts.connect).toBe(10_000);
    expect(c?.timeouts.data).toBe(600_000);
    expect(c?.v4).toMatchObject([
      { ip: "10.0.0.1", ehlo: "test1.example.com" },
      { ip: "10.0.0.2" },
    ]);
    expect(c?.v4[1]?.ehlo).toBeUndefined();
    expect(c?.v6).toMatchObject([{ ip: "a:b::1" }, { ip: "a:b::2", ehlo: "test6.example.com" }]);
  });

  it("source addresses: each entry on its own, split by family in list order, no CIDR", () => {
    const text =
      '[queue.connection.c]\nehlo-hostname = "c.example"\nsource-ips = ["2001:db8::2", "192.0.2.2", "192.0.2.0/24", "2001:db8::1", "192.0.2.1"]\n';
    const { config, diagnostics } = read13(text);
    const c = config.connections.get("c");
    expect(c?.v4.map((s) => s.ip)).toEqual(["192.0.2.2", "192.0.2.1"]);
    expect(c?.v6.map((s) => s.ip)).toEqual(["2001:db8::2", "2001:db8::1"]);
    const e = withCode(diagnostics, "setting_invalid")[0];
    expect(e?.message).toMatch(/^Invalid IP address value "192\.0\.2\.0\/24"\./);
    expect(at(text, e)).toBe('"192.0.2.0/24"');
  });

  it("a single scalar source-ips is one address", () => {
    const c = read13(
      '[queue.connection.c]\ntimeout.data = "1m"\nsource-ips = "198.51.100.9"\n',
    ).config.connections.get("c");
    expect(c?.v4.map((s) => s.ip)).toEqual(["198.51.100.9"]);
    expect(c?.timeouts.data).toBe(60_000);
  });

  it("a v0.12-style source-ip expression is skipped, and said to be one", () => {
    const text = "[queue.connection.default]\nsource-ips = \"['192.0.2.1', '192.0.2.2']\"\n";
    const { config, diagnostics } = read13(text);
    expect(config.connections.get("default")?.v4).toEqual([]);
    expect(codes(diagnostics)).toEqual(
      expect.arrayContaining(["setting_invalid", "source_ip_expression"]),
    );
  });

  it("queue.source-ip keys are looked up by the address as Rust prints it", () => {
    const text =
      '[queue.connection.default]\nsource-ips = ["2001:db8::a"]\n[queue.source-ip."2001:DB8:0::A"]\nehlo-hostname = "v6.example.com"\n';
    const { config, diagnostics } = read13(text);
    expect(config.connections.get("default")?.v6[0]?.ehlo).toBeUndefined();
    expect(withCode(diagnostics, "source_ip_unread")[0]?.message).toContain(
      "queue.source-ip.2001:db8::a",
    );
  });

  it("ehlo-hostname is a plain string: an expression's quotes are kept", () => {
    const c = read13(
      "[queue.connection.x]\nehlo-hostname = \"'mx.example.com'\"\n",
    ).config.connections.get("x");
    expect(c?.ehlo).toBe("'mx.example.com'");
  });
});

describe("§1.2 TLS strategies and schedules", () => {
  it("TLS: discovered by its suffixes (a lone mta-sts no longer, from v0.13.1)", () => {
    const text =
      '[queue.tls.strict]\nstarttls = "require"\ndane = "required"\n[queue.tls.sts]\nmta-sts = "require"\n';
    const { config } = read13(text);
    expect(config.tls.get("strict")).toMatchObject({
      startTls: "require",
      dane: "require",
      mtaSts: "optional",
    });
    expect(config.tls.has("sts")).toBe(false);
  });

  it("a schedule is not discovered by a TOML retry list alone (retry.0000 ends no suffix)", () => {
    const { config } = read13('[queue.schedule.fast]\nretry = ["1m", "5m"]\n');
    expect(config.schedules.has("fast")).toBe(false);
  });

  it("with its queue-name it is; no retry is an error and one hour", () => {
    const text =
      '[queue.schedule.fast]\nqueue-name = "remote"\nretry = ["1m", "5m"]\nmax-attempts = 3\n[queue.schedule.none]\nqueue-name = "remote"\n';
    const { config, diagnostics } = read13(text);
    expect(config.schedules.get("fast")).toMatchObject({
      retry: [60_000, 300_000],
      expiry: { kind: "attempts", max: 3 },
      queue: "remote",
    });
    expect(config.schedules.get("none")?.retry).toEqual([3_600_000]);
    expect(diagnostics.find((d) => d.key === "queue.schedule.none.retry")?.message).toMatch(
      /^At least one 'retry' duration must be specified\./,
    );
  });

  it("a schedule on a missing virtual queue, or with expire and max-attempts, is dropped", () => {
    const text =
      '[queue.schedule.a]\nqueue-name = "nowhere"\nretry = "1m"\n[queue.schedule.b]\nqueue-name = "remote"\nretry = "1m"\nexpire = "1d"\nmax-attempts = 2\n';
    const { config, diagnostics } = read13(text);
    expect(config.schedules.has("a")).toBe(false);
    expect(config.schedules.has("b")).toBe(false);
    expect(diagnostics.map((d) => d.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Virtual queue 'nowhere' does not exist\./),
        expect.stringMatching(/^Cannot specify both 'expire' and 'max-attempts'\./),
      ]),
    );
  });
});

describe("§1.4 the database's boot defaults, merged under the file", () => {
  it("an empty file has Stalwart's first-start definitions", () => {
    const { config, diagnostics } = read13("");
    expect([...config.routes.keys()].sort()).toEqual(["local", "mx"]);
    expect(config.routes.get("mx")).toMatchObject({ maxMx: 5, multihomed: 2, origin: "default" });
    expect([...config.connections.keys()]).toEqual(["default"]);
    expect([...config.tls.keys()].sort()).toEqual(["default", "invalid-tls"]);
    expect([...config.schedules.keys()].sort()).toEqual(["dsn", "local", "remote", "report"]);
    expect(config.schedules.get("dsn")).toMatchObject({
      retry: [900_000, 1_800_000, 3_600_000, 7_200_000],
      expiry: { kind: "attempts", max: 10 },
    });
    expect(codes(diagnostics)).toContain("boot_defaults_applied");
  });

  it("a key written here wins: [queue.route.mx] ip-lookup alone works (upstream ip_lookup test)", () => {
    const { config } = read13('[queue.route.mx]\nip-lookup = "ipv6_then_ipv4"\n');
    expect(config.routes.get("mx")).toMatchObject({
      kind: "mx",
      ipLookup: "ipv6_then_ipv4",
      origin: "config",
    });
  });

  it("a list written beside the database's is merged with it, in key order", () => {
    const text = '[queue.schedule.remote]\nretry = ["1m"]\n';
    const { config, diagnostics } = read13(text);
    expect(config.schedules.get("remote")?.retry.slice(0, 3)).toEqual([120_000, 60_000, 300_000]);
    const w = withCode(diagnostics, "merged_list_keys")[0];
    expect(w?.message).toContain("[2m, 1m, 5m, 10m, 15m, 30m, 1h, 2h]");
  });
});

describe("§1.4 what users export", () => {
  it("settings.json (full keys, web-admin list keys) reads as the file would", () => {
    const { config, diagnostics } = read13(SETTINGS_JSON);
    expect(config.routes.get("relay")).toMatchObject({
      kind: "relay",
      address: "smtp.example.org",
    });
    expect(config.selectors.route.block.branches).toHaveLength(1);
    expect(config.selectors.route.block.defaultSource).toBe("'relay'");
    // source-ips.0 / .1 without a timeout: the classic undiscovered connection.
    expect(config.connections.has("out")).toBe(false);
    expect(codes(diagnostics)).toContain("connection_not_registered");
    expect(config.hostname).toMatchObject({ value: "mx1.example.com", from: "server.hostname" });
    // It holds the database's keys of the mx and local routes and the default connection:
    // those are read as exported; the definitions it has no key of get their defaults.
    const note = withCode(diagnostics, "export_holds_defaults")[0];
    expect(note?.message).toContain(
      "own keys of queue.route.local, queue.route.mx, queue.connection.default,",
    );
    expect(note?.message).toContain("queue.tls.default");
    const merged = loadV013(SETTINGS_JSON).config;
    expect(merged.has("queue.route.mx.limits.mx")).toBe(false);
    expect(merged.has("queue.tls.default.allow-invalid-certs")).toBe(true);
    expect([...config.tls.keys()].sort()).toEqual(["default", "invalid-tls"]);
  });

  it("an excerpt of an export: the definitions it lacks keep their first-start keys", () => {
    // One database key and a schedule selector: the `remote` schedule is still defined.
    const text =
      '{"queue.connection.default.timeout.connect":"10m","queue.strategy.schedule.0.else":"\'remote\'"}';
    const { config, diagnostics } = read13(text);
    expect(config.schedules.get("remote")?.retry[0]).toBe(120_000);
    expect(config.connections.get("default")?.timeouts.connect).toBe(600_000);
    expect(codes(diagnostics)).not.toContain("schedule_not_found");
    expect(withCode(diagnostics, "export_holds_defaults")[0]?.message).toContain(
      "own keys of queue.connection.default,",
    );
  });

  it("/api/settings/list with its prefix stripped: queue. is added back", () => {
    const { config, diagnostics } = read13(SETTINGS_LIST);
    expect(codes(diagnostics)).toContain("flat_json_prefix_added");
    expect(config.routes.get("mx")).toMatchObject({ ipLookup: "ipv6_then_ipv4" });
    expect(config.selectors.route.block.branches[0]?.conditionSource).toBe("retry_num > 1");
  });

  it("a JSON number is read as the string Stalwart would store", () => {
    const { config } = read13(
      '{"queue.route.r.type":"relay","queue.route.r.address":"x.example","queue.route.r.port":2525}',
    );
    expect(config.routes.get("r")).toMatchObject({ port: 2525 });
  });
});

describe("keys Stalwart does not read", () => {
  it("a misspelt field or selector is named, with the field meant, once per list", () => {
    const text = [
      "[queue.strategy]\nroutes = \"'x'\"",
      '[queue.connection.out]\ntimeout.connect = "1m"\nsource-ip = ["192.0.2.1", "192.0.2.2"]',
      '[queue.route.r]\ntype = "relay"\naddress = "a.example"\nconcurrency = 5',
      "",
    ].join("\n");
    const { config, diagnostics } = read13(text);
    const unread = withCode(diagnostics, "unknown_key");
    expect(unread.map((d) => d.key)).toEqual([
      "queue.route.r.concurrency",
      "queue.connection.out.source-ip.0000",
      "queue.strategy.routes",
    ]);
    expect(unread[1]?.message).toContain('(did you mean "source-ips"?)');
    expect(at(text, unread[1])).toBe("source-ip");
    expect(config.connections.get("out")?.v4).toEqual([]);
  });
});

describe("the server hostname (the EHLO name's last fallback)", () => {
  it("server.hostname, else lookup.default.hostname lower-cased, else the machine's", () => {
    expect(read13('[server]\nhostname = "MX.example.com"\n').config.hostname.value).toBe(
      "MX.example.com",
    );
    expect(
      read13('[lookup.default]\nhostname = "MAIL.Example.com"\n').config.hostname,
    ).toMatchObject({ value: "mail.example.com", from: "lookup.default.hostname" });
    expect(read13("").config.hostname).toEqual({ value: MACHINE_HOSTNAME, from: "machine" });
  });
});

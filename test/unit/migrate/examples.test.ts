/**
 * The worked examples of spec stalwart-strategy.md §6 (M2–M6, M9; the spec has no M1, M7
 * or M8), each migrating to v0.13 and to v0.16 as written there, or better with a note.
 */
import { describe, expect, it } from "vitest";
import { plan } from "../../support/api";
import { EXAMPLES } from "./example-configs";
import { codes, migrate, planLines, planObject, singleton, tomlKeys, under } from "./helpers";

describe("M2 strategy constant", () => {
  const config = EXAMPLES.M2;

  it("v0.13: [queue.route.mx] with ip-lookup, keeping limits 5 and 2", async () => {
    const keys = tomlKeys((await migrate(config, "v0.13")).config);
    expect(under(keys, "queue.route.mx.")).toEqual({
      type: "mx",
      "ip-lookup": "ipv6_then_ipv4",
      "limits.mx": "5",
      "limits.multihomed": "2",
    });
  });

  it("v0.16: an Mx route v6ThenV4 with maxMxHosts 5 and maxMultihomed 2", async () => {
    const lines = planLines((await migrate(config, "v0.16")).config);
    expect(planObject(lines, "MtaRoute", "mx")).toMatchObject({
      "@type": "Mx",
      name: "mx",
      ipLookupStrategy: "v6ThenV4",
      maxMxHosts: 5,
      maxMultihomed: 2,
    });
  });
});

describe("M3 static source IPs", () => {
  const config = EXAMPLES.M3;

  it("v0.13: one source-ips list in order, with timeout.connect so the block is registered", async () => {
    const r = await migrate(config, "v0.13");
    const keys = tomlKeys(r.config);
    expect(under(keys, "queue.connection.default.")).toEqual({
      "source-ips.0000": "192.0.2.10",
      "source-ips.0001": "192.0.2.11",
      "source-ips.0002": "2001:db8::a",
      "timeout.connect": "5m",
    });
    expect(keys.get("queue.strategy.connection")).toBe("'default'");
    expect(codes(r.notes)).toContain("migrate_source_ip_per_attempt");
    expect(codes(r.notes)).toContain("migrate_connection_discovery");
  });

  it("v0.16: sourceIps keyed 0, 1, 2", async () => {
    const r = await migrate(config, "v0.16");
    const conn = planObject(planLines(r.config), "MtaConnectionStrategy", "default");
    expect(conn.sourceIps).toEqual({
      "0": { sourceIp: "192.0.2.10" },
      "1": { sourceIp: "192.0.2.11" },
      "2": { sourceIp: "2001:db8::a" },
    });
    const note = r.notes.find((n) => n.code === "migrate_source_ip_per_attempt");
    expect(note).toMatchObject({
      severity: "warning",
      line: 2,
      key: "queue.outbound.source-ip.v4",
    });
    // The note also points at the connection in the plan: line 2, the connections' line.
    expect(note?.target?.line).toBe(2);
  });
});

describe("M4 EHLO", () => {
  it("strips the expression quotes: ehlo-hostname / ehloHostname", async () => {
    const config = EXAMPLES.M4;
    const keys = tomlKeys((await migrate(config, "v0.13")).config);
    expect(keys.get("queue.connection.default.ehlo-hostname")).toBe("mail-out.example.com");
    const lines = planLines((await migrate(config, "v0.16")).config);
    expect(planObject(lines, "MtaConnectionStrategy", "default").ehloHostname).toBe(
      "mail-out.example.com",
    );
  });

  it("the default config_get('server.hostname') is no override", async () => {
    const config = "[queue.outbound]\nhostname = \"config_get('server.hostname')\"\n";
    const keys = tomlKeys((await migrate(config, "v0.13")).config);
    expect(keys.has("queue.connection.default.ehlo-hostname")).toBe(false);
    const lines = planLines((await migrate(config, "v0.16")).config);
    expect(planObject(lines, "MtaConnectionStrategy", "default")).not.toHaveProperty(
      "ehloHostname",
    );
  });
});

describe("M5 relay with fallback", () => {
  it("v0.13: the route selector and the relay route", async () => {
    const keys = tomlKeys((await migrate(EXAMPLES.M5, "v0.13")).config);
    expect(under(keys, "queue.strategy.route.")).toEqual({
      "0000.if": "is_local_domain('*', rcpt_domain)",
      "0000.then": "'local'",
      "0001.if": "retry_num > 1",
      "0001.then": "'smarthost'",
      "0002.else": "'mx'",
    });
    expect(under(keys, "queue.route.smarthost.")).toEqual({
      type: "relay",
      address: "smtp.example.org",
      port: "587",
      protocol: "smtp",
      "tls.implicit": "false",
      "tls.allow-invalid-certs": "false",
      "auth.username": "u",
      "auth.secret": "p",
    });
  });

  it("v0.16: is_local_domain loses its directory; the Relay carries its secret", async () => {
    const lines = planLines((await migrate(EXAMPLES.M5, "v0.16")).config);
    // The spec's JSON, as written in §6 M5.
    expect(singleton(lines, "MtaOutboundStrategy").route).toEqual(
      JSON.parse(
        `{"match":{"0":{"if":"is_local_domain(rcpt_domain)","then":"'local'"},"1":{"if":"retry_num > 1","then":"'smarthost'"}},"else":"'mx'"}`,
      ),
    );
    expect(planObject(lines, "MtaRoute", "smarthost")).toMatchObject({
      "@type": "Relay",
      name: "smarthost",
      address: "smtp.example.org",
      port: 587,
      protocol: "smtp",
      implicitTls: false,
      allowInvalidCerts: false,
      authUsername: "u",
      authSecret: { "@type": "Value", secret: "p" },
    });
  });
});

describe("M6 implicit TLS default", () => {
  const config = EXAMPLES.M6;

  it("v0.13 keeps tls.implicit true, written out", async () => {
    const keys = tomlKeys((await migrate(config, "v0.13")).config);
    expect(keys.get("queue.route.r.type")).toBe("relay");
    expect(keys.get("queue.route.r.tls.implicit")).toBe("true");
  });

  it("v0.16 must write implicitTls: true, and says why", async () => {
    const r = await migrate(config, "v0.16");
    expect(planObject(planLines(r.config), "MtaRoute", "r").implicitTls).toBe(true);
    expect(codes(r.notes)).toContain("migrate_implicit_tls_default");
  });
});

describe("M9 limits and timeouts", () => {
  const config = EXAMPLES.M9;

  it("v0.13: route limits, connection and TLS timeouts, STARTTLS kept required", async () => {
    const keys = tomlKeys((await migrate(config, "v0.13")).config);
    expect(keys.get("queue.route.mx.limits.mx")).toBe("7");
    expect(keys.get("queue.route.mx.limits.multihomed")).toBe("3");
    expect(keys.get("queue.connection.default.timeout.connect")).toBe("3m");
    expect(keys.get("queue.connection.default.timeout.data")).toBe("10m");
    expect(keys.get("queue.tls.default.timeout.tls")).toBe("2m");
    expect(keys.get("queue.tls.default.starttls")).toBe("require");
  });

  it("v0.16: the same in milliseconds", async () => {
    const r = await migrate(config, "v0.16");
    const lines = planLines(r.config);
    expect(planObject(lines, "MtaRoute", "mx")).toMatchObject({ maxMxHosts: 7, maxMultihomed: 3 });
    expect(planObject(lines, "MtaConnectionStrategy", "default")).toMatchObject({
      connectTimeout: 180_000,
      dataTimeout: 600_000,
    });
    expect(planObject(lines, "MtaTlsStrategy", "default")).toMatchObject({
      tlsTimeout: 120_000,
      startTls: "require",
    });
    expect(codes(r.notes)).toContain("migrate_starttls_default");
  });
});

describe("every example loads without an error or a warning in the target's own model", () => {
  it.each(Object.entries(EXAMPLES))("%s", async (_name, config) => {
    for (const target of ["v0.13", "v0.16"] as const) {
      const migrated = (await migrate(config, target)).config;
      const p = await plan({ config: migrated, model: target, context: { domain: "example.com" } });
      expect(p.model).toBe(target);
      expect(p.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    }
  });
});

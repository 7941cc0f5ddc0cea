/**
 * Stalwart v0.16 (spec stalwart-strategy.md §3, §4): registry objects → the plan, in
 * every input shape; the safe defaults; MtaOutboundStrategy expressions compiled with
 * v0.16's rules and messages; a relay address that is an IP used without DNS.
 */
import { describe, expect, it } from "vitest";
import { a, aaaa, mx, plan } from "../../support/api";
import { DOCS_ARRAY, JMAP_RESPONSE, SNAPSHOT_CLI, SNAPSHOT_UPSERT } from "../models/fixtures";
import { at, codes, read16, withCode } from "./helpers";

const MX1 = "mx1.example.com";
const records = [mx(10, MX1), a(MX1, "198.51.100.1"), aaaa(MX1, "2001:db8::1")];
/** One `{if, then}` branch (the registry's field names). */
// biome-ignore lint/suspicious/noThenProperty: Stalwart's field name; never awaited.
const when = (condition: string, result: string) => ({ if: condition, then: result });
const outbound = (fields: Record<string, unknown>) =>
  JSON.stringify({ "@type": "update", object: "MtaOutboundStrategy", value: fields });

describe("§3.1 safe defaults and field defaults", () => {
  it("no object at all: the safe defaults, the mx route with maxMxHosts 2", async () => {
    const p = await plan({ config: "[]", model: "v0.16", records });
    expect(p.model).toBe("v0.16");
    expect(p.route).toMatchObject({
      name: "mx",
      fallback: false,
      limits: { mx: 2, multihomed: 2 },
    });
    expect(p.schedule).toMatchObject({ name: "remote", queue: "remote" });
    expect(p.retry.schedule).toHaveLength(9);
    expect(p.diagnostics.map((d) => d.code)).toContain("registry_safe_defaults");
  });

  it("a route given alone replaces them: mx then is the built-in route, with 5 hosts", () => {
    const { config } = read16('{"@type":"Relay","name":"r","address":"smtp.example.org"}');
    expect([...config.routes.keys()]).toEqual(["r"]);
    expect(config.routes.get("r")).toMatchObject({
      implicitTls: false,
      port: 25,
      protocol: "smtp",
    });
  });
});

describe("§3.2 expressions", () => {
  it("compile with v0.16's arity-1 is_local_domain", async () => {
    const p = await plan({ config: SNAPSHOT_UPSERT, records, localDomains: ["example.com"] });
    expect(p.route).toMatchObject({ name: "local", branch: { index: 0 } });
  });

  it("a known variable outside the set: 'Variable \"x\" not allowed in this context', placed", () => {
    const text = outbound({ route: { match: {}, else: "if_then(mx == '', 'a', 'b')" } });
    const { config, diagnostics } = read16(text);
    const e = withCode(diagnostics, "expression_invalid")[0];
    expect(e?.message).toBe(
      "Error parsing 'else' expression: Variable \"mx\" not allowed in this context (Stalwart rejects this MtaOutboundStrategy.route and uses its default expression)",
    );
    expect(at(text, e)).toBe("mx");
    expect(config.selectors.route.block.origin).toBe("builtin");
  });

  it("the two-argument is_local_domain of ≤ v0.15 no longer compiles, nor config_get", () => {
    const text = outbound({
      route: {
        match: { "0": when("is_local_domain('*', rcpt_domain)", "'local'") },
        else: "'mx'",
      },
      connection: { else: "config_get('server.hostname')" },
    });
    const messages = withCode(read16(text).diagnostics, "expression_invalid").map((d) => d.message);
    expect(messages[0]).toMatch(
      /^Error parsing 'if' expression in condition #1: Expression function "is_local_domain" expected 1 arguments, got 2/,
    );
    expect(messages[1]).toMatch(
      /^Error parsing 'else' expression: Invalid variable or constant "config_get"/,
    );
  });

  it("an empty string is refused by the registry: the field keeps its default expression", async () => {
    const text = outbound({ route: { match: {}, else: "" } });
    expect(codes(read16(text).diagnostics)).toContain("registry_invalid_field");
    const p = await plan({ config: text, records, localDomains: ["example.com"] });
    expect(p.route).toMatchObject({ name: "local", branch: { index: 0 } });
  });

  it("constants are all allowed; system('hostname') is SystemSettings.defaultHostname", async () => {
    const text = [
      '{"defaultHostname":"mail.example.com"}',
      outbound({ connection: { else: "if_then(ipv4_only != '', system('hostname'), 'x')" } }),
    ].join("\n");
    const p = await plan({ config: text, records });
    expect(p.attempts[0]?.connection).toMatchObject({ name: "mail.example.com", fallback: true });
    expect(p.attempts[0]?.ehlo).toEqual({ name: "mail.example.com", from: "server" });
  });

  it("is_ip_in_cidr (v0.16.5) in a connection expression, per remote address", async () => {
    const config = [
      outbound({
        connection: {
          match: { "0": when("is_ip_in_cidr(remote_ip, '2001:db8::/32')", "'v6'") },
          else: "'default'",
        },
      }),
      '{"name":"v6","sourceIps":{"0":{"sourceIp":"2001:db8:5::1","ehloHostname":"six.example.com"}}}',
    ].join("\n");
    const p = await plan({ config, records: [...records], context: {}, seed: 3 });
    expect(p.attempts.map((t) => [t.connection?.name, t.sourceIp, t.ehlo?.name])).toEqual([
      ["default", null, "<machine hostname>"],
      ["v6", "2001:db8:5::1", "six.example.com"],
    ]);
  });
});

describe("§3.3 input shapes", () => {
  it("snapshot plan lines: routes, connection with per-address EHLO, the outbound strategy", async () => {
    const p = await plan({ config: SNAPSHOT_UPSERT, records, context: { retry_num: 2 } });
    expect(p.modelReason).toMatch(/^JSON registry objects at line 1/);
    expect(p.route).toMatchObject({
      name: "smarthost",
      kind: "relay",
      key: "MtaRoute[smarthost]",
      relay: { address: "smtp.example.org", port: 587, implicitTls: false, auth: null },
    });
  });

  it("stalwart-cli's own snapshot (destroy lines, create, update by #id): an IP relay is used as it is", async () => {
    const p = await plan({ config: SNAPSHOT_CLI, records });
    expect(p.model).toBe("v0.16");
    expect(p.route).toMatchObject({
      name: "relay",
      relay: { address: "10.0.0.25", auth: { username: "mailer", secret: "stripped" } },
    });
    expect(p.dns).toEqual([]);
    expect(p.attempts.map((t) => t.ip)).toEqual(["10.0.0.25"]);
    expect(p.diagnostics.map((d) => d.code)).not.toContain("relay_ip_literal");
  });

  it("the docs' array of bare objects, lists as arrays", async () => {
    const p = await plan({
      config: DOCS_ARRAY,
      records: [a("mx.partner.example", "203.0.113.9")],
      context: { domain: "partner.example" },
    });
    expect(p.route).toMatchObject({ name: "partner", relay: { port: 465, implicitTls: true } });
    expect(codes(p.diagnostics as never)).toContain("registry_list_as_array");
  });

  it("a JMAP …/get response: the v4Only mx route and the hostname", async () => {
    const p = await plan({ config: JMAP_RESPONSE, records });
    expect(p.route).toMatchObject({
      name: "mx",
      limits: { mx: 3, multihomed: 1 },
      ipLookup: "ipv4_only",
    });
    expect(p.attempts.map((t) => t.ip)).toEqual(["198.51.100.1"]);
    expect(p.hostname).toBe("mail.example.com");
  });

  it("TOML given as v0.16 says so, and plans the safe defaults", async () => {
    const p = await plan({ config: '[queue.route.r]\ntype = "relay"\n', model: "v0.16", records });
    expect(p.diagnostics[0]).toMatchObject({ code: "registry_input_shape", line: 1 });
    expect(p.route?.name).toBe("mx");
  });
});

/** Validation of v0.16 registry objects: Stalwart's refusals, fallbacks, and what is kept. */
import { describe, expect, it } from "vitest";
import { loadRegistry } from "../../../functions/core/models/v016/load";
import { DOCS_ARRAY, GET_JSON, JMAP_RESPONSE, SNAPSHOT_CLI, SNAPSHOT_UPSERT } from "./fixtures";

const routes = (text: string) =>
  [...loadRegistry(text).registry.routes.values()].map((r) => r.value);
const route = (fields: string) =>
  `{"@type":"create","object":"MtaRoute","value":{"a":{${fields}}}}`;
const connection = (fields: string) =>
  `{"@type":"create","object":"MtaConnectionStrategy","value":{"a":{"name":"c",${fields}}}}`;
const diagnostics = (text: string) =>
  loadRegistry(text).diagnostics.filter((d) => d.code !== "registry_safe_defaults");

describe("the real-looking inputs", () => {
  it("a v0.16 snapshot gives its routes, connection and strategy, with safe defaults for the rest", () => {
    const { registry, diagnostics: diags } = loadRegistry(SNAPSHOT_UPSERT);
    expect([...registry.routes.keys()]).toEqual(["mx", "local", "smarthost"]);
    expect(registry.routes.get("smarthost")?.value).toMatchObject({
      address: "smtp.example.org",
      port: 587,
      implicitTls: false,
      authSecret: { "@type": "None" },
    });
    expect(registry.connections.get("default")?.value.sourceIps).toEqual([
      { sourceIp: "192.0.2.10", ehloHostname: "out10.example.com" },
      { sourceIp: "2001:db8::a" },
    ]);
    expect(registry.outbound.value.route.match.map((m) => m.then)).toEqual([
      "'local'",
      "'smarthost'",
    ]);
    expect(registry.outbound.defaulted.size).toBe(0);
    expect(registry.safeDefaults).toEqual(["MtaTlsStrategy", "MtaDeliverySchedule"]);
    expect([...registry.tls.keys()]).toEqual(["invalid-tls", "default"]);
    expect(registry.system).toBeUndefined();
    expect(diags.map((d) => d.code)).toEqual(["registry_safe_defaults", "registry_safe_defaults"]);
  });

  it("a cli snapshot: IP-literal relay address kept, stripped secret noted, update applied", () => {
    const { registry, diagnostics: diags } = loadRegistry(SNAPSHOT_CLI);
    expect(registry.routes.get("relay")?.value).toMatchObject({
      address: "10.0.0.25",
      description: "Relay via the office gateway",
      authSecret: { "@type": "Value" },
    });
    expect(registry.routes.get("mx")?.value).toMatchObject({
      ipLookupStrategy: "v6ThenV4",
      maxMxHosts: 2,
    });
    expect(registry.tls.get("default")?.value.startTls).toBe("require");
    expect(registry.outbound.value.route.else).toBe("'relay'");
    expect(registry.outbound.defaulted).toEqual(new Set(["connection", "tls", "schedule"]));
    expect(registry.outbound.value.tls.match[0]?.then).toBe("'invalid-tls'");
    const stripped = diags.find((d) => d.code === "registry_secret_stripped");
    expect(stripped?.key).toBe("MtaRoute[relay].authSecret");
    expect(SNAPSHOT_CLI.slice(stripped?.start, stripped?.end)).toBe('{"@type":"Value"}');
  });

  it("a get --json object, a docs array, a JMAP response", () => {
    const get = loadRegistry(GET_JSON).registry.connections.get("out")?.value;
    expect(get).toMatchObject({
      connectTimeout: 120_000,
      ehloHostname: null,
      sourceIps: [{ sourceIp: "198.51.100.7" }, { sourceIp: "198.51.100.8", ehloHostname: null }],
    });
    const docs = loadRegistry(DOCS_ARRAY);
    expect(docs.registry.routes.get("partner")?.value).toMatchObject({
      port: 465,
      implicitTls: true,
      protocol: "smtp",
    });
    expect(docs.registry.connections.get("ipv6-out")?.value.sourceIps).toEqual([
      { sourceIp: "2001:db8::25" },
    ]);
    expect(
      docs.diagnostics.filter((d) => d.code === "registry_list_as_array").map((d) => d.key),
    ).toEqual(["MtaOutboundStrategy.route.match", "MtaConnectionStrategy[ipv6-out].sourceIps"]);
    const jmap = loadRegistry(JMAP_RESPONSE).registry;
    expect(jmap.system?.value.defaultHostname).toBe("mail.example.com");
    expect(jmap.routes.get("mx")?.value).toMatchObject({
      ipLookupStrategy: "v4Only",
      maxMultihomed: 1,
      maxMxHosts: 3,
    });
  });
});

describe("refused values take their default, with Stalwart's words", () => {
  it("maxMxHosts: 0", () => {
    const text = route('"@type":"Mx","name":"mx","maxMxHosts":0');
    expect(routes(text)[0]).toMatchObject({ maxMxHosts: 5 });
    const [d] = diagnostics(text);
    expect(d).toMatchObject({
      severity: "error",
      code: "registry_invalid_field",
      key: "MtaRoute[mx].maxMxHosts",
    });
    expect(d?.message).toContain("Property 'maxMxHosts' is below minimum value of 1");
    expect(text.slice(d?.start, d?.end)).toBe("0");
  });

  it("an invalid enum (the v0.13 spelling), in Rust's words", () => {
    const text = route('"@type":"Mx","name":"mx","ipLookupStrategy":"ipv6_then_ipv4"');
    expect(routes(text)[0]).toMatchObject({ ipLookupStrategy: "v4ThenV6" });
    expect(diagnostics(text)[0]?.message).toContain(
      'Invalid value Str("ipv6_then_ipv4") for enum type V4ThenV6.',
    );
  });

  it('durations are milliseconds: a "5m" string is refused, with its value in ms', () => {
    const text = connection('"connectTimeout":"5m","dataTimeout":0');
    const [c] = loadRegistry(text).registry.connections.values();
    expect(c?.value).toMatchObject({ connectTimeout: 300_000, dataTimeout: 600_000 });
    expect(c?.defaulted.has("connectTimeout")).toBe(true);
    const [d1, d2] = diagnostics(text);
    expect(d1?.message).toContain("Invalid path for Duration");
    expect(d1?.message).toContain("write 300000");
    expect(d2?.message).toContain("Invalid duration value");
  });

  it("port bounds, booleans and strings", () => {
    const text = route(
      '"@type":"Relay","name":"r","address":"  relay.example.net ","port":70000,"implicitTls":"yes","authUsername":""',
    );
    expect(routes(text)[0]).toMatchObject({
      address: "relay.example.net",
      port: 25,
      implicitTls: false,
    });
    expect(diagnostics(text).map((d) => d.key)).toEqual([
      "MtaRoute[r].port",
      "MtaRoute[r].implicitTls",
      "MtaRoute[r].authUsername",
    ]);
    expect(diagnostics(text).map((d) => d.message.match(/Stalwart: "([^"]+)"/)?.[1])).toEqual([
      "Property 'port' exceeds maximum value of 65535",
      "Invalid value for boolean property (expected true or false)",
      "Invalid value for property.",
    ]);
  });

  it("a refused expression falls back to the context default", () => {
    const text =
      '{"@type":"update","object":"MtaOutboundStrategy","value":{"route":{"match":{"0":{"if":"retry_num > 1"}}},"tls":{"else":""}}}';
    const { registry } = loadRegistry(text);
    expect(registry.outbound.value.route.else).toBe("'mx'");
    expect(registry.outbound.value.tls.match).toHaveLength(1);
    expect(registry.outbound.defaulted).toEqual(
      new Set(["route", "tls", "connection", "schedule"]),
    );
    expect(diagnostics(text).map((d) => d.key)).toEqual([
      "MtaOutboundStrategy.route.else",
      "MtaOutboundStrategy.route.match.0.then",
      "MtaOutboundStrategy.tls.else",
    ]);
  });
});

describe("source IPs, entry by entry", () => {
  it("skips a refused entry, keeps the others in key order, canonical", () => {
    const text = connection(
      '"sourceIps":{"10":{"sourceIp":"2001:DB8:0:0::1"},"2":{"sourceIp":"192.0.2.300"},"1":{"sourceIp":"0.0.0.0"},"0":{"sourceIp":"192.0.2.1","ehloHostname":"Out.Example.COM"}}',
    );
    const [c] = loadRegistry(text).registry.connections.values();
    expect(c?.value.sourceIps).toEqual([
      { sourceIp: "192.0.2.1", ehloHostname: "out.example.com" },
      { sourceIp: "2001:db8::1" },
    ]);
    const msgs = diagnostics(text).map((d) => d.message);
    expect(msgs.some((m) => m.includes("Failed to parse IpAddr from string"))).toBe(true);
    expect(msgs.some((m) => m.includes("Invalid value '0.0.0.0' for property 'sourceIp'"))).toBe(
      true,
    );
  });

  it("drops a refused per-IP EHLO name but keeps the address", () => {
    const text = connection(
      '"sourceIps":[{"sourceIp":"192.0.2.1","ehloHostname":"not a host"}],"ehloHostname":"-bad"',
    );
    const [c] = loadRegistry(text).registry.connections.values();
    expect(c?.value.sourceIps).toEqual([{ sourceIp: "192.0.2.1" }]);
    expect(c?.value.ehloHostname).toBeUndefined();
    expect(
      diagnostics(text)
        .filter((d) => d.code === "registry_invalid_field")
        .map((d) => d.message.includes("Invalid hostname or IP address")),
    ).toEqual([true, true]);
  });

  it("refuses a list key that is not a number", () => {
    const text = connection(
      '"sourceIps":{"first":{"sourceIp":"192.0.2.1"},"1":{"sourceIp":"192.0.2.2"}}',
    );
    const [c] = loadRegistry(text).registry.connections.values();
    expect(c?.value.sourceIps).toEqual([{ sourceIp: "192.0.2.2" }]);
    expect(diagnostics(text)[0]?.message).toContain("Invalid key for object property");
  });
});

describe("objects Stalwart refuses whole, and unknown fields", () => {
  it("a route without @type is skipped, with the variant to add", () => {
    const text =
      '{"@type":"create","object":"MtaRoute","value":{"a":{"name":"smarthost","address":"smtp.example.org"}}}';
    expect(loadRegistry(text).registry.routes.has("smarthost")).toBe(false);
    const [d] = diagnostics(text);
    expect(d).toMatchObject({ code: "registry_invalid_object", severity: "error" });
    expect(d?.message).toContain("Missing or invalid '@type' property in object");
    expect(d?.message).toContain('add "@type": "Relay"');
  });

  it("no name, no relay address, no schedule queue: skipped", () => {
    expect(
      diagnostics(route('"@type":"Local"')).map((d) =>
        d.message.includes("Property 'name' is required"),
      ),
    ).toEqual([true]);
    expect(routes(route('"@type":"Relay","name":"r"'))).not.toContainEqual(
      expect.objectContaining({ name: "r" }),
    );
    const schedule =
      '{"@type":"create","object":"MtaDeliverySchedule","value":{"a":{"name":"bulk"}}}';
    const loaded = loadRegistry(schedule);
    expect(loaded.registry.schedules.has("bulk")).toBe(false);
    expect(loaded.registry.safeDefaults).toContain("MtaDeliverySchedule");
  });

  it("an unknown field is ignored, with the field it was likely meant to be", () => {
    const text = route('"@type":"Mx","name":"mx","max_mx_hosts":3,"maxMxHosts":4');
    expect(routes(text)[0]).toMatchObject({ maxMxHosts: 4 });
    const [d] = diagnostics(text);
    expect(d).toMatchObject({
      code: "registry_unknown_field",
      severity: "warning",
      key: "MtaRoute[mx].max_mx_hosts",
    });
    expect(d?.message).toContain('did you mean "maxMxHosts"');
    expect(text.slice(d?.start, d?.end)).toBe('"max_mx_hosts"');
  });

  it("schedules: custom intervals in key order, an empty custom list refused", () => {
    const text =
      '{"@type":"create","object":"MtaDeliverySchedule","value":{"a":{"name":"bulk","queueId":"b","retry":{"@type":"Custom","intervals":{"1":{"duration":600000},"0":{"duration":60000}}},"notify":{"@type":"Custom","intervals":{}},"expiry":{"@type":"Attempts","maxAttempts":3}}}}';
    const bulk = loadRegistry(text).registry.schedules.get("bulk")?.value;
    expect(bulk?.retry).toEqual({
      "@type": "Custom",
      intervals: [{ duration: 60_000 }, { duration: 600_000 }],
    });
    expect(bulk?.notify).toEqual({ "@type": "Default" });
    expect(bulk?.expiry).toEqual({ "@type": "Attempts", maxAttempts: 3 });
    expect(diagnostics(text)[0]?.message).toContain(
      "Property 'intervals' is below minimum length of 1",
    );
  });
});

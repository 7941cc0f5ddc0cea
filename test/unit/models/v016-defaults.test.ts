/** Safe defaults, field defaults, expression positions and the JSON Schema of v0.16. */
import { describe, expect, it } from "vitest";
import { fieldDefaults, SAFE_DEFAULTS } from "../../../functions/core/models/v016/defaults";
import { expressionSource } from "../../../functions/core/models/v016/expression-source";
import { registryJsonSchema } from "../../../functions/core/models/v016/json-schema";
import { loadRegistry } from "../../../functions/core/models/v016/load";
import {
  MtaConnectionStrategySchema,
  MtaRouteRelaySchema,
  MtaTlsStrategySchema,
} from "../../../functions/core/models/v016/registry";

describe("safe defaults (defaults.rs @v0.16.18)", () => {
  it("an empty input holds what a fresh server writes: the mx route tries 2 MX hosts, not 5", () => {
    const { registry, diagnostics } = loadRegistry("");
    expect(registry.routes.get("mx")?.value).toEqual({
      "@type": "Mx",
      name: "mx",
      description: "MX delivery route",
      ipLookupStrategy: "v4ThenV6",
      maxMultihomed: 2,
      maxMxHosts: 2,
    });
    expect(registry.routes.get("local")?.value["@type"]).toBe("Local");
    expect(registry.connections.get("default")?.value).toMatchObject({
      sourceIps: [],
      connectTimeout: 300_000,
      dataTimeout: 600_000,
    });
    expect(registry.tls.get("invalid-tls")?.value.allowInvalidCerts).toBe(true);
    expect(registry.tls.get("default")?.value).toMatchObject({
      allowInvalidCerts: false,
      startTls: "optional",
      tlsTimeout: 180_000,
    });
    expect(registry.routes.get("mx")?.node).toBeUndefined();
    expect(registry.safeDefaults).toEqual([
      "MtaRoute",
      "MtaConnectionStrategy",
      "MtaTlsStrategy",
      "MtaDeliverySchedule",
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(Array(4).fill("registry_safe_defaults"));
  });

  it("the outbound strategy's defaults are its ctx_* expressions (one-argument is_local_domain)", () => {
    const { outbound } = loadRegistry("").registry;
    expect(outbound.value.route.match.map((m) => [m.if, m.then])).toEqual([
      ["is_local_domain(rcpt_domain)", "'local'"],
    ]);
    expect(outbound.value.route.else).toBe("'mx'");
    expect(outbound.value.connection).toEqual({ match: [], else: "'default'" });
    expect(outbound.value.schedule.match.map((m) => m.then)).toEqual([
      "'local'",
      "'dsn'",
      "'report'",
    ]);
    expect(outbound.defaulted.has("route")).toBe(true);
  });

  it("schedules: local/remote expire in 3 days, dsn after 10 attempts, report with no notify", () => {
    const byName = Object.fromEntries(SAFE_DEFAULTS.MtaDeliverySchedule.map((s) => [s.name, s]));
    expect(byName.remote?.expiry).toEqual({ "@type": "Ttl", expire: 259_200_000 });
    expect(byName.remote?.retry).toEqual({ "@type": "Default" });
    expect(byName.dsn?.expiry).toEqual({ "@type": "Attempts", maxAttempts: 10 });
    expect(byName.dsn?.retry).toEqual({
      "@type": "Custom",
      intervals: [900_000, 1_800_000, 3_600_000, 7_200_000].map((duration) => ({ duration })),
    });
    expect(byName.report?.notify).toEqual({ "@type": "Custom", intervals: [] });
  });

  it("a type given objects gets no defaults, even if none is named like a default", () => {
    const text =
      '{"@type":"create","object":"MtaRoute","value":{"a":{"@type":"Local","name":"deliver-here"}}}';
    expect([...loadRegistry(text).registry.routes.keys()]).toEqual(["deliver-here"]);
  });

  it("field defaults come from the schemas: v0.16's implicitTls is false", () => {
    expect(fieldDefaults(MtaRouteRelaySchema.shape)).toEqual({
      port: 25,
      protocol: "smtp",
      implicitTls: false,
      allowInvalidCerts: false,
      authSecret: { "@type": "None" },
    });
    expect(fieldDefaults(MtaTlsStrategySchema.shape)).toMatchObject({
      dane: "optional",
      mtaSts: "optional",
      startTls: "optional",
      mtaStsTimeout: 300_000,
    });
    expect(fieldDefaults(MtaConnectionStrategySchema.shape)).toMatchObject({
      sourceIps: [],
      rcptToTimeout: 300_000,
    });
  });
});

describe("expression positions", () => {
  it("maps each branch, in key order, to its strings in the text, escapes included", () => {
    const text = String.raw`{"route":{"match":{"1":{"if":"rcpt_domain == \"b.example\"","then":"'b'"},"0":{"if":"retry_num > 1","then":"'relay'"}},"else":"'mx'"}}`;
    const { outbound } = loadRegistry(text).registry;
    expect(outbound.value.route.match.map((m) => m.then)).toEqual(["'relay'", "'b'"]);
    const source = expressionSource(outbound, "route");
    expect(source?.match.map((b) => b.key)).toEqual(["0", "1"]);
    const b = source?.match[1]?.if;
    const quote = outbound.value.route.match[1]?.if.indexOf('"') ?? -1;
    expect(text.slice(b?.sourceOffset(quote), (b?.sourceOffset(quote) ?? 0) + 2)).toBe('\\"');
    expect(text.slice(source?.else.start, source?.else.end)).toBe(`"'mx'"`);
    expect(expressionSource(outbound, "tls")).toBeUndefined();
  });
});

type Schema = { [key: string]: unknown };
const isSchema = (v: unknown): v is Schema =>
  typeof v === "object" && v !== null && !Array.isArray(v);

describe("JSON Schema for the editor", () => {
  const schema = registryJsonSchema();
  const json = JSON.stringify(schema);
  const definitions = isSchema(schema.definitions) ? schema.definitions : {};
  /** Follows `$ref`s into the definitions and merges `allOf`, as the editor does. */
  const resolve = (node: unknown): Schema => {
    if (!isSchema(node)) return {};
    const ref = node.$ref;
    if (typeof ref === "string") return resolve(definitions[ref.replace("#/definitions/", "")]);
    const parts = Array.isArray(node.allOf) ? node.allOf.map(resolve) : [];
    return parts.length === 0 ? node : Object.assign({}, ...parts, node);
  };
  /** Every object schema reachable from the root. */
  const objects = (node: unknown, seen = new Set<unknown>()): Schema[] => {
    const s = resolve(node);
    if (seen.has(s)) return [];
    seen.add(s);
    const children = [
      s.anyOf,
      s.oneOf,
      s.items,
      s.additionalProperties,
      ...(isSchema(s.properties) ? Object.values(s.properties) : []),
    ];
    const nested = children
      .flatMap((c) => (Array.isArray(c) ? c : [c]))
      .filter(isSchema)
      .flatMap((c) => objects(c, seen));
    return s.type === "object" ? [s, ...nested] : nested;
  };
  /** A route variant's schema (not the partial one of `update` lines: that requires nothing). */
  const variant = (tag: string) =>
    objects(schema).find(
      (o) =>
        isSchema(o.properties) &&
        resolve(o.properties["@type"]).const === tag &&
        Array.isArray(o.required),
    );
  const property = (o: Schema | undefined, name: string) =>
    resolve(isSchema(o?.properties) ? o.properties[name] : undefined);

  it("is draft-07 with the registry's descriptions, defaults, bounds and enums", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    const mx = variant("Mx");
    expect(property(mx, "maxMxHosts")).toMatchObject({
      default: 5,
      minimum: 1,
      description: "Maximum number of MX hosts to try on each delivery attempt",
    });
    expect(property(mx, "ipLookupStrategy")).toMatchObject({
      default: "v4ThenV6",
      enum: ["v4ThenV6", "v6ThenV4", "v4Only", "v6Only"],
    });
    const relay = variant("Relay");
    expect(property(relay, "port")).toMatchObject({ default: 25, minimum: 1, maximum: 65535 });
    expect(property(relay, "implicitTls")).toMatchObject({ default: false, type: "boolean" });
    expect(relay?.required).toEqual(["@type", "name", "address"]);
    expect(relay?.additionalProperties).toBe(false);
  });

  it("accepts the input shapes: lists keyed or as arrays, plan lines, JMAP responses", () => {
    expect(json).toContain('"pattern":"^\\\\+?\\\\d+$"');
    expect(json).toContain('"enum":["create","upsert"]');
    expect(json).toContain('"methodResponses"');
    // Reused schemas are definitions, not copies: the whole schema stays small.
    expect(json.length).toBeLessThan(40_000);
  });
});

import { describe, expect, it } from "vitest";
import { toPlain } from "../../../functions/core/models/json/tree";
import { readRegistryInput } from "../../../functions/core/models/v016/input";
import { DOCS_ARRAY, GET_JSON, JMAP_RESPONSE, SNAPSHOT_CLI, SNAPSHOT_UPSERT } from "./fixtures";

const summary = (text: string) =>
  readRegistryInput(text).objects.map((o) => `${o.type}:${o.name ?? "-"}`);
const codes = (text: string) => readRegistryInput(text).diagnostics.map((d) => d.code);

describe("input shapes", () => {
  it("reads a snapshot's upsert and update lines", () => {
    expect(summary(SNAPSHOT_UPSERT)).toEqual([
      "MtaRoute:mx",
      "MtaRoute:local",
      "MtaRoute:smarthost",
      "MtaConnectionStrategy:default",
      "MtaOutboundStrategy:-",
    ]);
    expect(codes(SNAPSHOT_UPSERT)).toEqual([]);
  });

  it("places every object at its own JSON in the text", () => {
    const input = readRegistryInput(SNAPSHOT_UPSERT);
    const relay = input.objects.find((o) => o.name === "smarthost");
    expect(SNAPSHOT_UPSERT.slice(relay?.range.start, relay?.range.end)).toMatch(
      /^\{"@type":"Relay".*"relayuser"\}$/,
    );
    expect(relay?.key).toBe("MtaRoute[smarthost]");
    expect(input.objects.at(-1)?.key).toBe("MtaOutboundStrategy");
  });

  it("reads stalwart-cli's create/destroy lines and applies an update by #client id", () => {
    const input = readRegistryInput(SNAPSHOT_CLI);
    expect(input.objects.map((o) => `${o.type}:${o.name ?? "-"}`)).toEqual([
      "MtaRoute:mx",
      "MtaRoute:relay",
      "MtaTlsStrategy:default",
      "MtaOutboundStrategy:-",
    ]);
    const relay = input.objects[1];
    expect(toPlain(relay?.object ?? { kind: "null", start: 0, end: 0, value: null })).toMatchObject(
      {
        address: "10.0.0.25",
        description: "Relay via the office gateway",
      },
    );
    expect(input.diagnostics).toEqual([]);
  });

  it("reads one get --json object, its type told from its fields", () => {
    expect(summary(GET_JSON)).toEqual(["MtaConnectionStrategy:out"]);
  });

  it("reads the docs' array of bare objects", () => {
    expect(summary(DOCS_ARRAY)).toEqual([
      "MtaOutboundStrategy:-",
      "MtaRoute:partner",
      "MtaConnectionStrategy:ipv6-out",
    ]);
  });

  it("reads a JMAP response envelope by method name, and a get response's arguments alone", () => {
    expect(summary(JMAP_RESPONSE)).toEqual(["MtaRoute:mx", "MtaRoute:local", "SystemSettings:-"]);
    const args = '{"accountId":"a","list":[{"name":"default","startTls":"require"}],"notFound":[]}';
    expect(summary(args)).toEqual(["MtaTlsStrategy:default"]);
  });

  it("accepts x:-prefixed type names", () => {
    const line =
      '{"@type":"create","object":"x:MtaTlsStrategy","value":{"a":{"name":"strict","startTls":"require"}}}';
    expect(summary(line)).toEqual(["MtaTlsStrategy:strict"]);
  });
});

describe("what the reader cannot use", () => {
  it("skips other registry objects quietly, with an info", () => {
    const text =
      '{"@type":"create","object":"Domain","value":{"a":{"name":"example.com"}}}\n{"@type":"RocksDb","path":"/var/lib/stalwart/"}';
    const input = readRegistryInput(text);
    expect(input.objects).toEqual([]);
    expect(input.diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ["info", "registry_ignored_object_type"],
      ["info", "registry_ignored_object_type"],
    ]);
  });

  it("names an unknown object type, with the nearest real one", () => {
    const text =
      '{"@type":"create","object":"MtaRoutes","value":{"a":{"@type":"Local","name":"local"}}}';
    const [d] = readRegistryInput(text).diagnostics;
    expect(d?.code).toBe("registry_unknown_object_type");
    expect(d?.message).toContain('did you mean "MtaRoute"');
    expect(text.slice(d?.start, d?.end)).toBe('"MtaRoutes"');
  });

  it("says when a bare object's type cannot be told", () => {
    const [d] = readRegistryInput(
      '{"name":"default","allowInvalidCerts":true,"sourceIps":{}}',
    ).diagnostics;
    expect(d?.code).toBe("registry_ambiguous_object_type");
    expect(codes('{"name":"default"}')).toEqual(["registry_ambiguous_object_type"]);
    expect(codes('{"name":"x","frobnicate":1}')).toEqual(["registry_ambiguous_object_type"]);
  });

  it("keeps the first of two objects with one name, and the first bare singleton", () => {
    const text =
      '[{"name":"a","startTls":"require"},{"name":"a","dane":"require"},{"route":{"else":"\'mx\'"}},{"tls":{"else":"\'x\'"}}]';
    const input = readRegistryInput(text);
    expect(input.objects.map((o) => o.key)).toEqual(["MtaTlsStrategy[a]", "MtaOutboundStrategy"]);
    expect(input.diagnostics.map((d) => d.code)).toEqual([
      "registry_duplicate_name",
      "registry_duplicate_singleton",
    ]);
  });

  it("merges update lines of a singleton field by field", () => {
    const text = `{"@type":"update","object":"MtaOutboundStrategy","value":{"route":{"else":"'a'"}}}\n{"@type":"update","object":"MtaOutboundStrategy","value":{"tls":{"else":"'b'"}}}`;
    const [o] = readRegistryInput(text).objects;
    expect(o === undefined ? undefined : toPlain(o.object)).toEqual({
      route: { else: "'a'" },
      tls: { else: "'b'" },
    });
  });

  it("skips an update naming no object created above", () => {
    expect(
      codes('{"@type":"update","object":"MtaRoute","id":"#nope","value":{"port":26}}'),
    ).toEqual(["registry_plan_update_target"]);
    expect(codes('{"@type":"update","object":"MtaRoute","id":"b","value":{"port":26}}')).toEqual([
      "registry_plan_update_target",
    ]);
  });

  it("flags unknown plan operations, values that are not objects, and JMAP errors", () => {
    expect(codes('{"@type":"patch","object":"MtaRoute","value":{}}')).toEqual([
      "registry_plan_operation",
    ]);
    expect(codes('{"@type":"create","object":"MtaRoute","value":[1]}')).toEqual([
      "registry_input_shape",
    ]);
    expect(codes('{"@type":"create","value":{}}')).toEqual(["registry_input_shape"]);
    expect(codes('[1, "x"]')).toEqual(["registry_input_shape", "registry_input_shape"]);
    const error =
      '{"methodResponses":[["error",{"type":"forbidden","description":"Not allowed"},"c0"],["x:MtaRoute/set",{},"c1"]]}';
    const diags = readRegistryInput(error).diagnostics;
    expect(diags.map((d) => [d.severity, d.code])).toEqual([
      ["error", "registry_jmap_response"],
      ["info", "registry_jmap_response"],
    ]);
    expect(diags[0]?.message).toContain("Not allowed");
  });

  it("passes JSON syntax diagnostics through and reads the other lines", () => {
    const text = `${SNAPSHOT_UPSERT.split("\n")[0]}\n{"@type":"upsert",\n`;
    expect(summary(text)).toEqual(["MtaRoute:mx", "MtaRoute:local", "MtaRoute:smarthost"]);
    expect(codes(text)).toEqual(["json_syntax"]);
  });
});

import { describe, expect, it } from "vitest";
import { readFlatJson } from "../../../functions/core/models/v013/flat-json";
import { SETTINGS_JSON, SETTINGS_LIST } from "./fixtures";

const keys = (text: string) => readFlatJson(text).entries.map((e) => e.key);
const codes = (text: string) => readFlatJson(text).diagnostics.map((d) => d.code);

describe("v0.13 flat JSON settings", () => {
  it("reads a settings.json dump: full keys, string values, positions", () => {
    const flat = readFlatJson(SETTINGS_JSON);
    expect(flat.prefixAdded).toBeUndefined();
    expect(flat.diagnostics).toEqual([]);
    expect(flat.entries).toHaveLength(12);
    const relay = flat.entries.find((e) => e.key === "queue.route.relay.address");
    expect(relay?.value).toBe("smtp.example.org");
    expect(SETTINGS_JSON.slice(relay?.keyStart, relay?.keyEnd)).toBe('"queue.route.relay.address"');
    expect(SETTINGS_JSON.slice(relay?.valueStart, relay?.valueEnd)).toBe('"smtp.example.org"');
    expect(SETTINGS_JSON[relay?.sourceOffset(0) ?? -1]).toBe("s");
  });

  it("adds back the queue. prefix that /api/settings/list?prefix=queue strips, and says so", () => {
    const flat = readFlatJson(SETTINGS_LIST);
    expect(flat.prefixAdded).toBe("queue.");
    expect(flat.entries.map((e) => e.key)).toEqual([
      "queue.connection.default.timeout.connect",
      "queue.route.mx.ip-lookup",
      "queue.route.mx.type",
      "queue.strategy.route.0.if",
      "queue.strategy.route.0.then",
      "queue.strategy.route.1.else",
    ]);
    const [d] = flat.diagnostics;
    expect(d).toMatchObject({ severity: "info", code: "flat_json_prefix_added" });
    // The key's place is the key as written, without the prefix.
    const e = flat.entries.find((x) => x.key === "queue.route.mx.type");
    expect(SETTINGS_LIST.slice(e?.keyStart, e?.keyEnd)).toBe('"route.mx.type"');
  });

  it("reads the items alone, the _id/_value form, and the queue.strategy prefix", () => {
    const items = '{"total":1,"items":{"route.relay.type":"relay"}}';
    expect(keys(items)).toEqual(["queue.route.relay.type"]);
    const records =
      '{"data":{"total":2,"items":[{"_id":"route.0.if","_value":"retry_num > 0"},{"_id":"route.1.else","_value":"\'mx\'"}]}}';
    expect(keys(records)).toEqual(["queue.strategy.route.0.if", "queue.strategy.route.1.else"]);
    expect(readFlatJson(records).prefixAdded).toBe("queue.strategy.");
    // Keys of other prefixes are left as they are.
    expect(keys('{"server.hostname":"mx.example.com","route.x.type":"mx"}')).toEqual([
      "route.x.type",
      "server.hostname",
    ]);
  });

  it("sorts keys by UTF-8 bytes, as Stalwart's BTreeMap does", () => {
    // UTF-16 order would put U+1F600 (a surrogate pair) before U+FFFD.
    const text =
      '{"queue.route.\\uFFFD.type":"mx","queue.route.\\uD83D\\uDE00.type":"mx","queue.route.z.type":"mx"}';
    expect(keys(text)).toEqual([
      "queue.route.z.type",
      "queue.route.\uFFFD.type",
      "queue.route.\u{1F600}.type",
    ]);
  });

  it("reads numbers and booleans as the text written, with an info; refuses objects and null", () => {
    const text =
      '{"queue.route.mx.limits.mx":7.0,"queue.route.r.tls.implicit":false,"queue.route.r.auth":{"username":"u"},"queue.route.r.port":null}';
    const flat = readFlatJson(text);
    expect(flat.entries.map((e) => [e.key, e.value, e.isString])).toEqual([
      ["queue.route.mx.limits.mx", "7.0", false],
      ["queue.route.r.tls.implicit", "false", false],
    ]);
    expect(flat.diagnostics.map((d) => [d.code, d.key])).toEqual([
      ["flat_json_non_string", "queue.route.mx.limits.mx"],
      ["flat_json_non_string", "queue.route.r.tls.implicit"],
      ["flat_json_shape", "queue.route.r.auth"],
      ["flat_json_shape", "queue.route.r.port"],
    ]);
  });

  it("maps a value with escapes back to the text", () => {
    const text = String.raw`{"queue.strategy.route":"rcpt_domain == \"a.example\" && 'x'"}`;
    const [e] = readFlatJson(text).entries;
    const quote = e?.value.indexOf('"') ?? -1;
    expect(text.slice(e?.sourceOffset(quote), (e?.sourceOffset(quote) ?? 0) + 2)).toBe('\\"');
  });

  it("refuses what is not a settings map", () => {
    expect(codes("[1]")).toEqual(["flat_json_shape"]);
    expect(codes('"x"')).toEqual(["flat_json_shape"]);
    expect(codes('{"a":"1"}\n{"b":"2"}')).toEqual(["flat_json_shape"]);
    expect(codes('{"a":')).toEqual(["json_syntax"]);
  });
});

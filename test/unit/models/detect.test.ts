import { describe, expect, it } from "vitest";
import { detectModel, textKind } from "../../../functions/core/models/detect";
import { ignoredKeys, type KeyPosition } from "../../../functions/core/models/model-keys";
import {
  DOCS_ARRAY,
  GET_JSON,
  JMAP_RESPONSE,
  SETTINGS_JSON,
  SETTINGS_LIST,
  SNAPSHOT_UPSERT,
} from "./fixtures";

/** The flattened keys of a TOML text, each placed at its last dotted segment's line. */
function tomlKeys(text: string, keys: readonly string[]): KeyPosition[] {
  return keys.map((key) => {
    const leaf = key.split(".").at(-1) ?? key;
    const keyStart = text.indexOf(`${leaf} =`);
    return { key, keyStart, keyEnd: keyStart + leaf.length };
  });
}

describe("textKind", () => {
  it("tells JSON from TOML, table headers included", () => {
    expect(textKind('\n  {"a":1}')).toBe("json");
    expect(textKind("[{}]")).toBe("json");
    expect(textKind("[ ]")).toBe("json");
    expect(textKind("\uFEFF[\n  {")).toBe("json");
    expect(textKind("[queue.route.relay]\ntype = 'relay'")).toBe("toml");
    expect(textKind('[ "queue" ]')).toBe("toml");
    expect(textKind("[[queue.x]]\na = 1")).toBe("toml");
    expect(textKind("[[{}]]")).toBe("json");
    expect(textKind("# comment\n[server]")).toBe("toml");
    expect(textKind("")).toBe("toml");
  });
});

describe("TOML", () => {
  it("v0.13 when a key is under queue.route (and the reason names it with its line)", () => {
    const text =
      '[server]\nhostname = "mx.example.com"\n\n[queue.route.relay]\ntype = "relay"\naddress = "smtp.example.org"\n';
    const d = detectModel({
      kind: "toml",
      text,
      keys: tomlKeys(text, [
        "queue.route.relay.address",
        "queue.route.relay.type",
        "server.hostname",
      ]),
    });
    expect(d.model).toBe("v0.13");
    expect(d.reason).toBe(
      "`queue.route.relay.type` at line 5 is read only by Stalwart v0.13–v0.15",
    );
    expect(d.evidence).toMatchObject({ key: "queue.route.relay.type" });
    expect(text.slice(d.evidence?.start, d.evidence?.end)).toBe("type");
  });

  it("v0.12 for ≤ v0.12 keys, and for a config without outbound keys", () => {
    const text = '[queue.outbound]\nip-strategy = "ipv6_then_ipv4"\n';
    const d = detectModel({
      kind: "toml",
      text,
      keys: tomlKeys(text, ["queue.outbound.ip-strategy"]),
    });
    expect(d.model).toBe("v0.12");
    expect(d.reason).toMatch(/^`queue.outbound.ip-strategy` at line 2 is a Stalwart ≤ v0.12 key/);
    const empty = detectModel({ kind: "toml", text: "", keys: [] });
    expect(empty.model).toBe("v0.12");
    expect(empty.evidence).toBeUndefined();
  });

  it("v0.13 for a mixed config: the v0.13 key is the evidence", () => {
    const text = '[remote.smarthost]\naddress = "a"\n[queue.strategy]\nroute = "\'smarthost\'"\n';
    const d = detectModel({
      kind: "toml",
      text,
      keys: tomlKeys(text, ["queue.strategy.route", "remote.smarthost.address"]),
    });
    expect(d).toMatchObject({ model: "v0.13", evidence: { key: "queue.strategy.route" } });
  });
});

describe("JSON", () => {
  it("v0.16 for registry objects in every input shape", () => {
    for (const text of [SNAPSHOT_UPSERT, GET_JSON, DOCS_ARRAY, JMAP_RESPONSE]) {
      expect(detectModel({ kind: "json", text }).model).toBe("v0.16");
    }
    expect(detectModel({ kind: "json", text: DOCS_ARRAY }).reason).toBe(
      "JSON registry objects at line 1: only Stalwart v0.16 is configured with them",
    );
  });

  it("v0.13 for a settings export, evidence placed in the JSON (prefix added back)", () => {
    const d = detectModel({ kind: "json", text: SETTINGS_JSON });
    expect(d.model).toBe("v0.13");
    expect(d.reason).toBe(
      "A flat settings export (key → value JSON): `queue.connection.default.timeout.connect` at line 3 is read only by Stalwart v0.13–v0.15",
    );
    const list = detectModel({ kind: "json", text: SETTINGS_LIST });
    expect(list).toMatchObject({
      model: "v0.13",
      evidence: { key: "queue.connection.default.timeout.connect" },
    });
    expect(SETTINGS_LIST.slice(list.evidence?.start, list.evidence?.end)).toBe(
      '"connection.default.timeout.connect"',
    );
  });

  it("v0.12 for an export with only ≤ v0.12 outbound keys; v0.13 when it has neither", () => {
    expect(
      detectModel({ kind: "json", text: '{"remote.relay.address":"a","server.hostname":"b"}' })
        .model,
    ).toBe("v0.12");
    expect(detectModel({ kind: "json", text: '{"server.hostname":"b"}' }).model).toBe("v0.13");
  });

  it("v0.16 for JSON that does not parse", () => {
    expect(detectModel({ kind: "json", text: "{" }).model).toBe("v0.16");
  });
});

describe("keys the chosen version does not read", () => {
  const keys = (...list: string[]): KeyPosition[] =>
    list.map((key, i) => ({ key, keyStart: i * 10, keyEnd: i * 10 + 5 }));

  it("v0.13: each ≤ v0.12 outbound key, with its replacement", () => {
    const found = ignoredKeys(
      "v0.13",
      keys(
        "remote.smarthost.address",
        "queue.outbound.ip-strategy",
        "queue.outbound.source-ip.v4",
        "queue.outbound.hostname",
        "queue.outbound.timeouts.tls",
        "queue.route.mx.type",
        "server.hostname",
      ),
    );
    expect(found.map((d) => [d.code, d.severity, d.key])).toEqual([
      ["model_ignored_key", "warning", "remote.smarthost.address"],
      ["model_ignored_key", "warning", "queue.outbound.ip-strategy"],
      ["model_ignored_key", "warning", "queue.outbound.source-ip.v4"],
      ["model_ignored_key", "warning", "queue.outbound.hostname"],
      ["model_ignored_key", "warning", "queue.outbound.timeouts.tls"],
    ]);
    expect(found[0]?.message).toBe(
      'Stalwart v0.13+ does not read `remote.smarthost.address` (it ignores it without a word): define `[queue.route.smarthost]` with `type = "relay"`',
    );
    expect(found[1]?.message).toContain("`ip-lookup`");
    expect(found[2]?.message).toContain("`queue.connection.<id>.source-ips`");
    expect(found[3]?.message).toContain("ehlo-hostname");
    expect(found[4]?.message).toContain("[queue.tls.<id>]");
    expect(found[1]).toMatchObject({ start: 10, end: 15 });
  });

  it("v0.12: each v0.13 key", () => {
    const found = ignoredKeys(
      "v0.12",
      keys("queue.connection.default.source-ips.0", "queue.outbound.hostname"),
    );
    expect(found.map((d) => d.key)).toEqual(["queue.connection.default.source-ips.0"]);
    expect(found[0]?.message).toContain("v0.13–v0.15 key");
  });
});

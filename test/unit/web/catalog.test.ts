/**
 * The keys the TOML editor completes and explains per Stalwart version
 * (web/src/editor/catalog.ts, core-adapter/settings-v013.ts), and the model in the state.
 */
import { describe, expect, it } from "vitest";
import { selectorTokens } from "../../../functions/core/models/strategy-tokens";
import { V013_KEYS, v013KeyFor, v013KeysIn } from "../../../web/src/core-adapter";
import { catalogFor } from "../../../web/src/editor/catalog";
import { evaluateRequest } from "../../../web/src/state/request";
import { parseState } from "../../../web/src/state/schema";
import { defaultState } from "../../../web/src/state/types";

const rels = (table: string) => v013KeysIn(table).map((k) => k.rel);

describe("v0.13 keys by table", () => {
  it("a route table offers the route's keys, relative to it", () => {
    expect(rels("queue.route.relay")).toEqual(
      expect.arrayContaining(["type", "address", "port", "tls.implicit", "limits.mx", "ip-lookup"]),
    );
    expect(rels("queue.route.relay")).not.toContain("source-ips");
    expect(rels("queue.route.relay.tls")).toEqual(["implicit", "allow-invalid-certs"]);
    expect(rels("queue.strategy")).toEqual(["route", "connection", "tls", "schedule"]);
  });

  it("a source-ip table is named by an address, dotted (IPv4) or not", () => {
    expect(rels("queue.source-ip.192.0.2.10")).toEqual(["ehlo-hostname"]);
    expect(rels("queue.source-ip.2001:db8::a")).toEqual(["ehlo-hostname"]);
    expect(v013KeyFor("queue.source-ip.192.0.2.10.ehlo-hostname")?.pattern).toBe(
      "queue.source-ip.<ip>.ehlo-hostname",
    );
  });

  it("at the top, the whole patterns; an unknown key is none of them", () => {
    expect(rels("")).toContain("queue.connection.<id>.source-ips");
    expect(v013KeyFor("queue.route.relay.host")).toBeUndefined();
    expect(v013KeyFor("queue.outbound.ip-strategy")).toBeUndefined();
  });
});

describe("variables of the selectors: the core's own sets", () => {
  it.each(["route", "connection", "tls", "schedule"] as const)("%s", (selector) => {
    const doc = v013KeyFor(`queue.strategy.${selector}`);
    expect(new Set(doc?.variables)).toEqual(new Set(selectorTokens("v0.13", selector).variables));
  });

  it("route sees the recipient's variables, connection the host's too", () => {
    const route = v013KeyFor("queue.strategy.route")?.variables ?? [];
    const connection = v013KeyFor("queue.strategy.connection")?.variables ?? [];
    expect(route).toContain("queue_name");
    expect(route).not.toContain("remote_ip");
    expect(connection).toEqual(expect.arrayContaining(["remote_ip", "local_ip", "mx"]));
  });
});

describe("one catalog shape for both versions", () => {
  it("v0.12 completes queue.outbound keys with their default to type over", () => {
    const outbound = catalogFor("v0.12").keysIn("queue.outbound");
    const strategy = outbound.find((k) => k.rel === "ip-strategy");
    expect(strategy?.doc.placeholder).toBe("ipv4_then_ipv6");
    expect(strategy?.doc.values).toContain('"ipv6_only"');
  });

  it("v0.13 completes with a value as written; v0.16's TOML falls back to v0.12's keys", () => {
    const type = catalogFor("v0.13").keyFor("queue.route.out.type");
    expect(type?.placeholder).toBeUndefined();
    expect(type?.values).toEqual(['"mx"', '"relay"', '"local"']);
    expect(catalogFor("v0.16").version).toBe("v0.12");
    expect(V013_KEYS.every((k) => k.docs.startsWith("https://stalw.art/docs/0.15/"))).toBe(true);
  });
});

describe("the model in the state", () => {
  it("a link from before the picker opens on Auto; a version it does not know is refused", () => {
    const { model: _, ...old } = defaultState();
    expect(parseState(old)?.model).toBe("auto");
    expect(parseState({ ...old, model: "v0.14" })).toBeNull();
  });

  it("is sent only when a version is chosen (Auto is the API's default)", () => {
    const s = defaultState();
    expect("model" in evaluateRequest(s)).toBe(false);
    s.model = "v0.16";
    expect(evaluateRequest(s).model).toBe("v0.16");
  });
});

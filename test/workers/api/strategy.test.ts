/**
 * Plans of the strategy-era models through the real Worker over real DoH (BIND zones
 * strategy.test and deliv.test): a v0.15 TOML config, a web-admin settings export and a
 * v0.16 snapshot each give the route, the connection, the source address and candidates
 * and the EHLO name per attempt, and the lookups Stalwart would make.
 */
import { describe, expect, it } from "vitest";
import type { Plan } from "../../../functions/core/contract";
import { json, postJson } from "./helpers";

async function plan(body: Record<string, unknown>): Promise<Plan> {
  const res = await postJson("/api/evaluate", { seed: 1, ...body });
  expect(res.status).toBe(200);
  return json<Plan>(res);
}

const RCPT = "rcpt.strategy.test";
const V015 = `[server]
hostname = "mx.example.org"

[queue.strategy]
route = [ { if = "retry_num > 0", then = "'smarthost'" }, { else = "'mx'" } ]
connection = "'out'"

[queue.route.smarthost]
type = "relay"
address = "smtp.strategy.test"
port = 587
protocol = "smtp"
tls.implicit = false

[queue.connection.out]
timeout.connect = "2m"
ehlo-hostname = "out.example.org"
source-ips = ["198.51.100.10", "2001:db8:10::10"]

[queue.source-ip."198.51.100.10"]
ehlo-hostname = "out.deliv.test"
`;

describe("a v0.15 config over real DoH", () => {
  it("first attempt: MX hosts, each address with its connection, source and EHLO name", async () => {
    const p = await plan({ config: V015, context: { domain: RCPT } });
    expect([p.model, p.route?.name, p.mx.status]).toEqual(["v0.13", "mx", "ok"]);
    expect(
      p.attempts.map((t) => [t.host, t.ip, t.sourceIp, t.ehlo?.name, t.connection?.name]),
    ).toEqual([
      ["mx1.rcpt.strategy.test", "192.0.2.141", "198.51.100.10", "out.deliv.test", "out"],
      ["mx1.rcpt.strategy.test", "2001:db8::141", "2001:db8:10::10", "out.example.org", "out"],
      ["mx2.rcpt.strategy.test", "192.0.2.142", "198.51.100.10", "out.deliv.test", "out"],
    ]);
    expect(p.dns.every((d) => d.from === "doh" || d.from === "cache")).toBe(true);
  });

  it("a retry goes to the smarthost: ipv4_then_ipv6, its three addresses", async () => {
    const p = await plan({ config: V015, context: { domain: RCPT, retry_num: 1 } });
    expect(p.route).toMatchObject({
      name: "smarthost",
      kind: "relay",
      relay: { port: 587, implicitTls: false },
    });
    expect(p.attempts.map((t) => t.ip)).toEqual(["192.0.2.143", "192.0.2.144", "2001:db8::143"]);
    expect(p.dns.map((d) => `${d.name} ${d.type}`)).toEqual([
      "smtp.strategy.test A",
      "smtp.strategy.test AAAA",
    ]);
  });

  it("the checks read each attempt's source address and EHLO name", async () => {
    const p = await plan({
      config: V015,
      context: { domain: RCPT, sender: "alice@sender.deliv.test" },
      checks: ["spf", "ptr"],
    });
    expect(p.attempts[0]?.deliverability).toMatchObject({
      verdict: "checked",
      sourceIp: "198.51.100.10",
      spf: { result: "pass" },
      helo: { name: "out.deliv.test", spf: { result: "pass" } },
      ehloMatchesPtr: true,
    });
  });
});

describe("a web-admin settings export over real DoH", () => {
  it("/api/settings/list?prefix=queue items, the web admin's .0/.0.if keys", async () => {
    const items = {
      "strategy.route.0.if": "rcpt_domain == 'rcpt.strategy.test'",
      "strategy.route.0.then": "'relay'",
      "strategy.route.1.else": "'mx'",
      "route.relay.type": "relay",
      "route.relay.address": "smtp.strategy.test",
      "route.relay.port": "25",
      "route.relay.protocol": "smtp",
      "route.relay.tls.implicit": "false",
      "connection.default.timeout.connect": "5m",
      "connection.default.source-ips.0": "192.0.2.200",
      "connection.default.source-ips.1": "192.0.2.201",
    };
    const p = await plan({
      config: JSON.stringify({ data: { total: 11, items } }),
      context: { domain: RCPT },
    });
    expect(p.model).toBe("v0.13");
    expect(p.diagnostics.map((d) => d.code)).toContain("flat_json_prefix_added");
    expect(p.route).toMatchObject({ name: "relay", branch: { index: 0 } });
    expect(p.attempts.slice(0, 2).map((t) => t.sourceCandidates?.map((c) => c.ip))).toEqual([
      ["192.0.2.200", "192.0.2.201"],
      ["192.0.2.200", "192.0.2.201"],
    ]);
    expect(p.attempts[2]).toMatchObject({ family: "ipv6", sourceIp: null, sourceCandidates: [] });
  });
});

describe("a v0.16 snapshot over real DoH", () => {
  const snapshot = [
    '{"@type":"upsert","object":"MtaRoute","matchOn":["name"],"value":{"a":{"@type":"Mx","name":"mx","ipLookupStrategy":"v6ThenV4","maxMultihomed":2,"maxMxHosts":1},"b":{"@type":"Relay","name":"office","address":"10.1.2.3","port":25}}}',
    '{"@type":"upsert","object":"MtaConnectionStrategy","matchOn":["name"],"value":{"c":{"name":"default","ehloHostname":"mail.example.com","sourceIps":{"0":{"sourceIp":"2001:db8:10::10","ehloHostname":"out.deliv.test"}}}}}',
    `{"@type":"update","object":"MtaOutboundStrategy","value":{"route":{"match":{"0":{"if":"sender_domain == 'office.example'","then":"'office'"}},"else":"'mx'"}}}`,
    '{"@type":"update","object":"SystemSettings","value":{"defaultHostname":"mail.example.com"}}',
  ].join("\n");

  it("the mx route of the snapshot: one host, IPv6 first, the IPv6 source and its EHLO name", async () => {
    const p = await plan({ config: snapshot, context: { domain: RCPT } });
    expect([p.model, p.route?.limits]).toEqual(["v0.16", { mx: 1, multihomed: 2 }]);
    expect(p.attempts.map((t) => [t.ip, t.sourceIp, t.ehlo])).toEqual([
      ["2001:db8::141", "2001:db8:10::10", { name: "out.deliv.test", from: "source-ip" }],
      ["192.0.2.141", null, { name: "mail.example.com", from: "connection" }],
    ]);
  });

  it("an IP relay is used without DNS", async () => {
    const p = await plan({
      config: snapshot,
      context: { domain: RCPT, sender: "bob@office.example" },
    });
    expect(p.route).toMatchObject({ name: "office", kind: "relay" });
    expect(p.attempts.map((t) => t.ip)).toEqual(["10.1.2.3"]);
    expect(p.dns).toEqual([]);
  });
});

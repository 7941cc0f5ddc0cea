/**
 * Deliverability checks through the real Worker over real DoH (BIND zones deliv.test,
 * 100.51.198.in-addr.arpa and 0.1.0.0.8.b.d.0.1.0.0.2.ip6.arpa): the right verdict for
 * every attempt and candidate, each lookup made once, and POST /api/spf on the same data.
 */
import { describe, expect, it } from "vitest";
import type { Plan } from "../../../functions/core/contract";
import { json, postJson } from "../api/helpers";

const config = (v6: string) => `[queue.outbound]
hostname = "'out.deliv.test'"
ip-strategy = "ipv6_then_ipv4"
source-ip.v4 = "['198.51.100.10', '198.51.100.11']"
source-ip.v6 = "${v6}"
`;

async function plan(v6: string): Promise<Plan> {
  const res = await postJson("/api/evaluate", {
    config: config(v6),
    context: { domain: "rcpt.deliv.test", sender: "alice@sender.deliv.test" },
    seed: 3,
    checks: ["spf", "ptr"],
  });
  expect(res.status).toBe(200);
  return json<Plan>(res);
}

const CHAIN = "include:_spf1.sender.deliv.test";
const good = (ip: string) => ({
  sourceIp: ip,
  spf: { result: "pass", mechanism: CHAIN, domain: "sender.deliv.test" },
  helo: { name: "out.deliv.test", spf: { result: "pass", mechanism: "a" } },
  ptr: { names: ["out.deliv.test"], forwardConfirmed: true, confirmed: ["out.deliv.test"] },
  ehloMatchesPtr: true,
});
const stranger = {
  sourceIp: "198.51.100.11",
  spf: { result: "fail", mechanism: "-all", domain: "sender.deliv.test" },
  helo: { name: "out.deliv.test", spf: { result: "fail", mechanism: "-all" } },
  ptr: { names: ["stranger.deliv.test"], forwardConfirmed: false, confirmed: [] },
  ehloMatchesPtr: false,
};

describe("checks over real DoH", () => {
  it("gives each attempt the verdict of its source address and of every candidate", async () => {
    const p = await plan("['2001:db8:10::10']");
    const [v6, v4] = p.attempts;
    expect(v6).toMatchObject({
      ip: "2001:db8::125",
      sourceIp: "2001:db8:10::10",
      deliverability: {
        verdict: "checked",
        ...good("2001:db8:10::10"),
        candidates: [good("2001:db8:10::10")],
      },
    });
    expect(v4?.deliverability).toMatchObject({
      verdict: "checked",
      candidates: [good("198.51.100.10"), stranger],
    });
    expect(v4?.deliverability).toMatchObject(
      v4?.sourceIp === "198.51.100.10" ? good("198.51.100.10") : stranger,
    );
    // Three addresses checked for the same sender: its include chain was looked up once.
    const once = (name: string, type: string) =>
      p.dns.filter((e) => e.name === name && e.type === type).length;
    for (const name of ["sender", "_spf1.sender", "_spf2.sender", "_spf3.sender", "out"])
      expect(once(`${name}.deliv.test`, "TXT")).toBe(1);
    expect(once("out.deliv.test", "A")).toBe(1);
    expect(p.checks?.subrequests.limit).toBe(48);
  });

  it("says the OS chooses for an attempt with no source address of its family", async () => {
    const p = await plan("");
    expect(p.attempts[0]).toMatchObject({
      family: "ipv6",
      sourceIp: null,
      deliverability: { sourceIp: null, verdict: "unbound", helo: { name: "out.deliv.test" } },
    });
    expect(p.attempts[1]?.deliverability?.verdict).toBe("checked");
  });

  it("POST /api/spf follows the same chain, and a REFUSED answer is a temperror", async () => {
    const pass = await postJson("/api/spf", {
      ip: "2001:db8:10::10",
      sender: "alice@sender.deliv.test",
      helo: "out.deliv.test",
    });
    expect(await json(pass)).toMatchObject({
      result: "pass",
      mechanism: CHAIN,
      lookups: { dns: 3, void: 0 },
    });
    const refused = await postJson("/api/spf", {
      ip: "198.51.100.10",
      sender: "alice@x.refused.fault.test",
      helo: "out.deliv.test",
    });
    expect(await json(refused)).toMatchObject({
      result: "temperror",
      problem: { code: "spf_dns_error" },
    });
  });
});

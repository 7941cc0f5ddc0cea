/**
 * POST /api/migrate through the real Worker over real DoH (BIND zone strategy.test): a
 * ≤ v0.12 config with an IPv6-first MX route, source addresses and a smarthost for
 * retries, migrated to v0.16 and compared on the same context, zone and seed.
 */
import { describe, expect, it } from "vitest";
import type { MigrateResponse } from "../../../functions/core/contract";
import { json, postJson } from "./helpers";

const V012 = `[server]
hostname = "mx.example.org"

[queue.outbound]
ip-strategy = "ipv6_then_ipv4"
next-hop = [ { if = "retry_num > 0", then = "'smarthost'" }, { else = false } ]
source-ip.v4 = "['198.51.100.10', '198.51.100.11']"
source-ip.v6 = "'2001:db8:10::10'"

[remote.smarthost]
address = "smtp.strategy.test"
port = 587
tls.implicit = false
`;

async function migrated(retry: number, target: "v0.13" | "v0.16"): Promise<MigrateResponse> {
  const res = await postJson("/api/migrate", {
    config: V012,
    target,
    context: { domain: "rcpt.strategy.test", retry_num: retry },
    seed: 1,
  });
  expect(res.status).toBe(200);
  return json<MigrateResponse>(res);
}

describe("a ≤ v0.12 config migrated and compared over real DoH", () => {
  it("MX delivery: same route, attempts, source candidates and EHLO name in v0.16", async () => {
    const { comparison: c } = await migrated(0, "v0.16");
    expect(c?.same).toBe(true);
    expect(c?.after.model).toBe("v0.16");
    expect(c?.after.attempts.map((t) => [t.ip, t.sourceCandidates?.map((s) => s.ip)])).toEqual([
      ["2001:db8::141", ["2001:db8:10::10"]],
      ["192.0.2.141", ["198.51.100.10", "198.51.100.11"]],
      ["192.0.2.142", ["198.51.100.10", "198.51.100.11"]],
    ]);
    expect(c?.after.dns.some((d) => d.from === "doh" || d.from === "cache")).toBe(true);
  });

  it("the smarthost on a retry: v0.13 looks it up IPv4 first with 10 addresses, and says so", async () => {
    const r = await migrated(1, "v0.13");
    const c = r.comparison;
    expect(c?.same).toBe(false);
    expect(c?.before.attempts.map((t) => t.ip)).toEqual(["2001:db8::143", "192.0.2.143"]);
    expect(c?.after.attempts.map((t) => t.ip)).toEqual([
      "192.0.2.143",
      "192.0.2.144",
      "2001:db8::143",
    ]);
    expect(c?.differences).toEqual([
      expect.objectContaining({ aspect: "attempts", note: "migrate_relay_ip_lookup" }),
    ]);
  });
});

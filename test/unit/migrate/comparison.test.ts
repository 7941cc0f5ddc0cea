/**
 * `comparison`: with a context, the ≤ v0.12 plan and the migrated config's plan for the
 * same context, records, resolver and seed, `same`, and the differences in words, each
 * naming the note that says why the migration cannot keep it.
 */
import { describe, expect, it } from "vitest";
import { a, aaaa, mx, type Rec } from "../../support/api";
import { migrate } from "./helpers";

const ZONE: Rec[] = [
  mx(10, "mx1.example.com"),
  a("mx1.example.com", "192.0.2.1"),
  aaaa("mx1.example.com", "2001:db8::1"),
  a("relay.example.org", "198.51.100.1"),
  a("relay.example.org", "198.51.100.2"),
  aaaa("relay.example.org", "2001:db8:5::1"),
];

const compared = async (config: string, target: "v0.13" | "v0.16", context = {}) => {
  const r = await migrate(config, target, {
    context: { domain: "example.com", ...context },
    records: ZONE,
    resolver: "none",
    seed: 5,
  });
  if (r.comparison === undefined) throw new Error("no comparison");
  return { ...r.comparison, notes: r.notes };
};

const SOURCES = `[queue.outbound]
ip-strategy = "ipv6_then_ipv4"
source-ip.v4 = "['192.0.2.10', '192.0.2.11']"
source-ip.v6 = "'2001:db8::a'"
hostname = "'out.example.com'"
`;

describe("comparison", () => {
  it("MX delivery with sources: the same in both targets, on the same seed", async () => {
    for (const target of ["v0.13", "v0.16"] as const) {
      const c = await compared(SOURCES, target);
      expect(c.same).toBe(true);
      expect(c.differences).toEqual([]);
      expect([c.before.model, c.after.model]).toEqual(["v0.12", target]);
      expect(c.after.seed).toBe(c.before.seed);
      expect(c.after.attempts.map((t) => [t.ip, t.ehlo?.name])).toEqual([
        ["2001:db8::1", "out.example.com"],
        ["192.0.2.1", "out.example.com"],
      ]);
    }
  });

  it("a relay: v0.13+ looks it up IPv4 first with up to 10 addresses, in words and with its note", async () => {
    const config = `[queue.outbound]\nip-strategy = "ipv6_then_ipv4"\nnext-hop = "'r'"\n[remote.r]\naddress = "relay.example.org"\n`;
    const c = await compared(config, "v0.16");
    expect(c.same).toBe(false);
    expect(c.differences).toEqual([
      {
        aspect: "attempts",
        message:
          "≤ v0.12 tries relay.example.org 2001:db8:5::1, relay.example.org 198.51.100.1; migrated tries relay.example.org 198.51.100.1, relay.example.org 198.51.100.2, relay.example.org 2001:db8:5::1",
        note: "migrate_relay_ip_lookup",
      },
    ]);
  });

  it("an EHLO name v0.16 refuses: the server's name is said, and the note says why", async () => {
    const config = `[server]\nhostname = "mx.example.org"\n[queue.outbound]\nhostname = "'not a host name'"\n`;
    const c = await compared(config, "v0.16");
    expect(c.differences.map((d) => [d.aspect, d.note])).toEqual([
      ["ehlo", "migrate_value_adjusted"],
      ["ehlo", "migrate_value_adjusted"],
    ]);
    expect(c.differences[0]?.message).toBe(
      "attempt 1 (mx1.example.com 192.0.2.1): ≤ v0.12 says EHLO not a host name; migrated EHLO mx.example.org",
    );
    // v0.13 takes the name as it is.
    expect((await compared(config, "v0.13")).same).toBe(true);
  });

  it("multihomed 0: no address in ≤ v0.12 and v0.13; v0.16's least is 1", async () => {
    const config = "[queue.outbound]\nlimits.multihomed = 0\n";
    expect((await compared(config, "v0.13")).same).toBe(true);
    const c = await compared(config, "v0.16");
    expect(c.differences.map((d) => [d.aspect, d.note])).toEqual([
      ["attempts", "migrate_value_adjusted"],
      ["outcome", "migrate_value_adjusted"],
    ]);
  });

  it("a value that depends on the message: the difference names the note", async () => {
    // if_then() is worked out per message by v0.12: 4 is ipv6_then_ipv4 on a retry.
    const config = `[queue.outbound]\nip-strategy = "if_then(retry_num > 0, 4, 5)"\n`;
    const c = await compared(config, "v0.13", { retry_num: 1 });
    expect(c.differences.map((d) => [d.aspect, d.note])).toEqual([
      ["attempts", "migrate_value_not_static"],
    ]);
  });

  it("local delivery stays local", async () => {
    const r = await migrate("", "v0.13", {
      context: { domain: "example.com" },
      localDomains: ["example.com"],
      resolver: "none",
    });
    expect(r.comparison?.same).toBe(true);
    expect(r.comparison?.after.route?.kind).toBe("local");
  });

  it("no context, no comparison", async () => {
    expect((await migrate(SOURCES, "v0.13")).comparison).toBeUndefined();
  });
});

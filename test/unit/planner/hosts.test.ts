/** Spec §3 step 4: per-host strategy, lookups, order, multihomed cut, errors, loopback. */
import { describe, expect, it } from "vitest";
import { a, aaaa, attemptsOf, mx, plan, rcode } from "../../support/api";

const MX1 = "mx1.example.com";
const dual = [
  mx(10, MX1),
  a(MX1, "192.0.2.1"),
  a(MX1, "192.0.2.2"),
  aaaa(MX1, "2001:db8::1"),
  aaaa(MX1, "2001:db8::2"),
];
const strategy = (s: string) => `[queue.outbound]\nip-strategy = "${s}"\n`;
const queried = (p: { dns: readonly { name: string; type: string }[] }, type: string) =>
  p.dns.some((d) => d.name === MX1 && d.type === type);

describe("lookups per strategy", () => {
  it("ipv4_only makes no AAAA query", async () => {
    const p = await plan({ config: strategy("ipv4_only"), records: dual });
    expect(queried(p, "AAAA")).toBe(false);
    expect(p.attempts.map((t) => t.ip)).toEqual(["192.0.2.1", "192.0.2.2"]);
  });

  it("ipv6_only makes no A query", async () => {
    const p = await plan({ config: strategy("ipv6_only"), records: dual });
    expect(queried(p, "A")).toBe(false);
    expect(p.attempts.map((t) => t.family)).toEqual(["ipv6", "ipv6"]);
  });

  it("the A query is made before the AAAA query", async () => {
    const p = await plan({ records: dual });
    const types = p.dns.filter((d) => d.name === MX1).map((d) => d.type);
    expect(types).toEqual(["A", "AAAA"]);
  });
});

describe("order and the multihomed cut", () => {
  it("ipv4_then_ipv6 with two A records never tries IPv6 (default multihomed 2)", async () => {
    const p = await plan({ records: dual });
    expect(p.attempts.map((t) => t.ip)).toEqual(["192.0.2.1", "192.0.2.2"]);
    expect(p.hosts[0]?.dropped).toEqual([
      { ip: "2001:db8::1", reason: "multihomed" },
      { ip: "2001:db8::2", reason: "multihomed" },
    ]);
  });

  it("ipv6_then_ipv4 puts all AAAA first, in answer order, no interleaving", async () => {
    const p = await plan({
      config: `${strategy("ipv6_then_ipv4")}[queue.outbound.limits]\nmultihomed = 4\n`,
      records: dual,
    });
    expect(p.attempts.map((t) => t.ip)).toEqual([
      "2001:db8::1",
      "2001:db8::2",
      "192.0.2.1",
      "192.0.2.2",
    ]);
  });

  it("falls back to the other family only when the preferred one has fewer addresses than the limit", async () => {
    const p = await plan({ records: [mx(10, MX1), a(MX1, "192.0.2.1"), aaaa(MX1, "2001:db8::1")] });
    expect(p.attempts.map((t) => t.ip)).toEqual(["192.0.2.1", "2001:db8::1"]);
  });

  it("multihomed = 0 leaves nothing: temporary 'No IP addresses found'", async () => {
    const p = await plan({ config: "[queue.outbound.limits]\nmultihomed = 0\n", records: dual });
    expect(p.hosts[0]?.error).toEqual({
      permanent: false,
      // v0.12.5 prints envelope.mx through its StringCow Debug (lookup.rs resolve_host).
      message: 'No IP addresses found for Borrowed("mx1.example.com").',
    });
    expect(p.outcome?.kind).toBe("temporary_failure");
  });

  it("IPv6 addresses are shown compressed and lower-case", async () => {
    const p = await plan({
      config: strategy("ipv6_only"),
      records: [mx(10, MX1), aaaa(MX1, "2001:DB8:0:0:0:0:0:A")],
    });
    expect(p.attempts[0]?.ip).toBe("2001:db8::a");
  });
});

describe("lookup errors", () => {
  it("with both families an A error counts as empty", async () => {
    const p = await plan({
      records: [mx(10, MX1), rcode(MX1, "A", "SERVFAIL"), aaaa(MX1, "2001:db8::1")],
    });
    expect(p.attempts.map((t) => t.ip)).toEqual(["2001:db8::1"]);
    expect(p.hosts[0]?.error).toBeNull();
  });

  it("an AAAA error counts as empty when A found something", async () => {
    const p = await plan({
      records: [mx(10, MX1), a(MX1, "192.0.2.1"), rcode(MX1, "AAAA", "SERVFAIL")],
    });
    expect(p.attempts.map((t) => t.ip)).toEqual(["192.0.2.1"]);
  });

  it("an AAAA error stands when A found nothing", async () => {
    const p = await plan({ records: [mx(10, MX1), rcode(MX1, "AAAA", "SERVFAIL")] });
    expect(p.hosts[0]?.error?.permanent).toBe(false);
    expect(p.hosts[0]?.error?.message).toMatch(/^lookup error: /);
  });

  it("not found for an explicit MX is permanent 'record not found for MX'", async () => {
    const p = await plan({ records: [mx(10, MX1)] });
    expect(p.hosts[0]?.error).toEqual({ permanent: true, message: "record not found for MX" });
  });

  it("ipv4_only: an A error is the host's error", async () => {
    const p = await plan({
      config: strategy("ipv4_only"),
      records: [mx(10, MX1), rcode(MX1, "A", "SERVFAIL"), aaaa(MX1, "2001:db8::1")],
    });
    expect(p.hosts[0]?.error?.message).toMatch(/^lookup error: /);
  });

  it("when every host fails, the last host's error decides", async () => {
    const p = await plan({
      records: [
        mx(10, MX1),
        mx(20, "mx2.example.com"),
        rcode(MX1, "A", "SERVFAIL"),
        rcode(MX1, "AAAA", "SERVFAIL"),
      ],
    });
    expect(p.hosts.map((h) => h.error?.permanent)).toEqual([false, true]);
    expect(p.outcome).toEqual({ kind: "permanent_failure", message: "record not found for MX" });
  });

  it("other hosts are still tried after one fails", async () => {
    const p = await plan({
      records: [mx(10, MX1), mx(20, "mx2.example.com"), a("mx2.example.com", "192.0.2.20")],
    });
    expect(attemptsOf(p)).toEqual(["mx2.example.com 192.0.2.20 -"]);
    expect(p.outcome).toBeNull();
  });
});

describe("loopback", () => {
  it("is removed after the cut", async () => {
    const p = await plan({
      records: [mx(10, MX1), a(MX1, "127.0.0.1"), a(MX1, "192.0.2.1"), a(MX1, "192.0.2.2")],
    });
    expect(p.attempts.map((t) => t.ip)).toEqual(["192.0.2.1"]);
    expect(p.hosts[0]?.dropped).toEqual([
      { ip: "192.0.2.2", reason: "multihomed" },
      { ip: "127.0.0.1", reason: "loopback" },
    ]);
  });

  it("none left is permanent 'host resolves loopback address'", async () => {
    const p = await plan({ records: [mx(10, MX1), a(MX1, "127.0.0.1"), aaaa(MX1, "::1")] });
    expect(p.hosts[0]?.error).toEqual({
      permanent: true,
      message: "host resolves loopback address",
    });
  });
});

/** Source IPs (spec §3 step 4) and the strategy's if-block branch (api.md `strategy.branch`). */
import { describe, expect, it } from "vitest";
import { a, aaaa, attemptsOf, mx, plan } from "../../support/api";

const MX1 = "mx1.example.com";
const MX2 = "mx2.example.com";
const dual = [
  mx(10, MX1),
  mx(20, MX2),
  a(MX1, "192.0.2.1"),
  aaaa(MX1, "2001:db8::1"),
  a(MX2, "192.0.2.2"),
  aaaa(MX2, "2001:db8::2"),
];
const seedSources =
  "[queue.outbound.source-ip]\nv4 = \"['192.0.2.10', '192.0.2.11']\"\nv6 = \"['2001:db8::a', '2001:db8::b']\"\n";

describe("source IPs", () => {
  it("binds the pick of the remote address's family, one pick per host reused for its addresses", async () => {
    const p = await plan({ config: seedSources, records: dual });
    for (const h of p.hosts) {
      expect(h.source.v4.candidates).toEqual(["192.0.2.10", "192.0.2.11"]);
      expect(h.source.v6.candidates).toEqual(["2001:db8::a", "2001:db8::b"]);
      for (const t of p.attempts.filter((x) => x.host === h.name)) {
        expect(t.sourceIp).toBe(t.family === "ipv4" ? h.source.v4.picked : h.source.v6.picked);
      }
    }
  });

  it("every candidate gets picked for some seed", async () => {
    const picked = new Set<string>();
    for (let seed = 0; seed < 30; seed++) {
      const p = await plan({ config: seedSources, records: dual, seed });
      for (const h of p.hosts) picked.add(h.source.v4.picked ?? "");
    }
    expect([...picked].sort()).toEqual(["192.0.2.10", "192.0.2.11"]);
  });

  it("no candidate of the family means unbound", async () => {
    const p = await plan({
      config: "[queue.outbound.source-ip]\nv4 = \"'192.0.2.10'\"\n",
      records: dual,
    });
    expect(attemptsOf(p).slice(0, 2)).toEqual([
      "mx1.example.com 192.0.2.1 192.0.2.10",
      "mx1.example.com 2001:db8::1 -",
    ]);
  });

  it("a single quoted address is a one-element list", async () => {
    const p = await plan({
      config: "[queue.outbound.source-ip]\nv4 = \"'192.0.2.10'\"\n",
      records: dual,
    });
    expect(p.hosts[0]?.source.v4).toEqual({ candidates: ["192.0.2.10"], picked: "192.0.2.10" });
  });

  it("one address of the wrong family drops the whole list: unbound", async () => {
    const p = await plan({
      config: "[queue.outbound.source-ip]\nv4 = \"['192.0.2.10', '2001:db8::a']\"\n",
      records: dual,
    });
    expect(p.hosts[0]?.source.v4).toEqual({ candidates: [], picked: null });
    expect(p.attempts.every((t) => t.sourceIp === null)).toBe(true);
    expect(p.diagnostics.some((d) => d.key === "queue.outbound.source-ip.v4")).toBe(true);
  });

  it("a real TOML array is an if-block error: the key keeps its (empty) default", async () => {
    const p = await plan({
      config: "[queue.outbound.source-ip]\nv4 = ['192.0.2.10']\n",
      records: dual,
    });
    expect(p.hosts[0]?.source.v4.candidates).toEqual([]);
    const d = p.diagnostics.find((x) => x.message.includes("Invalid property"));
    expect(d?.line).toBe(2);
  });

  it("source-ip may use mx: evaluated once per host", async () => {
    const config =
      "[queue.outbound.source-ip]\nv4 = [ { if = \"mx == 'mx1.example.com'\", then = \"'192.0.2.10'\" }, { else = \"'192.0.2.20'\" } ]\n";
    const p = await plan({ config, records: dual });
    expect(p.hosts.map((h) => h.source.v4.picked)).toEqual(["192.0.2.10", "192.0.2.20"]);
  });

  it("source-ip with dns_query(mx, …) is evaluated per host with that host's answers", async () => {
    const config = "[queue.outbound.source-ip]\nv4 = \"dns_query(mx, 'ipv4')\"\n";
    const p = await plan({ config, records: dual });
    expect(p.hosts.map((h) => h.source.v4.candidates)).toEqual([["192.0.2.1"], ["192.0.2.2"]]);
  });

  it("a source-ip block without mx gives every host the same candidates", async () => {
    const config =
      '[queue.outbound.source-ip]\nv4 = [ { if = "retry_num > 3", then = "\'192.0.2.10\'" }, { else = "\'192.0.2.20\'" } ]\n';
    const p = await plan({ config, records: dual });
    expect(p.hosts.map((h) => h.source.v4.candidates)).toEqual([["192.0.2.20"], ["192.0.2.20"]]);
  });

  it("hosts that did not resolve get no source pick", async () => {
    const p = await plan({ config: seedSources, records: [mx(10, MX1)] });
    expect(p.hosts[0]?.source.v4).toEqual({ candidates: [], picked: null });
  });
});

describe("strategy and its branch", () => {
  const seedRetry =
    '[queue.outbound]\nip-strategy = [ { if = "retry_num == 0", then = "ipv6_only" },\n                { else = "ipv4_only" } ]\n';

  it("retry 0 takes branch 0: IPv6 only", async () => {
    const p = await plan({ config: seedRetry, records: dual });
    expect(p.strategy).toEqual({
      value: "ipv6_only",
      key: "queue.outbound.ip-strategy",
      branch: { index: 0, condition: "retry_num == 0" },
    });
    expect(p.attempts.map((t) => t.family)).toEqual(["ipv6", "ipv6"]);
  });

  it("retry 1 takes the else: IPv4 only", async () => {
    const p = await plan({ config: seedRetry, records: dual, context: { retry_num: 1 } });
    expect(p.strategy.branch).toEqual({ index: "else" });
    expect(p.attempts.map((t) => t.family)).toEqual(["ipv4", "ipv4"]);
  });

  it("an absent key is the built-in default ipv4_then_ipv6", async () => {
    const p = await plan({ records: dual });
    expect(p.strategy).toEqual({
      value: "ipv4_then_ipv6",
      key: "queue.outbound.ip-strategy",
      branch: { index: "default" },
    });
  });

  it("a string strategy is matched case-insensitively", async () => {
    const p = await plan({
      config: "[queue.outbound]\nip-strategy = \"'IPv6_Only'\"\n",
      records: dual,
    });
    expect(p.strategy.value).toBe("ipv6_only");
  });

  it("an unknown strategy string falls back to ipv4_then_ipv6 with a diagnostic", async () => {
    const p = await plan({
      config: "[queue.outbound]\nip-strategy = \"'ipv6_first'\"\n",
      records: dual,
    });
    expect(p.strategy.value).toBe("ipv4_then_ipv6");
    expect(p.diagnostics.some((d) => d.key === "queue.outbound.ip-strategy")).toBe(true);
  });

  it("rcpt_domain inside ip-strategy is a parse error: the default applies, at the variable's column", async () => {
    const config =
      '[queue.outbound]\nip-strategy = [ { if = "rcpt_domain == \'gmail.com\'", then = "ipv6_only" }, { else = "ipv4_only" } ]\n';
    const p = await plan({ config, records: dual });
    expect(p.strategy.value).toBe("ipv4_then_ipv6");
    const d = p.diagnostics.find((x) =>
      x.message.includes('Invalid variable or constant "rcpt_domain"'),
    );
    expect(d).toMatchObject({ line: 2, column: config.split("\n")[1]!.indexOf("rcpt_domain") + 1 });
  });

  it("else in the same table as if: 'Found 'else' before 'if''", async () => {
    const config =
      '[queue.outbound]\nip-strategy = [ { if = "retry_num == 0", then = "ipv6_only", else = "ipv4_only" } ]\n';
    const p = await plan({ config, records: dual });
    expect(p.strategy.value).toBe("ipv4_then_ipv6");
    expect(p.diagnostics.some((d) => d.message.includes("Found 'else' before 'if'"))).toBe(true);
  });
});

describe("retry schedule", () => {
  it("the next retry is due after schedule[min(retry_num, len-1)]", async () => {
    const p0 = await plan({ records: dual });
    const p9 = await plan({ records: dual, context: { retry_num: 9 } });
    expect(p0.retry.nextInMs).toBe(2 * 60_000);
    expect(p9.retry.nextInMs).toBe(2 * 3_600_000);
  });

  it("a configured schedule is used", async () => {
    const p = await plan({
      config: '[queue.schedule]\nretry = "[1m, 90s]"\n',
      records: dual,
      context: { retry_num: 1 },
    });
    expect(p.retry.schedule).toEqual([60_000, 90_000]);
    expect(p.retry.nextInMs).toBe(90_000);
  });

  it("queue.schedule.expire: Stalwart's 5d by default, else the configured duration", async () => {
    expect((await plan({ records: dual })).retry.expireMs).toBe(5 * 86_400_000);
    const p = await plan({ config: '[queue.schedule]\nexpire = "2h"\n', records: dual });
    expect(p.retry.expireMs).toBe(2 * 3_600_000);
  });
});

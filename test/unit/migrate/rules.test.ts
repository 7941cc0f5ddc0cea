/**
 * The general rules of spec stalwart-strategy.md §6: constants 1:1; a conditional value →
 * one definition per distinct branch value plus a selector; cross products where several
 * keys feed one selector; the v0.16 rewrites (`is_local_domain`, `config_get`, constants,
 * durations); values that cannot be carried, with their notes.
 */
import { describe, expect, it } from "vitest";
import { codes, migrate, planLines, planObject, singleton, tomlKeys, under } from "./helpers";

const outbound = (...lines: string[]) => `[queue.outbound]\n${lines.join("\n")}\n`;

describe("a conditional value", () => {
  const config = outbound(
    'ip-strategy = [{ if = "retry_num > 0", then = "ipv4_only" }, { else = "ipv6_then_ipv4" }]',
  );

  it("becomes one route per distinct value and a selector carrying the condition", async () => {
    const keys = tomlKeys((await migrate(config, "v0.13")).config);
    expect(under(keys, "queue.strategy.route.")).toEqual({
      "0000.if": "is_local_domain('*', rcpt_domain)",
      "0000.then": "'local'",
      "0001.if": "retry_num > 0",
      "0001.then": "'mx-2'",
      "0002.else": "'mx'",
    });
    expect(keys.get("queue.route.mx.ip-lookup")).toBe("ipv6_then_ipv4");
    expect(keys.get("queue.route.mx-2.ip-lookup")).toBe("ipv4_only");
  });

  it("notes that v0.13+ groups recipients of routes differing only in ip-lookup", async () => {
    expect(codes((await migrate(config, "v0.13")).notes)).toContain("migrate_route_groups_merge");
  });
});

describe("cross products", () => {
  it("next-hop × ip-strategy: relay branches are not refined, MX ones are", async () => {
    const config = outbound(
      `next-hop = [{ if = "retry_num > 1", then = "'relay'" }, { else = false }]`,
      `ip-strategy = [{ if = "sender_domain == 'a.example'", then = "ipv4_only" }, { else = "ipv4_then_ipv6" }]`,
      "[remote.relay]",
      'address = "relay.example.org"',
    );
    const keys = tomlKeys((await migrate(config, "v0.13")).config);
    expect(under(keys, "queue.strategy.route.")).toEqual({
      "0000.if": "retry_num > 1",
      "0000.then": "'relay'",
      "0001.if": "sender_domain == 'a.example'",
      "0001.then": "'mx-2'",
      "0002.else": "'mx'",
    });
  });

  it("source-ip × hostname: every combination, the nested ifs flattened", async () => {
    const config = outbound(
      `source-ip.v4 = [{ if = "mx == 'mx1.example.com'", then = "'192.0.2.1'" }, { else = "''" }]`,
      `hostname = [{ if = "sender_domain == 'b.example'", then = "'out.b.example'" }, { else = "config_get('server.hostname')" }]`,
    );
    const keys = tomlKeys((await migrate(config, "v0.13")).config);
    expect(under(keys, "queue.strategy.connection.")).toEqual({
      "0000.if": "mx == 'mx1.example.com' && sender_domain == 'b.example'",
      "0000.then": "'connection'",
      "0001.if": "mx == 'mx1.example.com'",
      "0001.then": "'connection-2'",
      "0002.if": "sender_domain == 'b.example'",
      "0002.then": "'connection-3'",
      "0003.else": "'default'",
    });
    expect(under(keys, "queue.connection.connection.")).toMatchObject({
      "source-ips.0000": "192.0.2.1",
      "ehlo-hostname": "out.b.example",
    });
    expect(keys.has("queue.connection.connection-2.ehlo-hostname")).toBe(false);
    expect(keys.has("queue.connection.connection-3.source-ips.0000")).toBe(false);
  });

  it("a condition with && or || is parenthesised when it is combined", async () => {
    const config = outbound(
      `tls.dane = [{ if = "mx == 'a' || mx == 'b'", then = "require" }, { else = "optional" }]`,
    );
    const keys = tomlKeys((await migrate(config, "v0.13")).config);
    expect(keys.get("queue.strategy.tls.0000.if")).toBe(
      "(mx == 'a' || mx == 'b') && (retry_num > 0 && last_error == 'tls')",
    );
  });
});

/** `n` branches of `key` on `condition(i)`, each giving the address `address(i)`. */
const manyBranches = (
  key: string,
  n: number,
  condition: (i: number) => string,
  address: (i: number) => string,
) =>
  `${key} = [${Array.from({ length: n }, (_, i) => `{ if = "${condition(i)}", then = "'${address(i)}'" }`).join(", ")}, { else = "''" }]`;

describe("the size of what a migration writes", () => {
  const v4 = (i: number) => `192.0.2.${i + 1}`;
  const v6 = (i: number) => `2001:db8::${i + 1}`;
  const long = (i: number) => `sender_domain == '${"x".repeat(1800)}${i}'`;
  const priority = (i: number) => `priority == ${i}`;

  it.each([
    ["17 × 17 combinations, over LIMITS.migrateBranches", 16, priority],
    ["long conditions repeated across the product, over LIMITS.migrateConditionChars", 15, long],
  ] as const)("%s: migrate_limit", async (_what, n, condition) => {
    const config = outbound(
      manyBranches("source-ip.v4", n, condition, v4),
      manyBranches("source-ip.v6", n, condition, v6),
    );
    const { post } = await import("../../support/api");
    const res = await post("/api/migrate", { config, target: "v0.16" });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("migrate_limit");
  });
});

describe("v0.16 rewrites, on tokens", () => {
  it("config_get('server.hostname') becomes system('hostname'); strings are not touched", async () => {
    const config = outbound(
      `next-hop = [{ if = "sender_domain == config_get('server.hostname') && rcpt_domain != 'config_get(x)'", then = "'local'" }, { else = false }]`,
    );
    const lines = planLines((await migrate(config, "v0.16")).config);
    const route = singleton(lines, "MtaOutboundStrategy").route as {
      match: Record<string, { if: string }>;
    };
    expect(route.match["0"]?.if).toBe(
      "sender_domain == system('hostname') && rcpt_domain != 'config_get(x)'",
    );
  });

  it("is_local_domain loses any directory, with a note when it named one", async () => {
    const config = outbound(
      `next-hop = [{ if = "is_local_domain('ldap', rcpt_domain)", then = "'local'" }, { else = false }]`,
    );
    const r = await migrate(config, "v0.16");
    const route = singleton(planLines(r.config), "MtaOutboundStrategy").route as {
      match: Record<string, { if: string }>;
    };
    expect(route.match["0"]?.if).toBe("is_local_domain(rcpt_domain)");
    // The note points at the route selector in the plan: the MtaOutboundStrategy line.
    const note = r.notes.find((n) => n.code === "migrate_local_directory_dropped");
    const line = r.config.split("\n")[(note?.target?.line ?? 0) - 1] ?? "";
    expect(line.slice((note?.target?.column ?? 0) - 1)).toMatch(/^"route":/);
    // v0.13 keeps the two-argument form.
    const keys = tomlKeys((await migrate(config, "v0.13")).config);
    expect(keys.get("queue.strategy.route.0000.if")).toBe("is_local_domain('ldap', rcpt_domain)");
  });

  it("config_get of another key has no v0.16 reading: an error note", async () => {
    const config = outbound(
      `next-hop = [{ if = "config_get('report.domain') == 'x'", then = "'local'" }, { else = false }]`,
    );
    const r = await migrate(config, "v0.16");
    expect(r.notes.find((n) => n.code === "migrate_config_get_unavailable")?.severity).toBe(
      "error",
    );
  });

  it("a setting's constant word becomes its integer (v0.13+ selectors have no constants)", async () => {
    const config = outbound(
      `tls.starttls = [{ if = "priority == require", then = "disable" }, { else = "require" }]`,
    );
    const keys = tomlKeys((await migrate(config, "v0.13")).config);
    expect(keys.get("queue.strategy.tls.0000.if")).toBe(
      "priority == 1 && (retry_num > 0 && last_error == 'tls')",
    );
    expect(keys.get("queue.tls.tls.starttls")).toBe("disable");
  });
});

describe("values a definition cannot hold", () => {
  it("a value that depends on the message: error note, v0.12's fallback carried", async () => {
    const r = await migrate(outbound('ip-strategy = "if_then(retry_num > 0, 4, 5)"'), "v0.13");
    expect(r.notes.find((n) => n.code === "migrate_value_not_static")).toMatchObject({
      severity: "error",
      line: 2,
    });
    expect(tomlKeys(r.config).get("queue.route.mx.ip-lookup")).toBe("ipv4_then_ipv6");
  });

  it("a value v0.12 cannot use: its fallback, as v0.12 ran", async () => {
    const r = await migrate(outbound(`ip-strategy = "'fastest'"`), "v0.13");
    expect(codes(r.notes)).toContain("migrate_value_unusable");
    expect(tomlKeys(r.config).get("queue.route.mx.ip-lookup")).toBe("ipv4_then_ipv6");
  });

  it("a source list v0.12 drops whole stays unbound", async () => {
    const r = await migrate(outbound(`source-ip.v4 = "['192.0.2.1', '2001:db8::1']"`), "v0.13");
    expect(codes(r.notes)).toContain("migrate_value_unusable");
    expect(tomlKeys(r.config).has("queue.connection.default.source-ips.0000")).toBe(false);
  });
});

describe("schedules", () => {
  it("other lists than v0.13's go to a schedule of their own, the local/DSN/report branches kept", async () => {
    const config = '[queue.schedule]\nretry = "[1m, 10m]"\nnotify = "[1d]"\nexpire = "2d"\n';
    const keys = tomlKeys((await migrate(config, "v0.13")).config);
    expect(under(keys, "queue.schedule.outbound.")).toEqual({
      "queue-name": "remote",
      "retry.0000": "1m",
      "retry.0001": "10m",
      "notify.0000": "1d",
      expire: "2d",
    });
    expect(keys.get("queue.strategy.schedule.0001.then")).toBe("'dsn'");
    expect(keys.get("queue.strategy.schedule.0003.else")).toBe("'outbound'");
    const lines = planLines((await migrate(config, "v0.16")).config);
    expect(planObject(lines, "MtaDeliverySchedule", "outbound")).toMatchObject({
      queueId: "1",
      retry: {
        "@type": "Custom",
        intervals: { "0": { duration: 60_000 }, "1": { duration: 600_000 } },
      },
      expiry: { "@type": "Ttl", expire: 172_800_000 },
    });
  });

  it("v0.12's default: the remote schedule with its 5-day expiry", async () => {
    const keys = tomlKeys((await migrate("", "v0.13")).config);
    expect(under(keys, "queue.schedule.remote.")).toEqual({ "queue-name": "remote", expire: "5d" });
  });

  it("a retry condition on mx cannot reach the RCPT selector: left out, with an error note", async () => {
    const config = `[queue.schedule]\nretry = [{ if = "mx == 'slow.example'", then = "[1h]" }, { else = "[5m]" }]\n`;
    const r = await migrate(config, "v0.13");
    expect(r.notes.find((n) => n.code === "migrate_condition_dropped")).toMatchObject({
      severity: "error",
      line: 2,
    });
    expect(tomlKeys(r.config).get("queue.schedule.outbound.retry.0000")).toBe("5m");
  });
});

describe("the EHLO name", () => {
  it("built from the machine's hostname, which no config names: an error note, no override", async () => {
    const r = await migrate(
      outbound(`hostname = "'out.' + config_get('server.hostname')"`),
      "v0.13",
    );
    expect(codes(r.notes)).toContain("migrate_value_not_static");
    expect(tomlKeys(r.config).has("queue.connection.default.ehlo-hostname")).toBe(false);
  });

  it("built from the configured server name: the name it gives", async () => {
    const config = `[server]\nhostname = "mx.example.org"\n${outbound(`hostname = "'out.' + config_get('server.hostname')"`)}`;
    const keys = tomlKeys((await migrate(config, "v0.13")).config);
    expect(keys.get("queue.connection.default.ehlo-hostname")).toBe("out.mx.example.org");
  });
});

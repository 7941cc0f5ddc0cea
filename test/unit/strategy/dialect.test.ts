/**
 * The expression language per Stalwart version (spec stalwart-strategy.md §3.2, §4),
 * through POST /api/expression with `model` and `key`: v0.16's one-argument
 * is_local_domain, system(), metric(), is_ip_in_cidr, config_get gone, its messages
 * for a variable outside the set, its durations; the v0.13 selectors' variable sets.
 */
import { describe, expect, it } from "vitest";
import { post } from "../../support/api";

interface Answer {
  status: number;
  value?: unknown;
  type?: string;
  code?: string;
  message?: string;
  notes?: { code: string }[];
}

async function run(body: Record<string, unknown>): Promise<Answer> {
  const res = await post("/api/expression", body);
  const json = (await res.json()) as {
    value?: unknown;
    type?: string;
    notes?: { code: string }[];
    error?: { code: string; message: string };
  };
  return {
    status: res.status,
    value: json.value,
    type: json.type,
    code: json.error?.code,
    message: json.error?.message,
    notes: json.notes,
  };
}

const v016 = (expression: string, extra: Record<string, unknown> = {}) =>
  run({ expression, model: "v0.16", ...extra });

describe("v0.16", () => {
  it("is_local_domain and is_local_address take one argument (upstream's expressions test)", async () => {
    const r = await v016("is_local_domain('foobar.org') + '-' + is_local_domain('unknown.org')", {
      localDomains: ["foobar.org"],
    });
    expect(r.value).toBe("1-0");
    const two = await v016("is_local_domain('*', 'foobar.org')");
    expect(two.message).toBe('Expression function "is_local_domain" expected 1 arguments, got 2');
  });

  it("config_get is gone; v0.12 still has it", async () => {
    expect((await v016("config_get('server.hostname')")).message).toBe(
      'Invalid variable or constant "config_get"',
    );
    const v012 = await run({
      expression: "config_get('server.hostname')",
      config: '[server]\nhostname = "a.example"\n',
    });
    expect(v012.value).toBe("a.example");
  });

  it("system(): the server hostname from SystemSettings; other names refused; one argument", async () => {
    const r = await v016("system('hostname')", {
      config: '{"defaultHostname":"mail.example.com"}',
    });
    expect(r.value).toBe("mail.example.com");
    expect((await v016("system('bogus')")).message).toBe('Invalid system variable name "bogus"');
    expect((await v016("system('hostname', 1)")).message).toBe(
      "Expression function expected 1 argument",
    );
    const domain = await v016("system('domain')");
    expect(domain.notes?.map((n) => n.code)).toEqual(["system_value_unknown"]);
  });

  it("metric(): a float the playground reads as 0, a malformed name refused", async () => {
    const r = await v016("metric('delivery.attempt-time')");
    expect([r.value, r.type]).toEqual([0, "float"]);
    expect((await v016("metric('nope')")).message).toBe('Invalid metric name "nope"');
  });

  it("a known variable outside the setting's set, a constant, a word", async () => {
    expect((await v016("mx", { key: "MtaOutboundStrategy.route" })).message).toBe(
      'Variable "mx" not allowed in this context',
    );
    expect((await v016("mx", { key: "MtaOutboundStrategy.connection" })).status).toBe(200);
    expect((await v016("ipv6_only", { key: "MtaOutboundStrategy.route" })).value).toBe("ipv6_only");
    expect((await v016("nonsense")).message).toBe('Invalid variable or constant "nonsense"');
  });

  it("durations are digits then a unit, zero allowed", async () => {
    expect((await v016("0m")).value).toBe(0);
    expect((await v016("2h")).value).toBe(7_200_000);
    expect((await run({ expression: "0m" })).code).toBe("expr_syntax");
  });

  it("$name is a global, read as 0 in every version", async () => {
    expect((await v016("$foo + 1")).value).toBe(1);
    expect((await run({ expression: "$foo + 1" })).value).toBe(1);
  });
});

describe("is_ip_in_cidr (v0.16.5), as registry IpAddrOrMask matches", () => {
  const cases: [string, string, number][] = [
    ["192.0.2.1", "192.0.2.0/24", 1],
    ["192.0.3.1", "192.0.2.0/24", 0],
    ["::ffff:192.0.2.1", "192.0.2.0/24", 1],
    ["::192.0.2.1", "192.0.2.0/24", 1],
    ["::192.0.2.1", "192.0.2.1", 0],
    ["::ffff:192.0.2.1", "192.0.2.1", 1],
    ["192.0.2.1", "::ffff:192.0.2.0/120", 1],
    ["2001:db8::1", "2001:db8::/32", 1],
    ["2001:db9::1", "2001:db8::/32", 0],
    ["192.0.2.1", "192.0.2.0/7", 0],
    ["192.0.2.1", " 192.0.2.1 ", 1],
    [" 192.0.2.1", "192.0.2.1", 0],
    ["not an ip", "0.0.0.0/8", 0],
  ];
  it.each(cases)("is_ip_in_cidr(%j, %j) = %i", async (ip, cidr, expected) => {
    expect((await v016(`is_ip_in_cidr('${ip}', '${cidr}')`)).value).toBe(expected);
  });

  it("is no v0.12–v0.15 function", async () => {
    expect((await run({ expression: "is_ip_in_cidr('a', 'b')", model: "v0.13" })).message).toBe(
      'Invalid variable or constant "is_ip_in_cidr"',
    );
  });
});

describe("v0.13 selectors and the model a key belongs to", () => {
  it("auto follows the key: a v0.13 selector refuses mx with ≤ v0.15's message", async () => {
    expect((await run({ expression: "mx", key: "queue.strategy.route" })).message).toBe(
      'Invalid variable or constant "mx"',
    );
    const vars = { source: "dsn", queue_name: "dsn", size: 12 };
    const r = await run({
      expression: "source + queue_name + size",
      key: "queue.strategy.schedule",
      variables: vars,
    });
    expect(r.value).toBe("dsndsn12");
  });

  it("a key of another version than the model is invalid_key", async () => {
    expect((await run({ expression: "1", key: "queue.strategy.route", model: "v0.16" })).code).toBe(
      "invalid_key",
    );
    expect(
      (await run({ expression: "1", key: "MtaOutboundStrategy.tls", model: "v0.12" })).code,
    ).toBe("invalid_key");
  });
});

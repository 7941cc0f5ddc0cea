import { describe, expect, it } from "vitest";
import { durationMs, parseDuration, toUsize } from "../../../functions/core/config/convert";
import { readRelay, relayIds } from "../../../functions/core/config/relay";
import {
  ALL_VARIABLES,
  SETTINGS,
  STRATEGY_CONSTANTS,
  settingFor,
  settingsAllowing,
  VARIABLE_SETS,
} from "../../../functions/core/config/settings";
import { loadConfig } from "../../../functions/core/config/toml/loaded-config";
import type { Diagnostic } from "../../../functions/core/errors";
import { arr, float, int, str } from "../../../functions/core/expr/value";

describe("variable sets", () => {
  it("nest SENDER ⊂ RCPT ⊂ MX ⊂ HOST as spec §1 lists them", () => {
    expect([...VARIABLE_SETS.SENDER].sort()).toEqual([
      "expires_in",
      "last_error",
      "last_status",
      "notify_num",
      "priority",
      "retry_num",
      "sender",
      "sender_domain",
    ]);
    expect([...VARIABLE_SETS.RCPT].filter((v) => !VARIABLE_SETS.SENDER.has(v)).sort()).toEqual([
      "rcpt_domain",
      "recipients",
    ]);
    expect([...VARIABLE_SETS.MX].filter((v) => !VARIABLE_SETS.RCPT.has(v))).toEqual(["mx"]);
    expect([...VARIABLE_SETS.HOST].filter((v) => !VARIABLE_SETS.MX.has(v)).sort()).toEqual([
      "local_ip",
      "rcpt",
      "remote_ip",
    ]);
    for (const v of VARIABLE_SETS.HOST) expect(ALL_VARIABLES.has(v)).toBe(true);
    expect(ALL_VARIABLES.size).toBe(27);
  });

  it("gives each setting its set; only ip-strategy has the strategy constants", () => {
    expect(SETTINGS.ipStrategy.variableSet).toBe("SENDER");
    expect(SETTINGS.hostname.variableSet).toBe("SENDER");
    expect(SETTINGS.sourceIpV4.variableSet).toBe("MX");
    expect(SETTINGS.sourceIpV6.variableSet).toBe("MX");
    expect(SETTINGS.limitsMx.variableSet).toBe("RCPT");
    expect(SETTINGS.limitsMultihomed.variableSet).toBe("RCPT");
    expect(SETTINGS.nextHop.variableSet).toBe("RCPT");
    expect(SETTINGS.retry.variableSet).toBe("HOST");
    expect(SETTINGS.notify.variableSet).toBe("RCPT");
    expect(SETTINGS.expire.variableSet).toBe("RCPT");
    expect([...SETTINGS.ipStrategy.tokens.constants.keys()].sort()).toEqual([
      "ipv4_only",
      "ipv4_then_ipv6",
      "ipv6_only",
      "ipv6_then_ipv4",
    ]);
    expect(SETTINGS.limitsMx.tokens.constants.size).toBe(0);
    expect(STRATEGY_CONSTANTS.get("ipv4_then_ipv6")).toEqual(int(5));
  });

  it("finds settings by key and by variable", () => {
    expect(settingFor("queue.outbound.ip-strategy")?.id).toBe("ipStrategy");
    expect(settingFor("queue.outbound.nope")).toBeUndefined();
    expect(
      settingsAllowing("mx")
        .map((s) => s.id)
        .sort(),
    ).toEqual(["retry", "sourceIpV4", "sourceIpV6"]);
  });
});

describe("built-in defaults and fallbacks", () => {
  it("match spec §1", () => {
    expect(SETTINGS.ipStrategy.builtin?.else).toBe("ipv4_then_ipv6");
    expect(SETTINGS.ipStrategy.fallback).toBe("ipv4_then_ipv6");
    expect(SETTINGS.sourceIpV4.builtin).toBeNull();
    expect(SETTINGS.sourceIpV4.fallback).toEqual([]);
    expect(SETTINGS.limitsMx.builtin?.else).toBe("5");
    expect(SETTINGS.limitsMx.fallback).toBe(5);
    expect(SETTINGS.limitsMultihomed.builtin?.else).toBe("2");
    expect(SETTINGS.limitsMultihomed.fallback).toBe(2);
    expect(SETTINGS.nextHop.builtin).toEqual({
      // biome-ignore lint/suspicious/noThenProperty: Stalwart's word; never awaited.
      branches: [{ if: "is_local_domain('*', rcpt_domain)", then: "'local'" }],
      else: "false",
    });
    expect(SETTINGS.nextHop.fallback).toBe(false);
    expect(SETTINGS.hostname.builtin?.else).toBe("config_get('server.hostname')");
    expect(SETTINGS.hostname.fallback).toBe("local.host");
    expect(SETTINGS.retry.builtin?.else).toBe("[2m, 5m, 10m, 15m, 30m, 1h, 2h]");
    expect(SETTINGS.retry.fallback).toEqual([60_000]);
    expect(SETTINGS.notify.builtin?.else).toBe("[1d, 3d]");
    expect(SETTINGS.expire.builtin?.else).toBe("5d");
  });
});

describe("conversions", () => {
  it("ip-strategy: constants or case-insensitive strings", () => {
    const c = SETTINGS.ipStrategy.convert;
    expect(c(int(2))).toBe("ipv4_only");
    expect(c(int(3))).toBe("ipv6_only");
    expect(c(int(4))).toBe("ipv6_then_ipv4");
    expect(c(int(5))).toBe("ipv4_then_ipv6");
    expect(c(int(1))).toBeUndefined();
    expect(c(str("IPv6_Only"))).toBe("ipv6_only");
    expect(c(str("ipv6-only"))).toBeUndefined();
    expect(c(float(2))).toBeUndefined();
    expect(c(arr([str("ipv4_only")]))).toBeUndefined();
  });

  it("source-ip: a list of one family; one bad element drops the whole list", () => {
    const v4 = SETTINGS.sourceIpV4.convert;
    const v6 = SETTINGS.sourceIpV6.convert;
    expect(v4(arr([str("192.0.2.10"), str("192.0.2.11")]))).toEqual(["192.0.2.10", "192.0.2.11"]);
    expect(v4(str("192.0.2.10"))).toEqual(["192.0.2.10"]);
    expect(v4(str(""))).toEqual([]);
    expect(v4(arr([str("192.0.2.10"), str("2001:db8::a")]))).toBeUndefined();
    expect(v4(arr([str("192.0.2.10"), int(1)]))).toBeUndefined();
    expect(v4(int(5))).toBeUndefined();
    expect(v6(arr([str("2001:DB8::A"), str("2001:db8:0:0:0:0:0:b")]))).toEqual([
      "2001:db8::a",
      "2001:db8::b",
    ]);
    expect(v6(str("192.0.2.1"))).toBeUndefined();
  });

  it("limits: Rust's to_usize", () => {
    expect(toUsize(int(7))).toBe(7);
    expect(toUsize(int(-1))).toBe(2 ** 64);
    expect(toUsize(float(2.9))).toBe(2);
    expect(toUsize(float(-3))).toBe(0);
    expect(toUsize(str("+12"))).toBe(12);
    expect(toUsize(str("12a"))).toBeUndefined();
    expect(toUsize(str(""))).toBeUndefined();
    expect(toUsize(arr([int(1)]))).toBeUndefined();
    expect(SETTINGS.limitsMx.convert(int(0))).toBe(0);
  });

  it("next-hop: a string names a relay; false (0) and anything else mean MX", () => {
    const c = SETTINGS.nextHop.convert;
    expect(c(str("relay1"))).toBe("relay1");
    expect(c(int(0))).toBe(false);
    expect(c(int(3))).toBeUndefined();
  });

  it("hostname: strings only", () => {
    expect(SETTINGS.hostname.convert(str("mx.example.org"))).toBe("mx.example.org");
    expect(SETTINGS.hostname.convert(int(1))).toBeUndefined();
  });

  it("durations: positive milliseconds, Stalwart's duration strings", () => {
    expect(durationMs(int(120_000))).toBe(120_000);
    expect(durationMs(int(0))).toBeUndefined();
    expect(durationMs(float(1.7))).toBe(1);
    expect(durationMs(str("2m"))).toBe(120_000);
    expect(parseDuration("1H")).toBe(3_600_000);
    expect(parseDuration("500ms")).toBe(500);
    expect(parseDuration("1h30m")).toBeUndefined();
    expect(parseDuration("0s")).toBeUndefined();
    expect(SETTINGS.retry.convert(arr([int(1000), str("5m")]))).toEqual([1000, 300_000]);
    expect(SETTINGS.retry.convert(arr([int(1000), str("soon")]))).toBeUndefined();
    expect(SETTINGS.retry.convert(str(""))).toBeUndefined();
    expect(SETTINGS.expire.convert(int(5))).toBe(5);
  });
});

describe("relays (remote.<id>.*)", () => {
  it("reads plain values with Stalwart's defaults", () => {
    const c = loadConfig(
      '[remote.relay1]\naddress = "smtp.example.net"\n[remote.other]\nport = 2\n',
    );
    expect(relayIds(c)).toEqual(["relay1"]);
    const d: Diagnostic[] = [];
    expect(readRelay(c, "relay1", d)).toEqual({
      id: "relay1",
      address: "smtp.example.net",
      port: 25,
      protocol: "smtp",
      tlsImplicit: true,
      tlsAllowInvalidCerts: false,
      hasAuth: false,
    });
    expect(d).toEqual([]);
    expect(readRelay(c, "other", d)).toBeUndefined();
  });

  it("diagnoses bad values and keeps the defaults", () => {
    const text =
      '[remote.r]\naddress = "h"\nport = 70000\nprotocol = "LMTP"\ntls.implicit = "yes"\n';
    const c = loadConfig(text);
    const d: Diagnostic[] = [];
    const r = readRelay(c, "r", d);
    expect(r?.port).toBe(25);
    expect(r?.protocol).toBe("lmtp");
    expect(r?.tlsImplicit).toBe(true);
    expect(d.map((x) => x.code)).toEqual(["relay_invalid_port", "relay_invalid_tls_implicit"]);
    expect(text.slice(d[0]?.start, d[0]?.end)).toBe("70000");
  });
});

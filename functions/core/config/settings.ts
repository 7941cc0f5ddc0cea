/**
 * The settings of spec §1 as data: key, built-in default, the variables and constants
 * its expressions may use (Stalwart's `TokenMap`), the value used when evaluation or
 * conversion fails, and the conversion from an expression `Value` to the typed result.
 *
 * Sources: crates/common/src/config/smtp/queue.rs (v0.12 `QueueConfig::parse`), the
 * `TryFrom<Variable>` impls of crates/common/src/expr/mod.rs, and mail-auth's
 * `IpLookupStrategy` constants (ipv4_only = 2, ipv6_only = 3, ipv6_then_ipv4 = 4,
 * ipv4_then_ipv6 = 5).
 */
import type { TokenMap } from "../expr/types";
import { int, type Value } from "../expr/value";
import { parseIp } from "../ip";
import { durationMs, toUsize } from "./convert";
import { ALL_VARIABLES, VARIABLE_SETS, type VariableSetName } from "./variables";

export { ALL_VARIABLES, VARIABLE_SETS, type VariableSetName } from "./variables";

export type IpStrategy = "ipv4_only" | "ipv6_only" | "ipv6_then_ipv4" | "ipv4_then_ipv6";
export const IP_STRATEGIES: readonly IpStrategy[] = [
  "ipv4_only",
  "ipv6_only",
  "ipv6_then_ipv4",
  "ipv4_then_ipv6",
];
const STRATEGY_CODES: Readonly<Record<IpStrategy, number>> = {
  ipv4_only: 2,
  ipv6_only: 3,
  ipv6_then_ipv4: 4,
  ipv4_then_ipv6: 5,
};
export const STRATEGY_CONSTANTS: ReadonlyMap<string, Value> = new Map(
  IP_STRATEGIES.map((s) => [s, int(STRATEGY_CODES[s])] as const),
);

const NO_CONSTANTS: ReadonlyMap<string, Value> = new Map();

/** The token map of the expression console when no key is given. */
export const CONSOLE_TOKENS: TokenMap = { variables: ALL_VARIABLES, constants: NO_CONSTANTS };

export interface BuiltinDefault {
  readonly branches: readonly { readonly if: string; readonly then: string }[];
  readonly else: string;
}

export interface Setting<T> {
  readonly id: SettingId;
  readonly key: string;
  /** `null`: no built-in value (Stalwart's `IfBlock::empty`, e.g. source-ip). */
  readonly builtin: BuiltinDefault | null;
  readonly variableSet: VariableSetName;
  /** What the user's expressions may refer to. */
  readonly tokens: TokenMap;
  /** What built-in defaults are parsed with (`IfBlock::new`: every variable + the constants). */
  readonly builtinTokens: TokenMap;
  /** Used when evaluation or conversion fails. */
  readonly fallback: T;
  /** Value → typed result; `undefined` when Stalwart's conversion fails. */
  convert(value: Value): T | undefined;
}

/** The TLS and timeout keys, read by the migration only (settings-transport.ts). */
export type TransportSettingId =
  | "tlsDane"
  | "tlsMtaSts"
  | "tlsStarttls"
  | "tlsAllowInvalidCerts"
  | "timeoutConnect"
  | "timeoutGreeting"
  | "timeoutTls"
  | "timeoutEhlo"
  | "timeoutMailFrom"
  | "timeoutRcptTo"
  | "timeoutData"
  | "timeoutMtaSts";

export type SettingId =
  | TransportSettingId
  | "ipStrategy"
  | "sourceIpV4"
  | "sourceIpV6"
  | "limitsMx"
  | "limitsMultihomed"
  | "nextHop"
  | "hostname"
  | "retry"
  | "notify"
  | "expire";

/** `TryFrom<Variable> for IpLookupStrategy`: the integer constants, or a string matched case-insensitively. */
export function toIpStrategy(v: Value): IpStrategy | undefined {
  if (v.kind === "integer") return IP_STRATEGIES.find((s) => BigInt(STRATEGY_CODES[s]) === v.value);
  if (v.kind === "string") {
    const lower = v.value.toLowerCase();
    return IP_STRATEGIES.find((s) => s === lower);
  }
  return undefined;
}

/** `Variable::into_array`: an array as is, an empty string as no element, anything else as one. */
export function intoArray(v: Value): readonly Value[] {
  if (v.kind === "array") return v.value;
  return v.kind === "string" && v.value === "" ? [] : [v];
}

/** `Vec<Ipv4Addr>` / `Vec<Ipv6Addr>`: every element must be a string address of that family, else the whole list fails. */
export function toIpList(family: 4 | 6): (v: Value) => readonly string[] | undefined {
  return (v) => {
    const out: string[] = [];
    for (const item of intoArray(v)) {
      const ip = item.kind === "string" ? parseIp(item.value) : null;
      if (ip === null || ip.family !== family) return undefined;
      out.push(ip.canonical);
    }
    return out;
  };
}

function toDurationList(v: Value): readonly number[] | undefined {
  const out: number[] = [];
  for (const item of intoArray(v)) {
    const ms = durationMs(item);
    if (ms === undefined) return undefined;
    out.push(ms);
  }
  // An empty schedule cannot be indexed by Stalwart (`len - 1`): treated as a failure.
  return out.length > 0 ? out : undefined;
}

const asString = (v: Value): string | undefined => (v.kind === "string" ? v.value : undefined);

export function setting<T>(
  id: SettingId,
  key: string,
  variableSet: VariableSetName,
  builtin: BuiltinDefault | null,
  fallback: T,
  convert: (v: Value) => T | undefined,
  constants: ReadonlyMap<string, Value> = NO_CONSTANTS,
): Setting<T> {
  return Object.freeze({
    id,
    key,
    builtin,
    variableSet,
    tokens: { variables: VARIABLE_SETS[variableSet], constants },
    builtinTokens: { variables: ALL_VARIABLES, constants },
    fallback,
    convert,
  });
}

export const single = (source: string): BuiltinDefault => ({ branches: [], else: source });

export const SETTINGS = Object.freeze({
  ipStrategy: setting<IpStrategy>(
    "ipStrategy",
    "queue.outbound.ip-strategy",
    "SENDER",
    single("ipv4_then_ipv6"),
    "ipv4_then_ipv6",
    toIpStrategy,
    STRATEGY_CONSTANTS,
  ),
  sourceIpV4: setting(
    "sourceIpV4",
    "queue.outbound.source-ip.v4",
    "MX",
    null,
    [] as readonly string[],
    toIpList(4),
  ),
  sourceIpV6: setting(
    "sourceIpV6",
    "queue.outbound.source-ip.v6",
    "MX",
    null,
    [] as readonly string[],
    toIpList(6),
  ),
  limitsMx: setting("limitsMx", "queue.outbound.limits.mx", "RCPT", single("5"), 5, toUsize),
  limitsMultihomed: setting(
    "limitsMultihomed",
    "queue.outbound.limits.multihomed",
    "RCPT",
    single("2"),
    2,
    toUsize,
  ),
  nextHop: setting<string | false>(
    "nextHop",
    "queue.outbound.next-hop",
    "RCPT",
    {
      // biome-ignore lint/suspicious/noThenProperty: Stalwart's word; never awaited.
      branches: [{ if: "is_local_domain('*', rcpt_domain)", then: "'local'" }],
      else: "false",
    },
    false,
    // `TryFrom<Variable> for String`: only strings; `false` (0) and anything else mean MX.
    (v) =>
      v.kind === "string" ? v.value : v.kind === "integer" && v.value === 0n ? false : undefined,
  ),
  hostname: setting(
    "hostname",
    "queue.outbound.hostname",
    "SENDER",
    single("config_get('server.hostname')"),
    "local.host",
    asString,
  ),
  retry: setting(
    "retry",
    "queue.schedule.retry",
    "HOST",
    single("[2m, 5m, 10m, 15m, 30m, 1h, 2h]"),
    [60_000] as readonly number[],
    toDurationList,
  ),
  notify: setting(
    "notify",
    "queue.schedule.notify",
    "RCPT",
    single("[1d, 3d]"),
    [86_400_000, 259_200_000] as readonly number[],
    toDurationList,
  ),
  expire: setting("expire", "queue.schedule.expire", "RCPT", single("5d"), 432_000_000, durationMs),
});

export type Settings = typeof SETTINGS;
export const SETTING_LIST: readonly Setting<unknown>[] = Object.values(SETTINGS);

/** The setting whose key is `key` (the `key` parameter of /api/expression). */
export function settingFor(key: string): Setting<unknown> | undefined {
  return SETTING_LIST.find((s) => s.key === key);
}

/** The settings whose expressions may use `variable` (for "say which keys may use it"). */
export function settingsAllowing(variable: string): readonly Setting<unknown>[] {
  return SETTING_LIST.filter((s) => s.tokens.variables.has(variable));
}

/**
 * The one place the web app touches the evaluation core (functions/core/**), so the
 * browser's live diagnostics, hovers and completions come from the very code the Worker
 * runs. Everything else in web/ imports from here.
 */
import { lineColumn, lineColumnRange } from "../../functions/core/config/positions";
import { RESOLVER_NAMES } from "../../functions/core/dns/resolvers";
import type { Diagnostic } from "../../functions/core/errors";

export type { Diagnostic };
export { lineColumn, lineColumnRange, RESOLVER_NAMES };

export interface SettingInfo {
  readonly key: string;
  readonly description: string;
  /** Stalwart's built-in default, as an expression or value. */
  readonly defaultValue: string;
  /** Variables an expression at this key may use; empty for plain values. */
  readonly variables: readonly string[];
  /** Key-specific constants (the four strategies for ip-strategy). */
  readonly constants: readonly string[];
  readonly expression: boolean;
}

const SENDER = [
  "sender",
  "sender_domain",
  "priority",
  "retry_num",
  "notify_num",
  "expires_in",
  "last_status",
  "last_error",
];
const RCPT = [...SENDER, "rcpt_domain", "recipients"];
const MX = [...RCPT, "mx"];
const HOST = [...MX, "rcpt", "remote_ip", "local_ip"];

export const VARIABLE_SETS: Readonly<Record<string, readonly string[]>> = {
  SENDER,
  RCPT,
  MX,
  HOST,
};

export const STRATEGIES = ["ipv4_only", "ipv6_only", "ipv4_then_ipv6", "ipv6_then_ipv4"] as const;

const s = (
  key: string,
  description: string,
  defaultValue: string,
  variables: readonly string[],
  constants: readonly string[] = [],
  expression = true,
): SettingInfo => ({ key, description, defaultValue, variables, constants, expression });

/** shared/spec/stalwart-outbound.md §1. */
export const SETTINGS: readonly SettingInfo[] = [
  s(
    "queue.outbound.ip-strategy",
    "Which remote address families are tried, and in which order. Evaluated once per MX host.",
    "ipv4_then_ipv6",
    SENDER,
    STRATEGIES,
  ),
  s(
    "queue.outbound.source-ip.v4",
    "Local IPv4 addresses to bind; one is picked at random per host (not per connection, before v0.13). Must be an expression string, e.g. \"['192.0.2.10', '192.0.2.11']\".",
    "(none: unbound, the OS chooses)",
    MX,
  ),
  s(
    "queue.outbound.source-ip.v6",
    "Local IPv6 addresses to bind; one is picked at random per host. Expression string, e.g. \"['2001:db8::a']\".",
    "(none: unbound, the OS chooses)",
    MX,
  ),
  s("queue.outbound.limits.mx", "Maximum number of MX hosts tried (0 = no limit).", "5", RCPT),
  s(
    "queue.outbound.limits.multihomed",
    "Maximum number of IP addresses tried per host, after ordering: with 2 A records and the default 2, IPv6 is never reached.",
    "2",
    RCPT,
  ),
  s(
    "queue.outbound.next-hop",
    "Name of a remote.<id> relay, 'local', or false for MX resolution.",
    "if is_local_domain('*', rcpt_domain) then 'local' else false",
    RCPT,
  ),
  s("queue.outbound.hostname", "EHLO hostname.", "config_get('server.hostname')", SENDER),
  s(
    "queue.schedule.retry",
    "Delays between retries; retry n waits schedule[min(n, len-1)].",
    "[2m, 5m, 10m, 15m, 30m, 1h, 2h]",
    HOST,
  ),
  s("queue.schedule.notify", "When delay notifications are sent.", "[1d, 3d]", RCPT),
  s("queue.schedule.expire", "When the message expires.", "5d", RCPT),
  s("server.hostname", "This server's host name (read by config_get).", "", [], [], false),
];

/** Every variable Stalwart knows (the expression console with no key). */
export const ALL_VARIABLES: readonly string[] = [
  "rcpt",
  "rcpt_domain",
  "sender",
  "sender_domain",
  "mx",
  "helo_domain",
  "authenticated_as",
  "listener",
  "remote_ip",
  "local_ip",
  "priority",
  "local_port",
  "remote_port",
  "protocol",
  "is_tls",
  "recipients",
  "retry_num",
  "notify_num",
  "expires_in",
  "last_status",
  "last_error",
  "url",
  "url_path",
  "headers",
  "method",
  "asn",
  "country",
];

/** Name → number of arguments (shared/spec/stalwart-outbound.md §4). */
export const FUNCTION_ARITY: ReadonlyMap<string, number> = new Map(
  Object.entries({
    count: 1,
    sort: 2,
    dedup: 1,
    winnow: 1,
    is_intersect: 2,
    is_email: 1,
    email_part: 2,
    is_empty: 1,
    is_number: 1,
    is_ip_addr: 1,
    is_ipv4_addr: 1,
    is_ipv6_addr: 1,
    ip_reverse_name: 1,
    trim: 1,
    trim_end: 1,
    trim_start: 1,
    len: 1,
    to_lowercase: 1,
    to_uppercase: 1,
    is_uppercase: 1,
    is_lowercase: 1,
    has_digits: 1,
    count_spaces: 1,
    count_uppercase: 1,
    count_lowercase: 1,
    count_chars: 1,
    contains: 2,
    contains_ignore_case: 2,
    eq_ignore_case: 2,
    starts_with: 2,
    ends_with: 2,
    lines: 1,
    substring: 3,
    strip_prefix: 2,
    strip_suffix: 2,
    split: 2,
    rsplit: 2,
    split_once: 2,
    rsplit_once: 2,
    split_n: 3,
    split_words: 1,
    hash: 2,
    if_then: 3,
    matches: 2,
    config_get: 1,
    is_local_domain: 2,
    is_local_address: 2,
    key_get: 2,
    key_exists: 2,
    key_set: 3,
    counter_incr: 3,
    counter_get: 2,
    dns_query: 2,
    sql_query: 3,
  }),
);

export function settingFor(key: string): SettingInfo | undefined {
  return SETTINGS.find((x) => x.key === key);
}

/**
 * Live diagnostics for the editor. Loaded lazily with the editor chunk.
 */
export async function analyze(text: string): Promise<readonly Diagnostic[]> {
  const { parse, TomlError } = await import("smol-toml");
  try {
    parse(text);
    return [];
  } catch (e) {
    if (e instanceof TomlError) {
      const lines = text.split("\n");
      let offset = 0;
      for (let i = 0; i < e.line - 1 && i < lines.length; i++)
        offset += (lines[i]?.length ?? 0) + 1;
      offset += Math.max(0, e.column - 1);
      return [
        {
          severity: "error",
          code: "toml_syntax",
          message: e.message.split("\n")[0] ?? "Invalid TOML",
          start: offset,
          end: offset + 1,
        },
      ];
    }
    return [];
  }
}

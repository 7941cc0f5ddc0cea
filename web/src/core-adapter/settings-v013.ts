/**
 * The Stalwart v0.13–v0.15 outbound keys as the editor shows them (completion, hover):
 * the four strategy selectors with their variable sets, which come from the core
 * (models/strategy-tokens.ts, what the reader parses them with), and the named
 * definitions (`queue.route.<id>`, `queue.connection.<id>` …) with their defaults and
 * quirks as Stalwart's reader has them (spec stalwart-strategy.md §1.1–§1.3; the core has
 * the behaviour, this is the prose). `<id>` is any name, `<ip>` an address.
 */
import { IP_STRATEGIES } from "../../../functions/core/config/settings";
import {
  SELECTOR_VARIABLES,
  STRATEGY_VARIABLES,
} from "../../../functions/core/models/strategy-tokens";

export interface KeyInfo {
  /** The key with `<id>` / `<ip>` standing for a name of the user's. */
  readonly pattern: string;
  readonly description: string;
  readonly defaultValue: string;
  /** An expression's variables (the selectors); empty for plain values. */
  readonly variables: readonly string[];
  /** Values to complete at `key = `, as written in TOML. */
  readonly values: readonly string[];
  /** What those values are, when their form needs saying. */
  readonly valueDetail?: string;
  readonly docs: string;
}

/** stalw.art keeps the v0.13–v0.15 pages under /docs/0.15/ (stalwartlabs/website). */
const DOCS = "https://stalw.art/docs/0.15/mta/outbound";
const quoted = (values: readonly string[]) => values.map((v) => `"${v}"`);

function selector(
  name: "route" | "connection" | "tls" | "schedule",
  description: string,
  defaultValue: string,
  values: readonly string[],
): KeyInfo {
  return {
    pattern: `queue.strategy.${name}`,
    description,
    defaultValue,
    variables: [...STRATEGY_VARIABLES[SELECTOR_VARIABLES[name]]],
    values: values.map((v) => `"'${v}'"`),
    valueDetail: "a name as an expression: quoted inside the string",
    docs: `${DOCS}/strategy`,
  };
}

function plain(
  pattern: string,
  description: string,
  defaultValue: string,
  values: readonly string[] = [],
  page = "routing",
): KeyInfo {
  return { pattern, description, defaultValue, variables: [], values, docs: `${DOCS}/${page}` };
}

const BOOL = ["true", "false"];
const TLS_MODES = quoted(["optional", "require", "disable"]);

const SELECTORS: readonly KeyInfo[] = [
  selector(
    "route",
    "The route each recipient takes: the id of a [queue.route.<id>] ('mx', 'local' or a relay). A name with no route behind it falls back to the built-in MX route, silently but for a log line (\"Gateway not found\").",
    `[{ if = "is_local_domain('*', rcpt_domain)", then = "'local'" }, { else = "'mx'" }]`,
    ["mx", "local"],
  ),
  selector(
    "connection",
    "The [queue.connection.<id>] a connection uses: its source IPs and EHLO name. Evaluated per remote IP, with local_ip the previous attempt's source address (0.0.0.0 at first).",
    "'default'",
    ["default"],
  ),
  selector(
    "tls",
    "The [queue.tls.<id>] a connection uses (STARTTLS, DANE, MTA-STS). Evaluated per remote IP.",
    `[{ if = "retry_num > 0 && last_error == 'tls'", then = "'invalid-tls'" }, { else = "'default'" }]`,
    ["default", "invalid-tls"],
  ),
  selector(
    "schedule",
    "The [queue.schedule.<id>] a recipient is queued with: its virtual queue, retry intervals, notifications and expiry.",
    `local / dsn / report by source, else 'remote'`,
    ["remote", "local", "dsn", "report"],
  ),
];

const ROUTE = "queue.route.<id>";
const CONNECTION = "queue.connection.<id>";
const TIMEOUTS = ["connect", "greeting", "ehlo", "mail-from", "rcpt-to", "data"];

const DEFINITIONS: readonly KeyInfo[] = [
  plain(
    `${ROUTE}.type`,
    "mx (MX lookup), relay (one host) or local. A route exists only when it has a type; any other value drops the route.",
    "(required)",
    quoted(["mx", "relay", "local"]),
  ),
  plain(
    `${ROUTE}.ip-lookup`,
    "mx routes: which address families are looked up, in which order.",
    "ipv4_then_ipv6",
    quoted(IP_STRATEGIES),
  ),
  plain(`${ROUTE}.limits.mx`, "mx routes: MX hosts tried at most (0 = no limit).", "5"),
  plain(`${ROUTE}.limits.multihomed`, "mx routes: addresses tried per host, after ordering.", "2"),
  plain(
    `${ROUTE}.address`,
    "relay routes: the host, used verbatim as a DNS name (before v0.16 an IP literal is looked up as a name too). Without it the route is dropped.",
    "(required)",
  ),
  plain(`${ROUTE}.port`, "relay routes: the port.", "25"),
  plain(`${ROUTE}.protocol`, "relay routes: smtp or lmtp.", "smtp", quoted(["smtp", "lmtp"])),
  plain(
    `${ROUTE}.tls.implicit`,
    "relay routes: TLS from the first byte (else STARTTLS). The default flipped to true in v0.13.",
    "true",
    BOOL,
  ),
  plain(`${ROUTE}.tls.allow-invalid-certs`, "relay routes: accept any certificate.", "false", BOOL),
  plain(
    `${ROUTE}.auth.username`,
    "relay routes: AUTH is sent with a username and a secret.",
    "(none)",
  ),
  plain(`${ROUTE}.auth.secret`, "relay routes: the AUTH secret.", "(none)"),
  {
    ...plain(
      `${CONNECTION}.source-ips`,
      "Local addresses to bind, a TOML list of plain addresses (not an expression): one of the remote address's family is picked at random per attempt. A block with only source-ips is never registered (v0.13–v0.15): give it an ehlo-hostname or a timeout.",
      "[] (unbound: the OS chooses)",
      [`["192.0.2.10"]`, `["192.0.2.10", "2001:db8::a"]`],
      "connection",
    ),
    valueDetail: "a TOML list of plain addresses (not an expression string)",
  },
  plain(
    `${CONNECTION}.ehlo-hostname`,
    "The EHLO name of this connection's source addresses without one of their own (a plain name, not an expression).",
    "the server hostname",
    [],
    "connection",
  ),
  ...TIMEOUTS.map((t) =>
    plain(
      `${CONNECTION}.timeout.${t}`,
      `Timeout of the ${t} phase.`,
      t === "data" ? "10m" : "5m",
      [],
      "connection",
    ),
  ),
  plain(
    "queue.source-ip.<ip>.ehlo-hostname",
    'The EHLO name for connections from this source address (written as Stalwart prints it: IPv6 quoted and compressed, [queue.source-ip."2001:db8::a"]).',
    "the connection's ehlo-hostname",
    [],
    "connection",
  ),
  plain(
    "queue.tls.<id>.starttls",
    "STARTTLS: optional, require or disable.",
    "optional",
    TLS_MODES,
    "tls",
  ),
  plain("queue.tls.<id>.dane", "DANE: optional, require or disable.", "optional", TLS_MODES, "tls"),
  plain(
    "queue.tls.<id>.mta-sts",
    "MTA-STS: optional, require or disable.",
    "optional",
    TLS_MODES,
    "tls",
  ),
  plain("queue.tls.<id>.allow-invalid-certs", "Accept any certificate.", "false", BOOL, "tls"),
  plain(
    "queue.schedule.<id>.retry",
    "Retry intervals: retry n waits retry[min(n, len-1)].",
    "(required)",
    [`["2m", "5m", "10m", "15m", "30m", "1h", "2h"]`],
    "schedule",
  ),
  plain(
    "queue.schedule.<id>.notify",
    "When delay notifications are sent.",
    "(none)",
    [],
    "schedule",
  ),
  plain(
    "queue.schedule.<id>.expire",
    "When the message is given up (a duration).",
    "5d",
    [],
    "schedule",
  ),
  plain("queue.schedule.<id>.queue-name", "The virtual queue.", "(required)", [], "schedule"),
];

export const V013_KEYS: readonly KeyInfo[] = [...SELECTORS, ...DEFINITIONS];

/** The selectors' keys: v0.13–v0.15 TOML, and the v0.16 registry's fields (the console). */
export const SELECTOR_KEYS: Readonly<Record<"v0.13" | "v0.16", readonly string[]>> = {
  "v0.13": SELECTORS.map((k) => k.pattern),
  "v0.16": SELECTORS.map((k) => k.pattern.replace("queue.strategy.", "MtaOutboundStrategy.")),
};

/** Every variable Stalwart v0.13–v0.15 knows (an expression outside a selector). */
export const V013_VARIABLES: readonly string[] = [...STRATEGY_VARIABLES.ALL];

/** A pattern (or its first `n` dotted parts) as a regex: `<id>` is one part, `<ip>` any. */
function patternRegex(pattern: string): RegExp {
  const parts = pattern
    .split(".")
    .map((p) => (p === "<id>" ? "[^.]+" : p === "<ip>" ? ".+" : p.replace(/[-]/g, "\\-")));
  return new RegExp(`^${parts.join("\\.")}$`);
}

/** The key info of a full key (`queue.route.relay.address`), if it is one. */
export function v013KeyFor(key: string): KeyInfo | undefined {
  return V013_KEYS.find((k) => patternRegex(k.pattern).test(key));
}

/**
 * The keys that may be written inside `[table]`, relative to it: in
 * `[queue.route.relay]`, `type`, `address`, …; at the top, the whole patterns.
 */
export function v013KeysIn(table: string): { readonly rel: string; readonly info: KeyInfo }[] {
  if (table === "") return V013_KEYS.map((info) => ({ rel: info.pattern, info }));
  const out: { rel: string; info: KeyInfo }[] = [];
  for (const info of V013_KEYS) {
    const parts = info.pattern.split(".");
    for (let n = parts.length - 1; n > 0; n--) {
      if (patternRegex(parts.slice(0, n).join(".")).test(table)) {
        out.push({ rel: parts.slice(n).join("."), info });
        break;
      }
    }
  }
  return out;
}

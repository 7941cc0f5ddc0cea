/**
 * The expression language of each Stalwart version, carried by the token map
 * (`TokenMap.dialect`). v0.12 and v0.13–v0.15 share one language (only the variable sets
 * of their settings differ); v0.16 changed what a word may be
 * (crates/common/src/expr/tokenizer.rs @v0.16.18:305-380):
 * - `is_local_domain` and `is_local_address` take one argument (the domain or address),
 *   `is_ip_in_cidr(ip, cidr)` is new (v0.16.5), `config_get(…)` is gone: the word is then
 *   no function, so `Invalid variable or constant "config_get"`;
 * - `system('hostname' | 'domain' | 'node_id' | 'node_hostname' | 'node_role')` and
 *   `metric('<name>')` read the server, with their literal read by the tokenizer;
 * - a variable Stalwart knows but the setting does not allow is
 *   `Variable "x" not allowed in this context`; every constant is allowed;
 * - a duration is digits then a unit, zero included (registry `Duration::from_str`).
 */
import { PURE_FUNCTIONS, SERVER_FUNCTIONS } from "./catalog";
import { str, type Value } from "./value";

export type Dialect = "v0.12" | "v0.13" | "v0.16";

/** v0.16's `FUNCTIONS` and `ASYNC_FUNCTIONS` (functions/mod.rs @v0.16.18:39-106). */
export const V016_FUNCTION_ARITY: ReadonlyMap<string, number> = new Map([
  ...PURE_FUNCTIONS,
  ["is_ip_in_cidr", 2],
  ...SERVER_FUNCTIONS.map(([name, arity]): [string, number] => [
    name,
    name === "is_local_domain" || name === "is_local_address" ? 1 : arity,
  ]),
]);

/** Every variable v0.16 knows (`ExpressionVariable::parse`, registry enums_impl.rs:3673). */
export const V016_VARIABLES: ReadonlySet<string> = new Set(
  (
    "asn attributes authenticated_as authority bcc bcc.domain bcc.local bcc.name body " +
    "body.html body.raw body.text body.words cc cc.domain cc.local cc.name country domain " +
    "email email_lower env_from env_from.domain env_from.local env_to expires_in from " +
    "from.domain from.local from.name headers helo_domain host ip ip_reverse is_tls is_v4 " +
    "is_v6 last_error last_status listener local local_ip local_port location method mx " +
    "name name_lower notify_num octets path path_query port priority protocol query " +
    "queue_age queue_name raw raw_lower rcpt rcpt_domain received_from_ip received_via_port " +
    "recipients remote_ip remote_ip.ptr remote_port reply_to reply_to.domain reply_to.local " +
    "reply_to.name retry_num reverse_ip scheme sender sender_domain size sld source subject " +
    "subject.thread subject.words to to.domain to.local to.name url url_original value " +
    "value_lower"
  ).split(" "),
);

/**
 * Every constant v0.16 knows (`ExpressionConstant::parse`, enums_impl.rs:3572), allowed
 * everywhere. Stalwart evaluates one to a value of its own kind; here it reads as its
 * name, a string (the outbound selectors want a string and never compare constants).
 */
export const V016_CONSTANTS: ReadonlyMap<string, Value> = new Map(
  (
    "relaxed strict disable optional require ipv4_only ipv6_only ipv6_then_ipv4 " +
    "ipv4_then_ipv6 hourly daily weekly login plain xoauth2 oauthbearer mixer stanag4406 nsep"
  )
    .split(" ")
    .map((name) => [name, str(name)] as const),
);

/** The names `system('…')` accepts (tokenizer.rs @v0.16.18:112-125; two from v0.16.1). */
export const SYSTEM_VARIABLES: ReadonlySet<string> = new Set([
  "domain",
  "hostname",
  "node_id",
  "node_hostname",
  "node_role",
]);

/**
 * A metric name's shape (`trc::MetricType::parse` knows a few hundred, `delivery.attempt-
 * time` and the like; the playground carries no copy of the list and reads every metric
 * as 0).
 */
export const METRIC_NAME = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

const V016_FORMS: readonly string[] = ["system", "metric"];
const V012_FORMS: readonly string[] = ["config_get"];

/** The special forms whose string literal the tokenizer reads right after `name(`. */
export function literalForms(dialect: Dialect | undefined): readonly string[] {
  return dialect === "v0.16" ? V016_FORMS : V012_FORMS;
}

/**
 * Names and arities of the expression language's functions (Stalwart's `FUNCTIONS` and
 * `ASYNC_FUNCTIONS` tables, plus the `matches`/`config_get` special forms), and every
 * variable Stalwart knows (`VARIABLES_MAP`). Kept apart from the implementations so the
 * tokenizer and the editor's completion can use them cheaply.
 */

/** Pure functions: the implementation lives in functions/*.ts. */
export const PURE_FUNCTIONS: readonly (readonly [string, number])[] = [
  ["count", 1],
  ["sort", 2],
  ["dedup", 1],
  ["winnow", 1],
  ["is_intersect", 2],
  ["is_email", 1],
  ["email_part", 2],
  ["is_empty", 1],
  ["is_number", 1],
  ["is_ip_addr", 1],
  ["is_ipv4_addr", 1],
  ["is_ipv6_addr", 1],
  ["ip_reverse_name", 1],
  ["trim", 1],
  ["trim_end", 1],
  ["trim_start", 1],
  ["len", 1],
  ["to_lowercase", 1],
  ["to_uppercase", 1],
  ["is_uppercase", 1],
  ["is_lowercase", 1],
  ["has_digits", 1],
  ["count_spaces", 1],
  ["count_uppercase", 1],
  ["count_lowercase", 1],
  ["count_chars", 1],
  ["contains", 2],
  ["contains_ignore_case", 2],
  ["eq_ignore_case", 2],
  ["starts_with", 2],
  ["ends_with", 2],
  ["lines", 1],
  ["substring", 3],
  ["strip_prefix", 2],
  ["strip_suffix", 2],
  ["split", 2],
  ["rsplit", 2],
  ["split_once", 2],
  ["rsplit_once", 2],
  ["split_n", 3],
  ["split_words", 1],
  ["hash", 2],
  ["if_then", 3],
];

/** Functions that need the server (Stalwart's `ASYNC_FUNCTIONS`). */
export const SERVER_FUNCTIONS: readonly (readonly [string, number])[] = [
  ["is_local_domain", 2],
  ["is_local_address", 2],
  ["key_get", 2],
  ["key_exists", 2],
  ["key_set", 3],
  ["counter_incr", 3],
  ["counter_get", 2],
  ["dns_query", 2],
  ["sql_query", 3],
];

/** Every callable name with its arity, special forms included (for completion). */
export const FUNCTION_ARITY: ReadonlyMap<string, number> = new Map([
  ...PURE_FUNCTIONS,
  ...SERVER_FUNCTIONS,
  ["matches", 2],
  ["config_get", 1],
]);

/** Every variable Stalwart knows (crates/common/src/expr/mod.rs `VARIABLES_MAP`, spec §1). */
export const ALL_VARIABLES: ReadonlySet<string> = new Set([
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
]);

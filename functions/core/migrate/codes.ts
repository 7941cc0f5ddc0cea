/**
 * The codes of a migration's notes (POST /api/migrate `notes[].code`). Tests assert these
 * codes, never the messages. Besides these, a note may carry a code of the v0.12 model's
 * own diagnostics (e.g. `if_block_missing_else`) where v0.12 itself does something else
 * than the config says.
 */
export const MigrateCode = {
  // What could not be carried over as written.
  /** A value that depends on the message: v0.13+ definitions hold plain values. */
  ValueNotStatic: "migrate_value_not_static",
  /** A value that fails whenever v0.12 evaluates it: its fallback is carried over. */
  ValueFails: "migrate_value_fails",
  /** A value v0.12 cannot use (wrong type or unknown word): its fallback is carried over. */
  ValueUnusable: "migrate_value_unusable",
  /** A condition that reads a variable the target selector does not have: the branch is left out. */
  ConditionDropped: "migrate_condition_dropped",
  /** An input key under queue.outbound / queue.schedule / remote that nothing reads. */
  KeyNotCarried: "migrate_key_not_carried",
  /** A v0.13+ key in the input, left out of the migration. */
  V013KeyLeftOut: "migrate_v013_key_left_out",
  /** v0.16: `is_local_domain`/`is_local_address` lost their first argument (the directory). */
  LocalDirectoryDropped: "migrate_local_directory_dropped",
  /** v0.16: `config_get()` is gone; only `server.hostname` has a replacement (`system('hostname')`). */
  ConfigGetUnavailable: "migrate_config_get_unavailable",
  /** A value the target refuses (v0.16 minimums, host names): the nearest accepted one is written. */
  ValueAdjusted: "migrate_value_adjusted",

  // Relays.
  /** next-hop names a relay that has no `remote.<id>.address`: v0.12 used MX delivery. */
  RelayUnknown: "migrate_relay_unknown",
  /** A `remote.<id>` no next-hop branch selects: carried over, unused. */
  RelayUnused: "migrate_relay_unused",
  /** A relay whose protocol is http/https: local delivery in v0.12, a `local` route now. */
  RelayHttpLocal: "migrate_relay_http_local",
  /** A relay protocol other than smtp/lmtp (imap, pop3, …): v0.12 spoke LMTP to it. */
  RelayProtocolLmtp: "migrate_relay_protocol_lmtp",
  /** `remote.mx`: renamed, since v0.13+ has an MX route of that name. */
  RelayRenamed: "migrate_relay_renamed",
  /** The relay's password, carried over in clear as it was written. */
  RelaySecret: "migrate_relay_secret",

  // Behaviour that changes although the keys map cleanly (issue 15, Deliver 1).
  SourceIpPerAttempt: "migrate_source_ip_per_attempt",
  MixedFamilySources: "migrate_mixed_family_sources",
  ImplicitTlsDefault: "migrate_implicit_tls_default",
  MxRouteDefaults: "migrate_mx_route_defaults",
  StarttlsDefault: "migrate_starttls_default",
  ConnectionDiscovery: "migrate_connection_discovery",
  RelayIpLiteral: "migrate_relay_ip_literal",
  RelayLoopback: "migrate_relay_loopback",
  RouteGroupsMerge: "migrate_route_groups_merge",
  RelayIpLookup: "migrate_relay_ip_lookup",
  ScheduleSplit: "migrate_schedule_split",
  ServerHostname: "migrate_server_hostname",
} as const;
export type MigrateCode = (typeof MigrateCode)[keyof typeof MigrateCode];

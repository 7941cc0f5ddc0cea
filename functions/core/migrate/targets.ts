/**
 * What the v0.13+ side offers a migrated condition: the variables of the RCPT selectors
 * (route, schedule), spec stalwart-strategy.md §1.1 (crates/common/src/config/smtp/mod.rs
 * @v0.13.0 `SMTP_QUEUE_RCPT_VARS`, unchanged in v0.16: en.rs:3618), and v0.13's own
 * schedule branches for local delivery, DSNs and reports (queue.rs @v0.13.0:189-247).
 */
import type { TokenMap } from "../expr/types";
import type { Condition } from "./types";

export const TARGET_RCPT_VARIABLES: ReadonlySet<string> = new Set([
  "rcpt",
  "rcpt_domain",
  "recipients",
  "sender",
  "sender_domain",
  "priority",
  "retry_num",
  "notify_num",
  "expires_in",
  "last_status",
  "last_error",
  "queue_name",
  "queue_age",
  "received_from_ip",
  "received_via_port",
  "source",
  "size",
]);

const RCPT_TOKENS: TokenMap = { variables: TARGET_RCPT_VARIABLES, constants: new Map() };

const builtin = (source: string, pick: string) => ({
  when: [{ source, tokens: RCPT_TOKENS, origin: { key: "queue.strategy.schedule" } }] as const,
  pick,
});

/** v0.13's schedule branches that come before the remote schedule (boot defaults name them). */
export const OWN_SCHEDULE_BRANCHES: readonly {
  readonly when: readonly Condition[];
  readonly pick: string;
}[] = [
  builtin("is_local_domain('*', rcpt_domain)", "local"),
  builtin("source == 'dsn'", "dsn"),
  builtin("source == 'report'", "report"),
];

/**
 * Stalwart's variable sets (crates/common/src/config/smtp/mod.rs `SMTP_QUEUE_*_VARS`, as
 * spec §1 lists them for v0.12) and every variable it knows (`VARIABLES_MAP` in
 * crates/common/src/expr/mod.rs). A variable outside a key's set is a parse error.
 */
export type VariableSetName = "SENDER" | "RCPT" | "MX" | "HOST";

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

export const VARIABLE_SETS: Readonly<Record<VariableSetName, ReadonlySet<string>>> = Object.freeze({
  SENDER: new Set(SENDER),
  RCPT: new Set(RCPT),
  MX: new Set(MX),
  HOST: new Set(HOST),
});

/** Every variable Stalwart knows (`VARIABLES_MAP`): the expression console without a key. */
export { ALL_VARIABLES } from "../expr/catalog";

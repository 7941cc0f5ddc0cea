/**
 * zod schemas of the Stalwart v0.16 registry objects the outbound plan reads: field names,
 * enums, defaults and checks as v0.16.18 has them. Sources (@v0.16.18):
 * - fields and their JSON names: crates/registry/src/schema/structs.rs (Expression 2861-2876,
 *   MtaConnectionIpHost 3513, MtaConnectionStrategy 3522, MtaOutboundStrategy 3713,
 *   MtaTlsStrategy 3918, SystemSettings 5458; routes in registry-route.ts, schedules in
 *   registry-schedule.ts);
 * - defaults and `validate()` bounds: structs_impl.rs (the `Default` and `validate` impls
 *   of each struct, e.g. MtaRouteMx 27818-27876, MtaRouteRelay 27920-27985);
 * - enum names: enums.rs 1405-1460 and their `EnumImpl::parse` in enums_impl.rs;
 * - descriptions: resources/schema/schema.json.gz (`fields`).
 * The expression defaults are those of MtaOutboundStrategy's `ctx_*` (structs_impl.rs 27225).
 */
import * as z from "zod/mini";
import { described } from "../../zod-describe";
import {
  bool,
  description,
  duration,
  enumOf,
  hostname,
  ipAddress,
  name,
  serverId,
  text,
} from "./fields";
import { list } from "./list";

export const ExpressionMatchSchema = z.strictObject({
  if: described(text("if"), "If condition"),
  // biome-ignore lint/suspicious/noThenProperty: Stalwart's field name; never awaited.
  then: described(text("then"), "Then clause"),
});

export const ExpressionSchema = z.strictObject({
  match: described(
    z._default(list(ExpressionMatchSchema), () => []),
    'List of conditions and their corresponding results, keyed "0", "1", …',
  ),
  else: described(text("else"), "Else condition"),
});
export type Expression = z.output<typeof ExpressionSchema>;

const expression = (fallback: Expression, what: string) =>
  described(
    z._default(ExpressionSchema, () => ({
      match: fallback.match.map((m) => ({ ...m })),
      else: fallback.else,
    })),
    what,
  );

/** One `{if, then}` branch. */
export function branch(condition: string, result: string): Expression["match"][number] {
  // biome-ignore lint/suspicious/noThenProperty: Stalwart's field name; never awaited.
  return { if: condition, then: result };
}

const isLocal = branch("is_local_domain(rcpt_domain)", "'local'");

/** The context defaults of `MtaOutboundStrategy::ctx_*`, used for a missing or refused field. */
export const OUTBOUND_DEFAULTS = {
  route: { match: [isLocal], else: "'mx'" },
  connection: { match: [], else: "'default'" },
  tls: {
    match: [branch("retry_num > 0 && last_error == 'tls'", "'invalid-tls'")],
    else: "'default'",
  },
  schedule: {
    match: [isLocal, branch("source == 'dsn'", "'dsn'"), branch("source == 'report'", "'report'")],
    else: "'remote'",
  },
} satisfies Record<string, Expression>;

export const MtaOutboundStrategySchema = z.strictObject({
  id: serverId,
  route: expression(
    OUTBOUND_DEFAULTS.route,
    "An expression that returns the route name to use when delivering queued messages (recipient variables)",
  ),
  connection: expression(
    OUTBOUND_DEFAULTS.connection,
    "An expression that returns the connection strategy to use when delivering messages to remote SMTP servers (host variables: also mx, remote_ip, local_ip)",
  ),
  tls: expression(
    OUTBOUND_DEFAULTS.tls,
    "An expression that returns the TLS strategy to use when delivering messages to remote SMTP servers (host variables)",
  ),
  schedule: expression(
    OUTBOUND_DEFAULTS.schedule,
    "An expression that returns the scheduling strategy to use when queueing messages (recipient variables)",
  ),
});

export {
  type MtaRoute,
  MtaRouteLocalSchema,
  MtaRouteMxSchema,
  MtaRouteRelaySchema,
  MtaRouteSchema,
  SecretKeyOptionalSchema,
} from "./registry-route";

export const MtaConnectionIpHostSchema = z.strictObject({
  sourceIp: described(
    ipAddress("sourceIp"),
    "Local IPv4 or IPv6 address to use when delivering emails to remote SMTP servers",
  ),
  ehloHostname: described(
    hostname("ehloHostname"),
    "Overrides the EHLO hostname used when connecting from this IP address",
  ),
});

/** A timeout in ms, with its default and what it waits for. */
const timeout = (field: string, ms: number, what: string) =>
  described(z._default(duration(field), ms), what);

export const MtaConnectionStrategySchema = z.strictObject({
  id: serverId,
  name: name("strategy"),
  description: description("connection strategy"),
  ehloHostname: described(
    hostname("ehloHostname"),
    "Overrides the EHLO hostname used when connecting using this strategy",
  ),
  sourceIps: described(
    z._default(list(MtaConnectionIpHostSchema), () => []),
    "Local IPv4 and IPv6 addresses to use when delivering emails to remote SMTP servers",
  ),
  connectTimeout: timeout(
    "connectTimeout",
    300_000,
    "Maximum time to wait for the connection to be established (ms)",
  ),
  greetingTimeout: timeout(
    "greetingTimeout",
    300_000,
    "Maximum time to wait for the SMTP greeting message (ms)",
  ),
  ehloTimeout: timeout(
    "ehloTimeout",
    300_000,
    "Maximum time to wait for the EHLO command response (ms)",
  ),
  mailFromTimeout: timeout(
    "mailFromTimeout",
    300_000,
    "Maximum time to wait for the MAIL-FROM command response (ms)",
  ),
  rcptToTimeout: timeout(
    "rcptToTimeout",
    300_000,
    "Maximum time to wait for the RCPT-TO command response (ms)",
  ),
  dataTimeout: timeout(
    "dataTimeout",
    600_000,
    "Maximum time to wait for the DATA command response (ms)",
  ),
});
export type MtaConnectionStrategy = z.output<typeof MtaConnectionStrategySchema>;

const requiredOrOptional = (what: string) =>
  described(
    z._default(enumOf(["optional", "require", "disable"], "Optional"), "optional"),
    `Whether ${what} is required, optional, or disabled`,
  );

export const MtaTlsStrategySchema = z.strictObject({
  id: serverId,
  name: name("TLS strategy"),
  description: description("TLS strategy"),
  allowInvalidCerts: described(
    z._default(bool("allowInvalidCerts"), false),
    "Whether to allow connections to servers with invalid TLS certificates",
  ),
  dane: requiredOrOptional("DANE"),
  mtaSts: requiredOrOptional("MTA-STS"),
  startTls: requiredOrOptional("TLS support"),
  tlsTimeout: timeout(
    "tlsTimeout",
    180_000,
    "Maximum time to wait for the TLS handshake to complete (ms)",
  ),
  mtaStsTimeout: timeout(
    "mtaStsTimeout",
    300_000,
    "Maximum time to wait for the MTA-STS policy lookup to complete (ms)",
  ),
});
export type MtaTlsStrategy = z.output<typeof MtaTlsStrategySchema>;

export { type MtaDeliverySchedule, MtaDeliveryScheduleSchema } from "./registry-schedule";

/** Only `defaultHostname` is read (the EHLO name's last fallback); other fields pass. */
export const SystemSettingsSchema = z.looseObject({
  id: serverId,
  defaultHostname: described(
    text("defaultHostname"),
    "The default hostname to use in SMTP greetings, MTA reports and other places where a hostname is needed but not specified",
  ),
});
export type SystemSettings = z.output<typeof SystemSettingsSchema>;

/**
 * The ≤ v0.12 outbound settings the plan does not need but a migration must carry over:
 * `queue.outbound.tls.*` and `queue.outbound.timeouts.*` (crates/common/src/config/smtp/
 * queue.rs @v0.12.5 `QueueConfig::default` and `parse`). Their built-in defaults are the
 * expressions of `QueueConfig::default`; their fallbacks the `unwrap_or` of
 * crates/smtp/src/outbound/delivery.rs, which differ in places (STARTTLS defaults to
 * `require` but falls back to `optional`; `timeouts.data` defaults to 10m, falls back to 5m).
 */
import { isTruthy } from "../expr/coerce";
import type { Value } from "../expr/value";
import { durationMs } from "./convert";
import { setting, single, type TransportSettingId } from "./settings";

export type RequireOptional = "optional" | "require" | "disable";

/** `RequireOptional::add_constants`: the words a TLS setting may use. */
const REQUIRE_OPTIONAL_CONSTANTS: ReadonlyMap<string, Value> = new Map(
  (
    [
      ["optional", 2n],
      ["require", 1n],
      ["required", 1n],
      ["disable", 0n],
      ["disabled", 0n],
      ["none", 0n],
      ["false", 0n],
    ] as const
  ).map(([word, n]) => [word, { kind: "integer", value: n }] as const),
);

/** `TryFrom<Variable> for RequireOptional`: only the integers 2, 1 and 0 (a string fails). */
function toRequireOptional(v: Value): RequireOptional | undefined {
  if (v.kind !== "integer") return undefined;
  if (v.value === 2n) return "optional";
  if (v.value === 1n) return "require";
  return v.value === 0n ? "disable" : undefined;
}

const tls = <T>(
  id: TransportSettingId,
  name: string,
  variables: "MX" | "RCPT",
  builtin: string,
  fallback: T,
  convert: (v: Value) => T | undefined,
) =>
  setting(
    id,
    `queue.outbound.tls.${name}`,
    variables,
    single(builtin),
    fallback,
    convert,
    REQUIRE_OPTIONAL_CONSTANTS,
  );

const timeout = (id: TransportSettingId, name: string, builtin: string, fallbackMs: number) =>
  setting(id, `queue.outbound.timeouts.${name}`, "HOST", single(builtin), fallbackMs, durationMs);

export const TRANSPORT_SETTINGS = Object.freeze({
  tlsDane: tls("tlsDane", "dane", "MX", "optional", "optional", toRequireOptional),
  tlsMtaSts: tls("tlsMtaSts", "mta-sts", "RCPT", "optional", "optional", toRequireOptional),
  tlsStarttls: tls("tlsStarttls", "starttls", "MX", "require", "optional", toRequireOptional),
  tlsAllowInvalidCerts: setting(
    "tlsAllowInvalidCerts",
    "queue.outbound.tls.allow-invalid-certs",
    "MX",
    {
      // biome-ignore lint/suspicious/noThenProperty: Stalwart's word; never awaited.
      branches: [{ if: "retry_num > 0 && last_error == 'tls'", then: "true" }],
      else: "false",
    },
    false,
    // `bool::from(Variable)` is `to_bool`, which never fails.
    isTruthy,
  ),
  timeoutConnect: timeout("timeoutConnect", "connect", "5m", 300_000),
  timeoutGreeting: timeout("timeoutGreeting", "greeting", "5m", 300_000),
  timeoutTls: timeout("timeoutTls", "tls", "3m", 180_000),
  timeoutEhlo: timeout("timeoutEhlo", "ehlo", "5m", 300_000),
  timeoutMailFrom: timeout("timeoutMailFrom", "mail-from", "5m", 300_000),
  timeoutRcptTo: timeout("timeoutRcptTo", "rcpt-to", "5m", 300_000),
  timeoutData: timeout("timeoutData", "data", "10m", 300_000),
  timeoutMtaSts: timeout("timeoutMtaSts", "mta-sts", "10m", 600_000),
});

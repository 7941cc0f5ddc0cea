/**
 * What Stalwart v0.16 holds where the input gives nothing:
 * - the safe defaults it writes at start for each object type that has no object
 *   (`insert_safe_defaults`, crates/common/src/manager/defaults.rs @v0.16.18: schedules
 *   198-270, TLS strategies 285-304, routes 306-326, connection strategy 328-342) — note
 *   the `mx` route's `maxMxHosts: 2`, not the field default 5;
 * - `MtaOutboundStrategy::default()` (structs_impl.rs, the `ctx_*` expressions), a singleton
 *   that always exists;
 * - each field's default, from the same zod schemas that validate the input.
 * SystemSettings has no default here: `defaultHostname` is the machine's hostname at
 * bootstrap (defaults.rs:81-90), which the playground cannot know.
 */
import type * as z from "zod/mini";
import {
  MtaConnectionStrategySchema,
  MtaDeliveryScheduleSchema,
  MtaOutboundStrategySchema,
  MtaRouteSchema,
  MtaTlsStrategySchema,
} from "./registry";

/** The intervals of a schedule's `"@type": "Default"` retry and notify, in seconds (queue.rs @v0.16.18:279-300). */
export const DEFAULT_RETRY_SECONDS = [
  120, 300, 600, 900, 1800, 3600, 7200, 86_400, 259_200,
] as const;
export const DEFAULT_NOTIFY_SECONDS = [86_400, 259_200] as const;

const hours = (n: number) => ({ duration: n * 3_600_000 });

/** The objects written for a type with none, as plan `create` values would give them. */
const SAFE_DEFAULT_INPUT = {
  MtaRoute: [
    {
      "@type": "Mx",
      name: "mx",
      description: "MX delivery route",
      ipLookupStrategy: "v4ThenV6",
      maxMultihomed: 2,
      maxMxHosts: 2,
    },
    { "@type": "Local", name: "local", description: "Local delivery route" },
  ],
  MtaConnectionStrategy: [{ name: "default", description: "Default connection strategy" }],
  MtaTlsStrategy: [
    { name: "invalid-tls", description: "Allow invalid TLS certificates", allowInvalidCerts: true },
    { name: "default", description: "Default TLS settings", allowInvalidCerts: false },
  ],
  // Each on the virtual queue written with it (`insert_with_id` 0–3: local, remote, dsn, report).
  MtaDeliverySchedule: [
    {
      name: "local",
      description: "Local delivery schedule",
      queueId: "0",
      expiry: { "@type": "Ttl", expire: 259_200_000 },
    },
    {
      name: "remote",
      description: "Remote delivery schedule",
      queueId: "1",
      expiry: { "@type": "Ttl", expire: 259_200_000 },
    },
    {
      name: "dsn",
      description: "Delivery Status Notification delivery schedule",
      queueId: "2",
      expiry: { "@type": "Attempts", maxAttempts: 10 },
      retry: { "@type": "Custom", intervals: [hours(0.25), hours(0.5), hours(1), hours(2)] },
    },
    {
      name: "report",
      description: "DMARC and TLS report delivery schedule",
      queueId: "3",
      expiry: { "@type": "Attempts", maxAttempts: 8 },
      retry: { "@type": "Custom", intervals: [hours(0.5), hours(1), hours(2)] },
    },
  ],
} as const;

/**
 * The safe defaults, typed by the schemas. The report schedule's empty notify list is
 * written by Stalwart itself, though its own `validate()` refuses one from a user (at least
 * one interval), so it is set after parsing.
 */
export const SAFE_DEFAULTS = {
  MtaRoute: SAFE_DEFAULT_INPUT.MtaRoute.map((o) => MtaRouteSchema.parse(o)),
  MtaConnectionStrategy: SAFE_DEFAULT_INPUT.MtaConnectionStrategy.map((o) =>
    MtaConnectionStrategySchema.parse(o),
  ),
  MtaTlsStrategy: SAFE_DEFAULT_INPUT.MtaTlsStrategy.map((o) => MtaTlsStrategySchema.parse(o)),
  MtaDeliverySchedule: SAFE_DEFAULT_INPUT.MtaDeliverySchedule.map((o) => {
    const parsed = MtaDeliveryScheduleSchema.parse(o);
    // `notify: Custom(Default::default())`: custom, with no interval at all (defaults.rs:254).
    if (parsed.name !== "report") return parsed;
    return { ...parsed, notify: { "@type": "Custom" as const, intervals: [] } };
  }),
  MtaOutboundStrategy: MtaOutboundStrategySchema.parse({}),
};

/** The default of each field of an object schema (fields without one are left out). */
export function fieldDefaults(
  shape: Readonly<Record<string, z.ZodMiniType>>,
): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(shape)) {
    const result = schema.safeParse(undefined);
    if (result.success && result.data !== undefined) defaults[field] = result.data;
  }
  return defaults;
}

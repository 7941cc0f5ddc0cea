/**
 * `MtaDeliverySchedule` (crates/registry/src/schema/structs.rs @v0.16.18:3547-3604; defaults
 * and checks in structs_impl.rs, `impl MtaDeliveryExpiration…`): the retry and notify
 * intervals (or Stalwart's built-in ones) and when a message expires. `queueId` names the
 * virtual queue; Stalwart skips a schedule whose queue does not exist
 * (crates/common/src/config/smtp/queue.rs @v0.16.18:264-274).
 */
import { z } from "zod";
import { duration, optionalText, refusal, STALWART, text, unsigned } from "./fields";
import { list } from "./list";

/** The `Default` intervals, in seconds (queue.rs @v0.16.18:279-300). */
export const DEFAULT_RETRY_SECONDS = [
  120, 300, 600, 900, 1800, 3600, 7200, 86_400, 259_200,
] as const;
export const DEFAULT_NOTIFY_SECONDS = [86_400, 259_200] as const;

const tagError = (names: string) => (iss: { input?: unknown }) =>
  refusal(`"@type" ${names}`, iss.input, STALWART.objectType);

const intervals = z.strictObject({
  intervals: list(
    z.strictObject({
      duration: duration("duration")
        .default(3_600_000)
        .describe("Time interval for retries or notifications (ms)"),
    }),
  )
    .refine((l) => l.length >= 1, {
      error: (iss) =>
        refusal(
          "at least one interval",
          iss.input,
          "Property 'intervals' is below minimum length of 1",
        ),
    })
    .describe("List of intervals"),
});

const intervalsOrDefault = (what: string) =>
  z
    .discriminatedUnion(
      "@type",
      [
        z.strictObject({ "@type": z.literal("Default") }),
        intervals.extend({ "@type": z.literal("Custom") }),
      ],
      { error: tagError('"Default" or "Custom"') },
    )
    .default(() => ({ "@type": "Default" as const }))
    .describe(what);

export const MtaDeliveryScheduleSchema = z.strictObject({
  id: z
    .string()
    .optional()
    .describe("Object id set by the server (in JMAP get responses); not read"),
  name: text("name").describe("Short identifier for the schedule (unique, read-only once created)"),
  description: optionalText("description").describe("A short description of the schedule"),
  queueId: text("queueId").describe("The virtual queue (MtaVirtualQueue id) of this schedule"),
  retry: intervalsOrDefault("List of retry intervals for message delivery"),
  notify: intervalsOrDefault("List of delayed delivery DSN notification intervals"),
  expiry: z
    .discriminatedUnion(
      "@type",
      [
        z.strictObject({
          "@type": z.literal("Ttl"),
          expire: duration("expire")
            .default(259_200_000)
            .describe("Time after which an undelivered message expires (ms)"),
        }),
        z.strictObject({
          "@type": z.literal("Attempts"),
          maxAttempts: unsigned("maxAttempts", { min: 1 })
            .default(5)
            .describe("Maximum number of delivery attempts before the message fails"),
        }),
      ],
      { error: tagError('"Ttl" or "Attempts"') },
    )
    .default(() => ({ "@type": "Ttl" as const, expire: 259_200_000 }))
    .describe("Whether messages expire after a number of delivery attempts or after a time (TTL)"),
});
export type MtaDeliverySchedule = z.output<typeof MtaDeliveryScheduleSchema>;

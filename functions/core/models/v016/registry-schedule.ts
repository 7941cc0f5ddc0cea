/**
 * `MtaDeliverySchedule` (crates/registry/src/schema/structs.rs @v0.16.18:3547-3604; defaults
 * and checks in structs_impl.rs, `impl MtaDeliveryExpiration…`): the retry and notify
 * intervals (or Stalwart's built-in ones) and when a message expires. `queueId` names the
 * virtual queue; Stalwart skips a schedule whose queue does not exist
 * (crates/common/src/config/smtp/queue.rs @v0.16.18:264-274).
 */
import * as z from "zod";
import { description, duration, name, refusal, serverId, tagged, text, unsigned } from "./fields";
import { list } from "./list";

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
  tagged(
    [
      z.strictObject({ "@type": z.literal("Default") }),
      intervals.extend({ "@type": z.literal("Custom") }),
    ],
    '"Default" or "Custom"',
  )
    .default(() => ({ "@type": "Default" as const }))
    .describe(what);

export const MtaDeliveryScheduleSchema = z.strictObject({
  id: serverId,
  name: name("schedule"),
  description: description("schedule"),
  queueId: text("queueId").describe("The virtual queue (MtaVirtualQueue id) of this schedule"),
  retry: intervalsOrDefault("List of retry intervals for message delivery"),
  notify: intervalsOrDefault("List of delayed delivery DSN notification intervals"),
  expiry: tagged(
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
    '"Ttl" or "Attempts"',
  )
    .default(() => ({ "@type": "Ttl" as const, expire: 259_200_000 }))
    .describe("Whether messages expire after a number of delivery attempts or after a time (TTL)"),
});
export type MtaDeliverySchedule = z.output<typeof MtaDeliveryScheduleSchema>;

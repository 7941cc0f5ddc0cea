/**
 * `MtaDeliverySchedule` (crates/registry/src/schema/structs.rs @v0.16.18:3547-3604; defaults
 * and checks in structs_impl.rs, `impl MtaDeliveryExpiration…`): the retry and notify
 * intervals (or Stalwart's built-in ones) and when a message expires. `queueId` names the
 * virtual queue; Stalwart skips a schedule whose queue does not exist
 * (crates/common/src/config/smtp/queue.rs @v0.16.18:264-274).
 */
import * as z from "zod/mini";
import { described } from "../../zod-describe";
import { description, duration, name, refusal, serverId, tagged, text, unsigned } from "./fields";
import { list } from "./list";

const atLeastOne = z.refine<readonly unknown[]>((l) => l.length >= 1, {
  error: (iss) =>
    refusal(
      "at least one interval",
      iss.input,
      "Property 'intervals' is below minimum length of 1",
    ),
});

const intervals = z.strictObject({
  intervals: described(
    list(
      z.strictObject({
        duration: described(
          z._default(duration("duration"), 3_600_000),
          "Time interval for retries or notifications (ms)",
        ),
      }),
    ).check(atLeastOne),
    "List of intervals",
  ),
});

const intervalsOrDefault = (what: string) =>
  described(
    z._default(
      tagged(
        [
          z.strictObject({ "@type": z.literal("Default") }),
          z.extend(intervals, { "@type": z.literal("Custom") }),
        ],
        '"Default" or "Custom"',
      ),
      () => ({ "@type": "Default" as const }),
    ),
    what,
  );

const expiry = tagged(
  [
    z.strictObject({
      "@type": z.literal("Ttl"),
      expire: described(
        z._default(duration("expire"), 259_200_000),
        "Time after which an undelivered message expires (ms)",
      ),
    }),
    z.strictObject({
      "@type": z.literal("Attempts"),
      maxAttempts: described(
        z._default(unsigned("maxAttempts", { min: 1 }), 5),
        "Maximum number of delivery attempts before the message fails",
      ),
    }),
  ],
  '"Ttl" or "Attempts"',
);

export const MtaDeliveryScheduleSchema = z.strictObject({
  id: serverId,
  name: name("schedule"),
  description: description("schedule"),
  queueId: described(text("queueId"), "The virtual queue (MtaVirtualQueue id) of this schedule"),
  retry: intervalsOrDefault("List of retry intervals for message delivery"),
  notify: intervalsOrDefault("List of delayed delivery DSN notification intervals"),
  expiry: described(
    z._default(expiry, () => ({ "@type": "Ttl" as const, expire: 259_200_000 })),
    "Whether messages expire after a number of delivery attempts or after a time (TTL)",
  ),
});
export type MtaDeliverySchedule = z.output<typeof MtaDeliveryScheduleSchema>;

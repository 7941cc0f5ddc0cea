/**
 * The request bodies of POST /api/evaluate and POST /api/expression (shared/spec/api.md).
 * The same zod schemas validate requests in the Worker, generate /api/openapi.json and
 * type the playground's state, so none of them can drift from what is enforced.
 * Objects are strict: an unknown field is a 400 `unknown_field`, never silently ignored.
 */
import * as z from "zod/mini";
import { ChecksSchema } from "../deliverability/types";
import { LIMITS } from "../limits";
import { described } from "../zod-describe";
import { LAST_ERRORS, QUERY_TYPES, RESOLVER_NAMES, SOURCES, WHATIF_RCODES } from "./names";
import { RequestedModelSchema } from "./strategy";

export * from "./names";

const shortText = (max: number) => z.string().check(z.maxLength(max));
const intIn = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
/** At most ten years, in seconds. */
const TEN_YEARS = 10 * 365 * 86400;

export const ContextSchema = described(
  z.strictObject({
    domain: described(shortText(1024), "Recipient domain; IDNs are converted to their ASCII form."),
    retry_num: z.optional(intIn(0, 1_000_000)),
    notify_num: z.optional(intIn(0, 1_000_000)),
    priority: z.optional(intIn(-1_000_000, 1_000_000)),
    expires_in: described(z.optional(intIn(0, TEN_YEARS)), "Seconds."),
    sender: described(z.optional(shortText(1024)), "Return path; empty for <>."),
    sender_domain: z.optional(shortText(1024)),
    rcpt: z.optional(shortText(1024)),
    rcpt_domain: z.optional(shortText(1024)),
    recipients: z.optional(z.array(shortText(1024)).check(z.maxLength(LIMITS.recipients))),
    last_status: z.optional(shortText(1024)),
    last_error: z.optional(z.union([z.enum(LAST_ERRORS), z.literal("")])),
    remote_ip: z.optional(shortText(64)),
    local_ip: z.optional(shortText(64)),
    // Read by v0.13+ only (crates/smtp/src/queue/mod.rs `ResolveVariable for QueueEnvelope`).
    queue_name: described(
      z.optional(shortText(8)),
      "v0.13+: the virtual queue; by default the one of the schedule strategy the message is queued with.",
    ),
    queue_age: described(
      z.optional(intIn(0, TEN_YEARS)),
      "v0.13+: seconds since the message was queued (default 0).",
    ),
    received_from_ip: described(z.optional(shortText(64)), "v0.13+: default `127.0.0.1`."),
    received_via_port: described(z.optional(intIn(0, 65535)), "v0.13+: default 587."),
    source: described(
      z.optional(z.enum(SOURCES)),
      "v0.13+: how the message entered the queue (default `authenticated`).",
    ),
    size: described(z.optional(intIn(0, 2 ** 40)), "v0.13+: message size in bytes (default 0)."),
  }),
  "Stalwart variables of the queued message (names as in Stalwart).",
);
export type Context = z.infer<typeof ContextSchema>;

const RecordType = z.enum(QUERY_TYPES);

/**
 * A what-if record answers its name and type with `value`, or with the error `rcode`:
 * exactly one of them. One object, not a union of the two shapes, so that an error names
 * the field that is wrong (a union that matches no shape can only say the whole record is).
 */
export const RecordSchema = described(
  z
    .strictObject({
      name: shortText(1024),
      type: RecordType,
      value: z.optional(
        described(
          z.union([shortText(1024), z.array(shortText(1024)).check(z.maxLength(64))]),
          "Zone-file presentation: `10 mx1.example.com`, `192.0.2.25`; for TXT also an array of the character-strings of one record.",
        ),
      ),
      rcode: z.optional(described(z.enum(WHATIF_RCODES), "The answer is this error instead.")),
      ttl: z.optional(intIn(0, 2_147_483_647)),
    })
    .check(
      z.refine((r) => (r.value === undefined) !== (r.rcode === undefined), {
        message: 'expected exactly one of "value" (the answer) or "rcode" (an error instead)',
      }),
    ),
  "A what-if answer for one name and type: exactly one of `value` or `rcode`.",
);
export type WhatIfRecord = z.infer<typeof RecordSchema>;

export const ResolverSchema = z.enum(RESOLVER_NAMES);

const Records = z.optional(z.array(RecordSchema).check(z.maxLength(LIMITS.records)));

const LocalDomains = described(
  z.optional(z.array(shortText(253)).check(z.maxLength(LIMITS.localDomains))),
  "Domains is_local_domain() treats as local.",
);

export const EvaluateRequestSchema = z.strictObject({
  config: described(
    z._default(z.string(), ""),
    `The config in the model's format (at most ${LIMITS.configBytes} bytes of UTF-8): Stalwart TOML (v0.12, v0.13), a flat key/value JSON settings export (v0.13), or v0.16 registry objects (JSON).`,
  ),
  model: z.optional(RequestedModelSchema),
  context: ContextSchema,
  records: Records,
  resolver: z._default(ResolverSchema, "default"),
  seed: z.optional(intIn(0, 4_294_967_295)),
  localDomains: LocalDomains,
  checks: z.optional(ChecksSchema),
});
export type EvaluateRequest = z.infer<typeof EvaluateRequestSchema>;

/** A JSON value given for a variable in the expression console. */
const VariableValue: z.ZodMiniType<unknown> = z.lazy(() =>
  z.union([
    z.string().check(z.maxLength(4096)),
    z.number(),
    z.boolean(),
    z.array(VariableValue).check(z.maxLength(LIMITS.arraySize)),
  ]),
);

export const ExpressionRequestSchema = z.strictObject({
  expression: z.string(),
  variables: z.optional(z.record(z.string().check(z.maxLength(64)), VariableValue)),
  key: described(
    z.optional(shortText(256)),
    "Apply this setting's variables and constants: a v0.12 key (`queue.outbound.ip-strategy`), a v0.13 selector (`queue.strategy.route`) or a v0.16 field (`MtaOutboundStrategy.route`).",
  ),
  model: described(
    z.optional(RequestedModelSchema),
    "The expression language of this Stalwart version; `auto` follows `key` (v0.12 when there is none).",
  ),
  config: described(z.optional(z.string()), "For config_get()."),
  records: Records,
  resolver: z._default(ResolverSchema, "default"),
  localDomains: LocalDomains,
});
export type ExpressionRequest = z.infer<typeof ExpressionRequestSchema>;

/**
 * The request bodies of POST /api/evaluate and POST /api/expression (shared/spec/api.md).
 * The same zod schemas validate requests in the Worker, generate /api/openapi.json and
 * type the playground's state, so none of them can drift from what is enforced.
 * Objects are strict: an unknown field is a 400 `unknown_field`, never silently ignored.
 */
import * as z from "zod";
import { ChecksSchema } from "../deliverability/types";
import { LIMITS } from "../limits";
import { LAST_ERRORS, QUERY_TYPES, RESOLVER_NAMES, SOURCES, WHATIF_RCODES } from "./names";
import { RequestedModelSchema } from "./strategy";

export * from "./names";

const shortText = (max: number) => z.string().max(max);

export const ContextSchema = z
  .strictObject({
    domain: shortText(1024).describe("Recipient domain; IDNs are converted to their ASCII form."),
    retry_num: z.int().min(0).max(1_000_000).optional(),
    notify_num: z.int().min(0).max(1_000_000).optional(),
    priority: z.int().min(-1_000_000).max(1_000_000).optional(),
    expires_in: z
      .int()
      .min(0)
      .max(10 * 365 * 86400)
      .optional()
      .describe("Seconds."),
    sender: shortText(1024).optional().describe("Return path; empty for <>."),
    sender_domain: shortText(1024).optional(),
    rcpt: shortText(1024).optional(),
    rcpt_domain: shortText(1024).optional(),
    recipients: z.array(shortText(1024)).max(LIMITS.recipients).optional(),
    last_status: shortText(1024).optional(),
    last_error: z.union([z.enum(LAST_ERRORS), z.literal("")]).optional(),
    remote_ip: shortText(64).optional(),
    local_ip: shortText(64).optional(),
    // Read by v0.13+ only (crates/smtp/src/queue/mod.rs `ResolveVariable for QueueEnvelope`).
    queue_name: shortText(8)
      .optional()
      .describe(
        "v0.13+: the virtual queue; by default the one of the schedule strategy the message is queued with.",
      ),
    queue_age: z
      .int()
      .min(0)
      .max(10 * 365 * 86400)
      .optional()
      .describe("v0.13+: seconds since the message was queued (default 0)."),
    received_from_ip: shortText(64).optional().describe("v0.13+: default `127.0.0.1`."),
    received_via_port: z.int().min(0).max(65535).optional().describe("v0.13+: default 587."),
    source: z
      .enum(SOURCES)
      .optional()
      .describe("v0.13+: how the message entered the queue (default `authenticated`)."),
    size: z
      .int()
      .min(0)
      .max(2 ** 40)
      .optional()
      .describe("v0.13+: message size in bytes (default 0)."),
  })
  .describe("Stalwart variables of the queued message (names as in Stalwart).");
export type Context = z.infer<typeof ContextSchema>;

const RecordType = z.enum(QUERY_TYPES);

export const RecordSchema = z.union([
  z.strictObject({
    name: shortText(1024),
    type: RecordType,
    value: z
      .union([shortText(1024), z.array(shortText(1024)).max(64)])
      .describe(
        "Zone-file presentation: `10 mx1.example.com`, `192.0.2.25`; for TXT also an array of the character-strings of one record.",
      ),
    ttl: z.int().min(0).max(2_147_483_647).optional(),
  }),
  z.strictObject({
    name: shortText(1024),
    type: RecordType,
    rcode: z.enum(WHATIF_RCODES),
  }),
]);
export type WhatIfRecord = z.infer<typeof RecordSchema>;

export const ResolverSchema = z.enum(RESOLVER_NAMES);

const LocalDomains = z
  .array(shortText(253))
  .max(LIMITS.localDomains)
  .optional()
  .describe("Domains is_local_domain() treats as local.");

export const EvaluateRequestSchema = z.strictObject({
  config: z
    .string()
    .default("")
    .describe(
      `The config in the model's format (at most ${LIMITS.configBytes} bytes of UTF-8): Stalwart TOML (v0.12, v0.13), a flat key/value JSON settings export (v0.13), or v0.16 registry objects (JSON).`,
    ),
  model: RequestedModelSchema.optional(),
  context: ContextSchema,
  records: z.array(RecordSchema).max(LIMITS.records).optional(),
  resolver: ResolverSchema.default("default"),
  seed: z.int().min(0).max(4_294_967_295).optional(),
  localDomains: LocalDomains,
  checks: ChecksSchema.optional(),
});
export type EvaluateRequest = z.infer<typeof EvaluateRequestSchema>;

/** A JSON value given for a variable in the expression console. */
const VariableValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string().max(4096),
    z.number(),
    z.boolean(),
    z.array(VariableValue).max(LIMITS.arraySize),
  ]),
);

export const ExpressionRequestSchema = z.strictObject({
  expression: z.string(),
  variables: z.record(z.string().max(64), VariableValue).optional(),
  key: shortText(256)
    .optional()
    .describe(
      "Apply this setting's variables and constants: a v0.12 key (`queue.outbound.ip-strategy`), a v0.13 selector (`queue.strategy.route`) or a v0.16 field (`MtaOutboundStrategy.route`).",
    ),
  model: RequestedModelSchema.optional().describe(
    "The expression language of this Stalwart version; `auto` follows `key` (v0.12 when there is none).",
  ),
  config: z.string().optional().describe("For config_get()."),
  records: z.array(RecordSchema).max(LIMITS.records).optional(),
  resolver: ResolverSchema.default("default"),
  localDomains: LocalDomains,
});
export type ExpressionRequest = z.infer<typeof ExpressionRequestSchema>;

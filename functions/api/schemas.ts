/**
 * Request (and response) schemas. The same zod schemas validate requests and generate
 * /api/openapi.json, so the documentation cannot drift from what is enforced.
 * Objects are strict: an unknown field is a 400 `unknown_field`, never silently ignored.
 */
import * as z from "zod";
import { RESOLVER_NAMES } from "../core/dns/resolvers";
import { LIMITS } from "../core/limits";
import { LAST_ERRORS } from "../core/planner/envelope";

const shortText = (max: number) => z.string().max(max);

export { LAST_ERRORS };

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
  })
  .describe("Stalwart variables of the queued message (names as in Stalwart).");

const RecordType = z.enum(["A", "AAAA", "MX", "CNAME", "TXT", "PTR"]);

export const RecordSchema = z.union([
  z.strictObject({
    name: shortText(1024),
    type: RecordType,
    value: shortText(1024).describe("Zone-file presentation: `10 mx1.example.com`, `192.0.2.25`."),
    ttl: z.int().min(0).max(2_147_483_647).optional(),
  }),
  z.strictObject({
    name: shortText(1024),
    type: RecordType,
    rcode: z.enum(["NXDOMAIN", "SERVFAIL", "NODATA", "REFUSED"]),
  }),
]);

export const ResolverSchema = z.enum(RESOLVER_NAMES);

export const EvaluateRequestSchema = z.strictObject({
  config: z.string().default("").describe("Stalwart TOML (at most 64 KiB)."),
  context: ContextSchema,
  records: z.array(RecordSchema).max(LIMITS.records).optional(),
  resolver: ResolverSchema.default("default"),
  seed: z.int().min(0).max(4_294_967_295).optional(),
  localDomains: z
    .array(shortText(253))
    .max(100)
    .optional()
    .describe("Domains is_local_domain() treats as local."),
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
  key: shortText(256).optional().describe("Apply this setting's variables and constants."),
  config: z.string().optional().describe("For config_get()."),
  records: z.array(RecordSchema).max(LIMITS.records).optional(),
  resolver: ResolverSchema.default("default"),
  localDomains: z.array(shortText(253)).max(100).optional(),
});
export type ExpressionRequest = z.infer<typeof ExpressionRequestSchema>;

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    line: z.int().optional(),
    column: z.int().optional(),
    key: z.string().optional(),
    field: z.string().optional(),
  }),
});

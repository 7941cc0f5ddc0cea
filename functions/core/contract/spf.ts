/**
 * POST /api/spf (shared/spec/api.md, Additions): one SPF check (RFC 7208) of an address
 * for a sender and a HELO name, with what-if records whose names may be any name SPF
 * macros build.
 */
import * as z from "zod";
import { LIMITS } from "../limits";
import { SPF_RESULTS } from "../spf/results";
import { TraceEntrySchema } from "./plan";
import { RecordSchema, ResolverSchema } from "./request";

export const SpfRequestSchema = z.strictObject({
  ip: z.string().max(64).describe("The SMTP client's address, IPv4 or IPv6."),
  sender: z
    .string()
    .max(1024)
    .describe(
      'MAIL FROM; "" for the null reverse path, which checks postmaster@<helo> (RFC 7208 §2.4).',
    ),
  helo: z.string().max(255).describe("The HELO/EHLO name (the %{h} macro)."),
  records: z
    .array(RecordSchema)
    .max(LIMITS.records)
    .optional()
    .describe(
      "What-if DNS answers. Names may be any name SPF macros can build (`foo:bar/baz.example.com`, names with `%` or spaces).",
    ),
  resolver: ResolverSchema.default("default"),
});
export type SpfRequest = z.infer<typeof SpfRequestSchema>;

const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

export const SpfProblemSchema = z
  .object({
    code: z
      .string()
      .describe("spf_syntax, spf_non_ascii, spf_multiple_records, spf_lookup_limit, …"),
    message: z.string(),
    domain: z.string().describe("The domain whose record or lookup had the problem."),
    term: z.string().optional(),
    column: z.int().optional().describe("1-based, in that domain's record."),
    endColumn: z.int().optional(),
  })
  .readonly();
export type SpfProblemBody = z.infer<typeof SpfProblemSchema>;

export const SpfStepSchema = z
  .object({
    depth: z.int().describe("0 for the checked domain, +1 per include or redirect."),
    domain: z.string(),
    term: z.string().describe("The record (outcome `record`) or the term evaluated."),
    outcome: z.enum(["record", "none", "match", "no-match", "redirect", "permerror", "temperror"]),
    detail: z.string().optional(),
  })
  .readonly();

export const SpfResponseSchema = z
  .object({
    result: z.enum(SPF_RESULTS),
    mechanism: z.string().nullable().describe("The directive that decided, as written."),
    domain: z.string().describe("The domain checked: the sender's, or the HELO name for <>."),
    matchedIn: z.string().optional().describe("The domain whose record held `mechanism`."),
    explanation: z.string().optional().describe("The exp= text of a fail (RFC 7208 §6.2)."),
    reason: z.string(),
    problem: SpfProblemSchema.optional(),
    lookups: z
      .object({ dns: z.int(), void: z.int() })
      .readonly()
      .describe("DNS-querying terms (at most 10) and void lookups (at most 2), §4.6.4."),
    steps: list(SpfStepSchema).describe("The evaluation, record by record, term by term."),
    dns: list(TraceEntrySchema),
  })
  .readonly();
export type SpfResponse = z.infer<typeof SpfResponseSchema>;

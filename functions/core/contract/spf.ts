/**
 * POST /api/spf (shared/spec/api.md, Additions): one SPF check (RFC 7208) of an address
 * for a sender and a HELO name, with what-if records whose names may be any name SPF
 * macros build.
 */
import * as z from "zod/mini";
import { LIMITS } from "../limits";
import { SPF_RESULTS } from "../spf/results";
import { described } from "../zod-describe";
import { list, TraceEntrySchema } from "./plan";
import { RecordSchema, ResolverSchema } from "./request";

const text = (max: number) => z.string().check(z.maxLength(max));

export const SpfRequestSchema = z.strictObject({
  ip: described(text(64), "The SMTP client's address, IPv4 or IPv6."),
  sender: described(
    text(1024),
    'MAIL FROM; "" for the null reverse path, which checks postmaster@<helo> (RFC 7208 §2.4).',
  ),
  helo: described(text(255), "The HELO/EHLO name (the %{h} macro)."),
  records: described(
    z.optional(z.array(RecordSchema).check(z.maxLength(LIMITS.records))),
    "What-if DNS answers. Names may be any name SPF macros can build (`foo:bar/baz.example.com`, names with `%` or spaces).",
  ),
  resolver: z._default(ResolverSchema, "default"),
});
export type SpfRequest = z.infer<typeof SpfRequestSchema>;

export const SpfProblemSchema = z.readonly(
  z.object({
    code: described(
      z.string(),
      "spf_syntax, spf_non_ascii, spf_multiple_records, spf_lookup_limit, …",
    ),
    message: z.string(),
    domain: described(z.string(), "The domain whose record or lookup had the problem."),
    term: z.optional(z.string()),
    column: described(z.optional(z.int()), "1-based, in that domain's record."),
    endColumn: z.optional(z.int()),
  }),
);
export type SpfProblemBody = z.infer<typeof SpfProblemSchema>;

export const SpfStepSchema = z.readonly(
  z.object({
    depth: described(z.int(), "0 for the checked domain, +1 per include or redirect."),
    domain: z.string(),
    term: described(z.string(), "The record (outcome `record`) or the term evaluated."),
    outcome: z.enum(["record", "none", "match", "no-match", "redirect", "permerror", "temperror"]),
    detail: z.optional(z.string()),
  }),
);

export const SpfResponseSchema = z.readonly(
  z.object({
    result: z.enum(SPF_RESULTS),
    mechanism: described(z.nullable(z.string()), "The directive that decided, as written."),
    domain: described(z.string(), "The domain checked: the sender's, or the HELO name for <>."),
    matchedIn: described(z.optional(z.string()), "The domain whose record held `mechanism`."),
    explanation: described(z.optional(z.string()), "The exp= text of a fail (RFC 7208 §6.2)."),
    reason: z.string(),
    problem: z.optional(SpfProblemSchema),
    lookups: described(
      z.readonly(z.object({ dns: z.int(), void: z.int() })),
      "DNS-querying terms (at most 10) and void lookups (at most 2), §4.6.4.",
    ),
    steps: described(list(SpfStepSchema), "The evaluation, record by record, term by term."),
    dns: list(TraceEntrySchema),
  }),
);
export type SpfResponse = z.infer<typeof SpfResponseSchema>;

/**
 * What `checks: ["spf", "ptr"]` adds to a plan (shared/spec/api.md, Additions): a verdict
 * per attempt on the source address it would use, as zod schemas (the contract's way:
 * one description for the core, the API docs and the web) and the types inferred.
 */
import * as z from "zod";
import { CHECK_NAMES } from "../contract/names";
import { SPF_RESULTS } from "../spf/results";

export { CHECK_NAMES, type CheckName } from "../contract/names";
export const ChecksSchema = z
  .array(z.enum(CHECK_NAMES))
  .max(CHECK_NAMES.length)
  .describe("Deliverability checks per attempt: SPF (MAIL FROM and HELO) and reverse DNS.");

export const SpfVerdictSchema = z
  .object({
    result: z.enum(SPF_RESULTS),
    mechanism: z.string().nullable().describe("The directive that decided, as written."),
    domain: z.string().describe("The domain checked (the sender's, or the HELO name)."),
    matchedIn: z.string().optional(),
    reason: z.string(),
    problem: z.object({ code: z.string(), message: z.string() }).readonly().optional(),
  })
  .readonly();
export type SpfVerdict = z.infer<typeof SpfVerdictSchema>;

export const PtrVerdictSchema = z
  .object({
    names: z.array(z.string()).readonly().describe("The source address's PTR names."),
    forwardConfirmed: z
      .boolean()
      .describe("One of the names (of the first 10) has an A/AAAA record back to the address."),
    confirmed: z.array(z.string()).readonly().describe("The names that forward-confirm."),
    error: z.string().optional().describe("Why the PTR lookup failed."),
  })
  .readonly();
export type PtrVerdict = z.infer<typeof PtrVerdictSchema>;

const sourceVerdictShape = {
  sourceIp: z.string(),
  spf: SpfVerdictSchema.optional().describe("MAIL FROM identity (the context's sender)."),
  helo: z.object({ name: z.string(), spf: SpfVerdictSchema.optional() }).readonly(),
  ptr: PtrVerdictSchema.optional(),
  ehloMatchesPtr: z.boolean().optional().describe("The EHLO name is one of the PTR names."),
};
export const SourceVerdictSchema = z.object(sourceVerdictShape).readonly();
export type SourceVerdict = z.infer<typeof SourceVerdictSchema>;

export const AttemptDeliverabilitySchema = z.union([
  z
    .object({
      ...sourceVerdictShape,
      verdict: z.literal("checked"),
      candidates: z
        .array(SourceVerdictSchema)
        .readonly()
        .describe("Every source address this attempt may bind (the pick is random)."),
    })
    .readonly(),
  z
    .object({
      sourceIp: z.null(),
      verdict: z.literal("unbound"),
      message: z.string(),
      helo: z.object({ name: z.string() }).readonly(),
    })
    .readonly(),
]);
export type AttemptDeliverability = z.infer<typeof AttemptDeliverabilitySchema>;

export const ChecksSummarySchema = z
  .object({
    requested: z.array(z.enum(CHECK_NAMES)).readonly(),
    sender: z.string().describe('The MAIL FROM checked; "" is the null reverse path.'),
    subrequests: z
      .object({ dns: z.int(), limit: z.int() })
      .readonly()
      .describe("DoH queries made (each a subrequest) and the most this evaluation may make."),
  })
  .readonly();
export type ChecksSummary = z.infer<typeof ChecksSummarySchema>;

/**
 * What `checks: ["spf", "ptr"]` adds to a plan (shared/spec/api.md, Additions): a verdict
 * per attempt on the source address it would use, as zod schemas (the contract's way:
 * one description for the core, the API docs and the web) and the types inferred.
 */
import * as z from "zod/mini";
import { CHECK_NAMES } from "../contract/names";
import { SPF_RESULTS } from "../spf/results";
import { described } from "../zod-describe";

export { CHECK_NAMES, type CheckName } from "../contract/names";
export const ChecksSchema = described(
  z.array(z.enum(CHECK_NAMES)).check(z.maxLength(CHECK_NAMES.length)),
  "Deliverability checks per attempt: SPF (MAIL FROM and HELO) and reverse DNS.",
);

const strings = () => z.readonly(z.array(z.string()));

export const SpfVerdictSchema = z.readonly(
  z.object({
    result: z.enum(SPF_RESULTS),
    mechanism: described(z.nullable(z.string()), "The directive that decided, as written."),
    domain: described(z.string(), "The domain checked (the sender's, or the HELO name)."),
    matchedIn: z.optional(z.string()),
    reason: z.string(),
    problem: z.optional(z.readonly(z.object({ code: z.string(), message: z.string() }))),
  }),
);
export type SpfVerdict = z.infer<typeof SpfVerdictSchema>;

export const PtrVerdictSchema = z.readonly(
  z.object({
    names: described(strings(), "The source address's PTR names."),
    forwardConfirmed: described(
      z.boolean(),
      "One of the names (of the first 10) has an A/AAAA record back to the address.",
    ),
    confirmed: described(strings(), "The names that forward-confirm."),
    error: described(z.optional(z.string()), "Why the PTR lookup failed."),
  }),
);
export type PtrVerdict = z.infer<typeof PtrVerdictSchema>;

const sourceVerdictShape = {
  sourceIp: z.string(),
  spf: described(z.optional(SpfVerdictSchema), "MAIL FROM identity (the context's sender)."),
  helo: z.readonly(z.object({ name: z.string(), spf: z.optional(SpfVerdictSchema) })),
  ptr: z.optional(PtrVerdictSchema),
  ehloMatchesPtr: described(z.optional(z.boolean()), "The EHLO name is one of the PTR names."),
};
export const SourceVerdictSchema = z.readonly(z.object(sourceVerdictShape));
export type SourceVerdict = z.infer<typeof SourceVerdictSchema>;

export const AttemptDeliverabilitySchema = z.union([
  z.readonly(
    z.object({
      ...sourceVerdictShape,
      verdict: z.literal("checked"),
      candidates: described(
        z.readonly(z.array(SourceVerdictSchema)),
        "Every source address this attempt may bind (the pick is random).",
      ),
    }),
  ),
  z.readonly(
    z.object({
      sourceIp: z.null(),
      verdict: z.literal("unbound"),
      message: z.string(),
      helo: z.readonly(z.object({ name: z.string() })),
    }),
  ),
]);
export type AttemptDeliverability = z.infer<typeof AttemptDeliverabilitySchema>;

export const ChecksSummarySchema = z.readonly(
  z.object({
    requested: z.readonly(z.array(z.enum(CHECK_NAMES))),
    sender: described(z.string(), 'The MAIL FROM checked; "" is the null reverse path.'),
    subrequests: described(
      z.readonly(z.object({ dns: z.int(), limit: z.int() })),
      "DoH queries made (each a subrequest) and the most this evaluation may make.",
    ),
  }),
);
export type ChecksSummary = z.infer<typeof ChecksSummarySchema>;

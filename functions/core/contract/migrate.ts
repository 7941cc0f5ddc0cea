/**
 * POST /api/migrate (issue 15): a ≤ v0.12 config in, the v0.13 TOML or the v0.16 apply
 * plan out, with a note for everything that could not be carried over or behaves
 * differently, and — given a context — both plans side by side.
 */
import * as z from "zod";
import { LIMITS } from "../limits";
import { PlanDiagnosticSchema, PlanSchema } from "./plan";
import { ContextSchema, EvaluateRequestSchema } from "./request";

export const MIGRATE_TARGETS = ["v0.13", "v0.16"] as const;
export type MigrateTarget = (typeof MIGRATE_TARGETS)[number];

export const MigrateRequestSchema = EvaluateRequestSchema.pick({
  records: true,
  resolver: true,
  seed: true,
  localDomains: true,
}).extend({
  config: z
    .string()
    .default("")
    .describe(
      `Stalwart ≤ v0.12 TOML (queue.outbound.*, remote.*; at most ${LIMITS.configBytes} bytes of UTF-8).`,
    ),
  target: z
    .enum(MIGRATE_TARGETS)
    .describe(
      "`v0.13`: TOML for Stalwart v0.13.0–v0.15.x; `v0.16`: an NDJSON plan for `stalwart-cli apply`, plus `objects`.",
    ),
  context: ContextSchema.optional().describe(
    "With a context, the ≤ v0.12 config and the migrated one are both evaluated (same records, resolver and seed) and compared.",
  ),
});
export type MigrateRequest = z.infer<typeof MigrateRequestSchema>;

export const MigrateNoteSchema = PlanDiagnosticSchema.unwrap()
  .extend({
    target: z
      .object({ line: z.int(), column: z.int() })
      .readonly()
      .optional()
      .describe(
        "Where in the migrated `config` the note's subject (a selector or definition) is written.",
      ),
  })
  .readonly()
  .describe(
    "`line`/`column`/`key` point into the submitted ≤ v0.12 config; `target` into the migrated one.",
  );
export type MigrateNote = z.infer<typeof MigrateNoteSchema>;

const json = z.record(z.string(), z.unknown());

export const RegistryObjectsSchema = z
  .object({
    MtaRoute: z.array(json).readonly(),
    MtaConnectionStrategy: z.array(json).readonly(),
    MtaTlsStrategy: z.array(json).readonly(),
    MtaDeliverySchedule: z.array(json).readonly(),
    MtaOutboundStrategy: json,
    SystemSettings: json.optional(),
  })
  .readonly()
  .describe(
    'v0.16 only: the same objects as plain JSON by type (collections as arrays of objects, the singletons as one object), for pasting into the web UI one at a time. Lists inside objects are keyed "0", "1", … as the registry stores them.',
  );

export const DIFFERENCE_ASPECTS = ["route", "attempts", "sources", "ehlo", "outcome"] as const;

export const DifferenceSchema = z
  .object({
    aspect: z.enum(DIFFERENCE_ASPECTS),
    message: z.string().describe("The difference in words."),
    note: z
      .string()
      .optional()
      .describe("The code of the note that says why the migration cannot keep this the same."),
  })
  .readonly();
export type Difference = z.infer<typeof DifferenceSchema>;

export const ComparisonSchema = z
  .object({
    same: z
      .boolean()
      .describe("Same route, attempt order, source candidates per attempt and EHLO names."),
    differences: z.array(DifferenceSchema).readonly(),
    before: PlanSchema.describe("The plan of the submitted ≤ v0.12 config (model v0.12)."),
    after: PlanSchema.describe("The plan of the migrated config (model = target)."),
  })
  .readonly();
export type Comparison = z.infer<typeof ComparisonSchema>;

export const MigrateResponseSchema = z
  .object({
    target: z.enum(MIGRATE_TARGETS),
    config: z
      .string()
      .describe("v0.13: the TOML; v0.16: the NDJSON plan (one line per object type)."),
    objects: RegistryObjectsSchema.optional(),
    notes: z.array(MigrateNoteSchema).readonly(),
    comparison: ComparisonSchema.optional(),
  })
  .readonly();
export type MigrateResponse = z.infer<typeof MigrateResponseSchema>;

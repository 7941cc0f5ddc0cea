/**
 * POST /api/migrate (issue 15): a ≤ v0.12 config in, the v0.13 TOML or the v0.16 apply
 * plan out, with a note for everything that could not be carried over or behaves
 * differently, and — given a context — both plans side by side.
 */
import * as z from "zod/mini";
import { LIMITS } from "../limits";
import { described } from "../zod-describe";
import { PlanDiagnosticObject, PlanSchema } from "./plan";
import { ContextSchema, EvaluateRequestSchema } from "./request";

export const MIGRATE_TARGETS = ["v0.13", "v0.16"] as const;
export type MigrateTarget = (typeof MIGRATE_TARGETS)[number];

export const MigrateRequestSchema = z.extend(
  z.pick(EvaluateRequestSchema, { records: true, resolver: true, seed: true, localDomains: true }),
  {
    config: described(
      z._default(z.string(), ""),
      `Stalwart ≤ v0.12 TOML (queue.outbound.*, remote.*; at most ${LIMITS.configBytes} bytes of UTF-8).`,
    ),
    target: described(
      z.enum(MIGRATE_TARGETS),
      "`v0.13`: TOML for Stalwart v0.13.0–v0.15.x; `v0.16`: an NDJSON plan for `stalwart-cli apply`, plus `objects`.",
    ),
    context: described(
      z.optional(ContextSchema),
      "With a context, the ≤ v0.12 config and the migrated one are both evaluated (same records, resolver and seed) and compared.",
    ),
  },
);
export type MigrateRequest = z.infer<typeof MigrateRequestSchema>;

export const MigrateNoteSchema = described(
  z.readonly(
    z.extend(PlanDiagnosticObject, {
      target: described(
        z.optional(z.readonly(z.object({ line: z.int(), column: z.int() }))),
        "Where in the migrated `config` the note's subject (a selector or definition) is written.",
      ),
    }),
  ),
  "`line`/`column`/`key` point into the submitted ≤ v0.12 config; `target` into the migrated one.",
);
export type MigrateNote = z.infer<typeof MigrateNoteSchema>;

const json = z.record(z.string(), z.unknown());

export const RegistryObjectsSchema = described(
  z.readonly(
    z.object({
      MtaRoute: z.readonly(z.array(json)),
      MtaConnectionStrategy: z.readonly(z.array(json)),
      MtaTlsStrategy: z.readonly(z.array(json)),
      MtaDeliverySchedule: z.readonly(z.array(json)),
      MtaOutboundStrategy: json,
      SystemSettings: z.optional(json),
    }),
  ),
  'v0.16 only: the same objects as plain JSON by type (collections as arrays of objects, the singletons as one object), for pasting into the web UI one at a time. Lists inside objects are keyed "0", "1", … as the registry stores them.',
);

export const DIFFERENCE_ASPECTS = ["route", "attempts", "sources", "ehlo", "outcome"] as const;

export const DifferenceSchema = z.readonly(
  z.object({
    aspect: z.enum(DIFFERENCE_ASPECTS),
    message: described(z.string(), "The difference in words."),
    note: described(
      z.optional(z.string()),
      "The code of the note that says why the migration cannot keep this the same.",
    ),
  }),
);
export type Difference = z.infer<typeof DifferenceSchema>;

export const ComparisonSchema = z.readonly(
  z.object({
    same: described(
      z.boolean(),
      "Same route, attempt order, source candidates per attempt and EHLO names.",
    ),
    differences: z.readonly(z.array(DifferenceSchema)),
    before: described(PlanSchema, "The plan of the submitted ≤ v0.12 config (model v0.12)."),
    after: described(PlanSchema, "The plan of the migrated config (model = target)."),
  }),
);
export type Comparison = z.infer<typeof ComparisonSchema>;

export const MigrateResponseSchema = z.readonly(
  z.object({
    target: z.enum(MIGRATE_TARGETS),
    config: described(
      z.string(),
      "v0.13: the TOML; v0.16: the NDJSON plan (one line per object type).",
    ),
    objects: z.optional(RegistryObjectsSchema),
    notes: z.readonly(z.array(MigrateNoteSchema)),
    comparison: z.optional(ComparisonSchema),
  }),
);
export type MigrateResponse = z.infer<typeof MigrateResponseSchema>;

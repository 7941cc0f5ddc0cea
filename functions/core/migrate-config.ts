/**
 * The core's entry point for a migration (POST /api/migrate, issue 15): a ≤ v0.12 config
 * → the v0.13 TOML or the v0.16 apply plan and objects, the notes, and — with a context —
 * both configs' plans compared. Pure apart from what `io` brings, as `evaluate.ts`.
 */
import type { MigrateRequest, MigrateResponse } from "./contract/migrate";
import { checkConfigSize, type EvaluationIo } from "./evaluate";
import { Meter } from "./meter";
import { buildMigration } from "./migrate/migration";
import { placeNotes } from "./migrate/place-notes";
import { writePlan } from "./migrate/plan-lines";
import { registryObjects } from "./migrate/registry-objects";
import { ConditionWriter } from "./migrate/rewrite";
import { writeToml } from "./migrate/toml-writer";

export async function migrateConfig(
  req: MigrateRequest,
  _io: EvaluationIo,
): Promise<MigrateResponse> {
  checkConfigSize(req.config, "config");
  const meter = new Meter();
  const { migration, notes } = buildMigration(req.config, req.target, meter);
  const conditions = new ConditionWriter(req.target, notes, meter);
  if (req.target === "v0.13") {
    const written = writeToml(migration, req.config, conditions);
    return {
      target: req.target,
      config: written.text,
      notes: placeNotes(req.config, written, notes),
    };
  }
  const objects = registryObjects(migration, req.config, notes, conditions);
  const written = writePlan(objects);
  return {
    target: req.target,
    config: written.text,
    objects,
    notes: placeNotes(req.config, written, notes),
  };
}

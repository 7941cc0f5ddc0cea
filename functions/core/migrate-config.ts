/**
 * The core's entry point for a migration (POST /api/migrate, issue 15): a ≤ v0.12 config
 * → the v0.13 TOML or the v0.16 apply plan and objects, the notes, and — with a context —
 * both configs' plans compared. Pure apart from what `io` brings, as `evaluate.ts`.
 */
import { lineLocator } from "./config/positions";
import type { Context } from "./contract";
import type { Comparison, MigrateRequest, MigrateResponse } from "./contract/migrate";
import { checkConfigSize, type EvaluationIo, evaluate } from "./evaluate";
import { Meter } from "./meter";
import { comparePlans } from "./migrate/comparison";
import { buildMigration } from "./migrate/migration";
import { placeNotes } from "./migrate/place-notes";
import { writePlan } from "./migrate/plan-lines";
import { registryObjects } from "./migrate/registry-objects";
import { ConditionWriter } from "./migrate/rewrite";
import { tomlString } from "./migrate/text";
import { writeToml } from "./migrate/toml-writer";
import type { Migration, Note, Target } from "./migrate/types";

export async function migrateConfig(
  req: MigrateRequest,
  io: EvaluationIo,
): Promise<MigrateResponse> {
  checkConfigSize(req.config, "config");
  const meter = new Meter();
  const { migration, notes } = buildMigration(req.config, req.target, meter);
  const conditions = new ConditionWriter(req.target, notes, meter);
  const lines = lineLocator(req.config);
  const objects =
    req.target === "v0.16" ? registryObjects(migration, lines, notes, conditions) : undefined;
  const written = objects ? writePlan(objects) : writeToml(migration, lines, conditions);
  const migrated = asServerHolds(written.text, migration, req.target);
  const comparison = req.context && (await compare(req, req.context, migrated, notes, io));
  return {
    target: req.target,
    config: written.text,
    ...(objects ? { objects } : {}),
    notes: placeNotes(req.config, written, notes),
    ...(comparison ? { comparison } : {}),
  };
}

/**
 * The migrated config as the server would hold it: v0.13 reads the server's name from the
 * keys the migration leaves where they are (its TOML names them in a comment), so they
 * are added for the comparison; the v0.16 plan sets SystemSettings itself.
 */
function asServerHolds(text: string, m: Migration, target: Target): string {
  if (target === "v0.16") return text;
  const tables = m.server.map((k) => {
    const dot = k.key.lastIndexOf(".");
    return `\n[${k.key.slice(0, dot)}]\n${k.key.slice(dot + 1)} = ${tomlString(k.value)}\n`;
  });
  return text + tables.join("");
}

/** Both configs evaluated for the same context, records, resolver and seed, and compared. */
async function compare(
  req: MigrateRequest,
  context: Context,
  migrated: string,
  notes: readonly Note[],
  io: EvaluationIo,
): Promise<Comparison> {
  const common = {
    context,
    resolver: req.resolver,
    seed: req.seed ?? io.newSeed(),
    ...(req.records ? { records: req.records } : {}),
    ...(req.localDomains ? { localDomains: req.localDomains } : {}),
  };
  const before = await evaluate({ ...common, config: req.config, model: "v0.12" }, io);
  const after = await evaluate({ ...common, config: migrated, model: req.target }, io);
  const differences = comparePlans(before, after, notes);
  return { same: differences.length === 0, differences, before, after };
}

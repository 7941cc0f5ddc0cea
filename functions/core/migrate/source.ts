/**
 * Reading the config to migrate exactly as Stalwart ≤ v0.12 reads it: the model selection
 * of /api/evaluate (models/read-model.ts: TOML, or a flat JSON export of ≤ v0.12 keys)
 * and the v0.12 analysis (its parser, every setting's if-block with its errors), plus the
 * TLS and timeout keys the plan does not need. A text that is not a ≤ v0.12 config is
 * refused with the evidence (`not_migratable`); one that mixes v0.13 keys in with
 * ≤ v0.12 outbound keys is migrated, with a note at each v0.13 key.
 */
import type { Analysis } from "../config/analysis";
import type { IfBlock } from "../config/if-block";
import { readIfBlock } from "../config/if-block-reader";
import type { SettingId } from "../config/settings";
import { TRANSPORT_SETTINGS } from "../config/settings-transport";
import type { LoadedConfig } from "../config/toml/loaded-config";
import type { Diagnostic } from "../errors";
import type { Meter } from "../meter";
import { isV012Key, isV013Key } from "../models/model-keys";
import { type ModelRead, readModel } from "../models/read-model";
import { asRequestError, RequestError, RequestErrorCode } from "../request-error";
import { MigrateCode } from "./codes";
import type { Note } from "./types";

export interface V012Config {
  readonly config: LoadedConfig;
  readonly blocks: ReadonlyMap<SettingId, IfBlock>;
}

/** Prefixes of the ≤ v0.12 keys a migration carries over (spec stalwart-outbound.md §1). */
export const OUTBOUND_PREFIXES = ["queue.outbound.", "queue.schedule.", "remote."];

export function readV012(text: string, notes: Note[], meter: Meter): V012Config {
  const analysis = v012Analysis(text, readModel(text, "auto", meter), meter);
  if (!analysis.config) {
    const err = analysis.loadError;
    throw err
      ? asRequestError(err, { config: text })
      : new RequestError(RequestErrorCode.TomlSyntax, "The config cannot be read.");
  }
  const config = analysis.config;
  for (const k of config.entries.filter((e) => isV013Key(e.key))) {
    notes.push({
      severity: "warning",
      code: MigrateCode.V013KeyLeftOut,
      message: `\`${k.key}\` is already a v0.13+ key: the migration writes the v0.13+ settings from the ≤ v0.12 keys alone, so merge this one by hand`,
      key: k.key,
      start: k.keyStart,
      end: k.keyEnd,
    });
  }
  const blocks = new Map(analysis.blocks);
  const errors: Diagnostic[] = [];
  for (const setting of Object.values(TRANSPORT_SETTINGS))
    blocks.set(setting.id, readIfBlock(config, setting, errors));
  notes.push(...[...analysis.diagnostics, ...errors].filter(aboutOutbound));
  return { config, blocks };
}

/** The ≤ v0.12 reading of the text, or `not_migratable` when it holds no ≤ v0.12 outbound key. */
function v012Analysis(text: string, read: ModelRead, meter: Meter): Analysis {
  if (read.model === "v0.12") return read.analysis;
  const keys = "settings" in read ? (read.settings?.keys ?? []) : [];
  if (!keys.some(isV012Key)) {
    throw new RequestError(
      RequestErrorCode.NotV012,
      `Only a Stalwart ≤ v0.12 config (queue.outbound.*, remote.*) can be migrated, and this is not one: ${read.reason}. Evaluate it with /api/evaluate instead.`,
      { field: "config" },
    );
  }
  const again = readModel(text, "v0.12", meter);
  return again.model === "v0.12" ? again.analysis : { diagnostics: [] };
}

/** What v0.12 itself says about the outbound keys: the reader needs it beside the migration. */
function aboutOutbound(d: Diagnostic): boolean {
  if (d.severity === "info" || d.key === undefined) return false;
  const key = d.key;
  return OUTBOUND_PREFIXES.some((p) => key.startsWith(p));
}

/**
 * Config text + requested model → the model used, why, and the config read in it
 * (issue 14, design "Shape of the core"): ≤ v0.12 through the v0.12 analysis (TOML, or a
 * flat JSON export of ≤ v0.12 keys), v0.13–v0.15 through the v0.13 reader, v0.16 through
 * the registry reader. `auto` reads TOML once with v0.12.5's parser and decides from its
 * keys (detect.ts); a file only v0.13.1's key rule reads is tried with it. A mixed config
 * gets a warning at each key the chosen version does not read (model-keys.ts).
 */
import { type Analysis, analyzeConfig } from "../config/analysis";
import { type LoadedConfig, loadConfig } from "../config/toml/loaded-config";
import type { ModelName, RequestedModel } from "../contract/strategy";
import { CoreError, type Diagnostic } from "../errors";
import type { Meter } from "../meter";
import { ModelCode } from "./codes";
import { type Detection, detectModel, textKind } from "./detect";
import { type JsonDocument, parseJsonValues } from "./json/parse";
import { ignoredKeys, type KeyPosition } from "./model-keys";
import type { StrategyConfig } from "./strategy-config";
import { loadFlatJson, loadV013 } from "./v013/load";
import { readV013 } from "./v013/reader";
import { loadRegistry } from "./v016/load";
import { strategyOf } from "./v016/strategy";

type Place = (key: string) => { start: number; end: number } | undefined;

export type ModelRead =
  | {
      readonly model: "v0.12";
      readonly reason: string;
      readonly analysis: Analysis;
      /** Mixed-config warnings (the analysis holds its own). */
      readonly diagnostics: readonly Diagnostic[];
    }
  | {
      readonly model: "v0.13" | "v0.16";
      readonly reason: string;
      readonly strategy: StrategyConfig;
      /** v0.13: the settings `config_get()` reads. */
      readonly settings?: LoadedConfig;
      readonly place: Place;
      readonly diagnostics: readonly Diagnostic[];
    }
  | {
      readonly model: "v0.13";
      readonly reason: string;
      /** Stalwart refuses the TOML file (a 422). */
      readonly loadError: CoreError;
    };

const LABELS: Readonly<Record<ModelName, string>> = {
  "v0.12": "Stalwart ≤ v0.12",
  "v0.13": "Stalwart v0.13–v0.15",
  "v0.16": "Stalwart v0.16",
};

export function readModel(text: string, requested: RequestedModel, meter: Meter): ModelRead {
  if (requested !== "auto") {
    const reason = `The request asks for ${LABELS[requested]} (model ${requested})`;
    if (requested === "v0.12") return readV012(text, reason, meter);
    meter.charge(text.length, "reading the config");
    return requested === "v0.13" ? readV013Model(text, reason) : readV016Model(text, reason);
  }
  if (textKind(text) === "json") {
    const doc = parseJsonValues(text);
    const d = detectModel({ kind: "json", text, doc });
    if (d.model === "v0.12") return readV012(text, d.reason, meter, doc);
    meter.charge(text.length, "reading the config");
    return d.model === "v0.13"
      ? readV013Model(text, d.reason, doc)
      : readV016Model(text, d.reason, doc);
  }
  return readToml(text, meter);
}

/** TOML read once with v0.12.5's rule; a file only v0.13.1's rule reads, with that one. */
function readToml(text: string, meter: Meter): ModelRead {
  let loaded: LoadedConfig | undefined;
  try {
    loaded = loadConfig(text);
  } catch (e) {
    if (!(e instanceof CoreError)) throw e;
    const v013 = v013Only(text);
    if (v013 !== undefined) {
      meter.charge(text.length, "reading the config");
      return readV013Model(text, v013.d.reason, v013.loaded);
    }
    return readV012(text, "The config cannot be read; as a ≤ v0.12 file", meter);
  }
  const d = detectModel({ kind: "toml", text, keys: positions(loaded) });
  if (d.model === "v0.12") return readV012(text, d.reason, meter, loaded);
  meter.charge(text.length, "reading the config");
  return readV013Model(text, d.reason, loaded);
}

/** The file read with v0.13.1's key rule, when that works and it is a v0.13 config. */
function v013Only(text: string): { d: Detection; loaded: LoadedConfig } | undefined {
  try {
    const loaded = loadConfig(text, { keyRule: "v0.13" });
    const d = detectModel({ kind: "toml", text, keys: positions(loaded) });
    return d.model === "v0.13" ? { d, loaded } : undefined;
  } catch (e) {
    if (e instanceof CoreError) return undefined;
    throw e;
  }
}

/** Every key and where it was written (a config's entries are such key positions). */
function positions(config: LoadedConfig): readonly KeyPosition[] {
  return config.entries;
}

function readV012(
  text: string,
  reason: string,
  meter: Meter,
  parsed?: LoadedConfig | JsonDocument,
): ModelRead {
  const diagnostics: Diagnostic[] = [];
  const flat = textKind(text) === "json";
  const doc = parsed !== undefined && "values" in parsed ? parsed : undefined;
  const given = flat
    ? loadFlatJson(text, diagnostics, doc)
    : parsed !== undefined && "keys" in parsed
      ? parsed
      : undefined;
  const analysis = analyzeConfig(text, meter, {
    ...(given ? { loaded: given } : {}),
    form: flat ? "flat-json" : "toml",
  });
  if (analysis.config) diagnostics.push(...ignoredKeys("v0.12", positions(analysis.config)));
  return { model: "v0.12", reason, analysis, diagnostics };
}

function readV013Model(
  text: string,
  reason: string,
  parsed?: LoadedConfig | JsonDocument,
): ModelRead {
  let settings: ReturnType<typeof loadV013>;
  try {
    settings = loadV013(text, parsed);
  } catch (e) {
    if (e instanceof CoreError) return { model: "v0.13", reason, loadError: e };
    throw e;
  }
  const read = readV013(settings);
  const place: Place = (key) => {
    const entry = settings.config.get(key);
    if (entry === undefined || settings.defaulted.has(key)) return undefined;
    return { start: entry.valueStart, end: entry.valueEnd };
  };
  const notes = [...settings.config.notes];
  const mixed = ignoredKeys("v0.13", positions(settings.submitted));
  return {
    model: "v0.13",
    reason,
    strategy: read.config,
    settings: settings.config,
    place,
    diagnostics: [...notes, ...read.diagnostics, ...mixed],
  };
}

function readV016Model(text: string, reason: string, doc?: JsonDocument): ModelRead {
  const toml = textKind(text) === "toml" && text.trim() !== "";
  const loaded = toml ? loadRegistry("") : loadRegistry(text, doc);
  const read = strategyOf(loaded.registry);
  const diagnostics: Diagnostic[] = toml ? [tomlForV016(text)] : [];
  diagnostics.push(...loaded.diagnostics, ...read.diagnostics);
  return {
    model: "v0.16",
    reason,
    strategy: read.config,
    place: (key) => read.places.get(key),
    diagnostics,
  };
}

function tomlForV016(text: string): Diagnostic {
  return {
    severity: "error",
    code: ModelCode.InputShape,
    message:
      "Stalwart v0.16 reads no TOML: its settings are JSON registry objects (`stalwart-cli snapshot MtaOutboundStrategy MtaRoute MtaConnectionStrategy MtaTlsStrategy` prints them). This text is read as no object at all, so v0.16's safe defaults are planned",
    start: 0,
    end: Math.min(text.length, Math.max(1, text.indexOf("\n"))),
  };
}

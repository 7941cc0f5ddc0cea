/**
 * A config read as Stalwart reads it, and everything the editor can show without DNS:
 * whether Stalwart starts on it at all (its parser's verdict), every setting's if-block
 * with its errors, and plain-words explanations of the classic mistakes (lint/). The
 * if-blocks read here are the ones the planner evaluates. Never throws, for any input.
 */
import { CoreError, type Diagnostic } from "../errors";
import { Meter } from "../meter";
import type { IfBlock } from "./if-block";
import { readIfBlock } from "./if-block-reader";
import { explainBlockErrors } from "./lint/blocks";
import { singleEquals } from "./lint/hints";
import { unknownKeys } from "./lint/keys";
import { explainRefusal } from "./lint/refusal";
import { checkRelays } from "./lint/relays";
import { notStandardToml, stringReadings } from "./lint/toml-tools";
import { checkValues } from "./lint/values";
import { SETTING_LIST, type SettingId } from "./settings";
import { type LoadedConfig, loadConfig } from "./toml/loaded-config";

/** Every setting's if-block as read from the config (the built-in one where it failed). */
export type Blocks = ReadonlyMap<SettingId, IfBlock>;

export type Analysis =
  | {
      readonly diagnostics: Diagnostic[];
      readonly config: LoadedConfig;
      readonly blocks: Blocks;
      readonly loadError?: undefined;
    }
  | {
      readonly diagnostics: Diagnostic[];
      readonly config?: undefined;
      readonly blocks?: undefined;
      /** Why Stalwart refuses the config (absent after an internal error): a 422. */
      readonly loadError?: CoreError;
    };

/** A config already read (the model selection reads it once), and the form it was in. */
export interface AnalyzeOptions {
  readonly loaded?: LoadedConfig;
  /** A flat JSON settings export skips what only concerns TOML files. */
  readonly form?: "toml" | "flat-json";
}

function analyze(text: string, meter: Meter, options: AnalyzeOptions): Analysis {
  meter.charge(text.length, "reading the config");
  let config: LoadedConfig;
  try {
    config = options.loaded ?? loadConfig(text);
  } catch (err) {
    if (!(err instanceof CoreError)) throw err;
    const d: Diagnostic = {
      severity: "error",
      code: err.code,
      message: err.message,
      ...(err.range ?? {}),
    };
    return { diagnostics: [d, ...explainRefusal(text, err)], loadError: err };
  }
  const diagnostics: Diagnostic[] = [...config.notes];
  const blocks = new Map<SettingId, IfBlock>();
  for (const setting of SETTING_LIST) {
    const errors: Diagnostic[] = [];
    const block = readIfBlock(config, setting, errors);
    blocks.set(setting.id, block);
    diagnostics.push(
      ...errors,
      ...explainBlockErrors(setting, config, errors),
      ...checkValues(setting, block, config, meter),
    );
    for (const entry of [config.get(setting.key), ...config.entriesUnder(`${setting.key}.`)]) {
      if (entry !== undefined) diagnostics.push(...singleEquals(entry));
    }
  }
  const toml = options.form !== "flat-json";
  diagnostics.push(
    ...unknownKeys(config, meter),
    ...(toml ? [...stringReadings(config), ...notStandardToml(text)] : []),
    ...checkRelays(config),
  );
  return { diagnostics, config, blocks };
}

/** `meter`: the request's, shared with the plan's evaluations (meter.ts). */
export function analyzeConfig(
  text: string,
  meter: Meter = new Meter(),
  options: AnalyzeOptions = {},
): Analysis {
  let result: Analysis;
  try {
    result = analyze(typeof text === "string" ? text : String(text), meter, options);
  } catch (err) {
    // A bug must not take the editor down: say so instead of throwing.
    const message = err instanceof Error ? err.message : String(err);
    result = {
      diagnostics: [
        {
          severity: "error",
          code: "internal_error",
          message: `Internal error while checking the config: ${message}`,
        },
      ],
    };
  }
  result.diagnostics.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  return result;
}

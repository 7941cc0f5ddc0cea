/** Reading configs in the strategy-era models, and reading plans of them, for the tests. */
import type { Diagnostic } from "../../../functions/core/errors";
import type { StrategyConfig } from "../../../functions/core/models/strategy-config";
import { loadV013 } from "../../../functions/core/models/v013/load";
import { readV013 } from "../../../functions/core/models/v013/reader";
import { loadRegistry } from "../../../functions/core/models/v016/load";
import { strategyOf } from "../../../functions/core/models/v016/strategy";

export interface Read {
  readonly config: StrategyConfig;
  readonly diagnostics: readonly Diagnostic[];
}

/** A v0.13–v0.15 text (TOML or flat JSON) read with the boot defaults under it. */
export function read13(text: string): Read {
  return readV013(loadV013(text));
}

/** A v0.16 text read as registry objects, with the safe defaults. */
export function read16(text: string): Read {
  const loaded = loadRegistry(text);
  const read = strategyOf(loaded.registry);
  return { config: read.config, diagnostics: [...loaded.diagnostics, ...read.diagnostics] };
}

export const codes = (ds: readonly Diagnostic[]): string[] => ds.map((d) => d.code);

/** The diagnostics of one code. */
export const withCode = (ds: readonly Diagnostic[], code: string): Diagnostic[] =>
  ds.filter((d) => d.code === code);

/** The text a diagnostic points at. */
export const at = (text: string, d: Diagnostic | undefined): string =>
  d?.start === undefined ? "" : text.slice(d.start, d.end);

/**
 * v0.13–v0.15 text → the settings Stalwart would hold, as one sorted key map with the
 * place of every key written: a TOML file (Stalwart's parser with the v0.13.1 key rule,
 * which takes any character in an unquoted key) or a flat JSON settings export
 * (flat-json.ts), with the database's boot defaults merged under it as Stalwart merges
 * them at start (boot-defaults.ts). The web admin's `.0` / `.0.if` keys are just keys.
 */
import { configOf, type LoadedConfig, loadConfig } from "../../config/toml/loaded-config";
import { ConfigEntry } from "../../config/toml/parser";
import { MappedText } from "../../config/toml/strings";
import { CoreError, CoreErrorCode, type Diagnostic } from "../../errors";
import { count, LIMITS, limitMessage } from "../../limits";
import { ModelCode } from "../codes";
import { textKind } from "../detect";
import type { JsonDocument } from "../json/parse";
import { BOOT_DEFAULTS } from "./boot-defaults";
import { type FlatJsonEntry, readFlatJson } from "./flat-json";

export interface V013Settings {
  /** The submitted keys with the boot defaults under them. */
  readonly config: LoadedConfig;
  /** The keys as submitted (for mixed-config warnings and detection). */
  readonly submitted: LoadedConfig;
  /** Keys that come from the boot defaults: they have no place in the text. */
  readonly defaulted: ReadonlySet<string>;
  readonly form: "toml" | "flat-json";
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The settings; throws the error Stalwart refuses the TOML file with (CoreError, placed).
 * `parsed`: the TOML already read (a file v0.12.5's key rule reads is read the same by
 * v0.13.1's, which only accepts more characters in keys).
 */
export function loadV013(text: string, parsed?: LoadedConfig | JsonDocument): V013Settings {
  const diagnostics: Diagnostic[] = [];
  const form = textKind(text) === "json" ? "flat-json" : "toml";
  const submitted =
    form === "flat-json"
      ? loadFlatJson(
          text,
          diagnostics,
          parsed !== undefined && "values" in parsed ? parsed : undefined,
        )
      : parsed !== undefined && "keys" in parsed
        ? parsed
        : loadConfig(text, { keyRule: "v0.13" });
  // An export of the database holds the defaults of each definition it has, less the keys
  // the admin deleted: merging them again would hide what Stalwart really holds. A
  // definition it has no key of (an excerpt, or `/api/settings/list` of one prefix) is
  // read with its first-start keys, as Stalwart holds it unless someone deleted it all.
  const exported =
    form === "flat-json"
      ? DEFINITIONS.filter((def) => submitted.keysUnder(`${def}.`).length > 0)
      : [];
  const added = DEFAULT_ENTRIES.filter((d) => !exported.includes(definitionOf(d.key)));
  const config = configOf(text, added, submitted);
  const defaulted = new Set(added.filter((d) => !submitted.has(d.key)).map((d) => d.key));
  diagnostics.push(defaultsNote(exported), ...mergedLists(config, submitted, defaulted));
  return { config, submitted, defaulted, form, diagnostics };
}

/** The definition a boot default belongs to: `queue.<kind>.<id>`, which is written whole. */
function definitionOf(key: string): string {
  return key.split(".", 3).join(".");
}

/** A flat JSON settings export as a config: its keys, each value placed in the text. */
export function loadFlatJson(
  text: string,
  diagnostics: Diagnostic[],
  doc?: JsonDocument,
): LoadedConfig {
  const flat = readFlatJson(text, doc);
  diagnostics.push(...flat.diagnostics);
  if (flat.entries.length > LIMITS.configKeys) {
    throw new CoreError(
      CoreErrorCode.ConfigLimit,
      limitMessage(`The export has ${count(flat.entries.length)} keys`, LIMITS.configKeys, "keys"),
      { start: 0, end: 0 },
    );
  }
  return configOf(text, flat.entries.map(placed));
}

/** A flat JSON entry as a config entry, each unit of its value mapped to its place. */
function placed(e: FlatJsonEntry): ConfigEntry {
  const value = new MappedText(e.sourceOffset(0), e.sourceOffset(e.value.length));
  for (let i = 0; i < e.value.length; i++) value.push(e.value[i] ?? "", e.sourceOffset(i));
  return new ConfigEntry(e.key, value, e.keyStart, e.keyEnd, e.valueStart, e.valueEnd);
}

/** The definitions the boot defaults write, in their order. */
const DEFINITIONS: readonly string[] = [
  ...new Set(BOOT_DEFAULTS.map(([key]) => definitionOf(key))),
];

/** The boot defaults as config entries, made once: they are the same for every config. */
const DEFAULT_ENTRIES: readonly ConfigEntry[] = BOOT_DEFAULTS.map(([key, value]) =>
  unplaced(key, value),
);

/** A database key: no place in the text (readers leave its diagnostics unplaced). */
function unplaced(key: string, value: string): ConfigEntry {
  const text = new MappedText(0);
  text.value = value;
  return new ConfigEntry(key, text, 0, 0, 0, 0);
}

function defaultsNote(exported: readonly string[]): Diagnostic {
  const merged =
    "as Stalwart merges them under its config file at every start: a key written here wins";
  if (exported.length === 0) {
    return {
      severity: "info",
      code: ModelCode.BootDefaults,
      message: `Read together with the keys Stalwart v0.13–v0.15 writes to its database at first start (routes mx and local, connection default with timeout.connect, TLS strategies default and invalid-tls, schedules local, remote, dsn and report), ${merged}`,
    };
  }
  const others = DEFINITIONS.filter((def) => !exported.includes(def));
  const rest =
    others.length === 0
      ? "the first-start defaults are not added again"
      : `the first-start keys of ${others.join(", ")}, which it holds no key of, are added (${merged})`;
  return {
    severity: "info",
    code: ModelCode.ExportHoldsDefaults,
    message: `This export holds the database's own keys of ${exported.join(", ")}, read as Stalwart holds them (a key deleted there stays deleted); ${rest}`,
  };
}

/**
 * A list written here (`retry = [..]`: `retry.0000`, …) beside the database's list of the
 * same key (`retry.0`, …): Stalwart reads both as one list, ordered by key.
 */
function mergedLists(
  config: LoadedConfig,
  submitted: LoadedConfig,
  defaulted: ReadonlySet<string>,
): Diagnostic[] {
  const parents = new Set<string>();
  for (const key of defaulted) {
    const m = /^(.*)\.\d+$/.exec(key);
    if (m?.[1] !== undefined) parents.add(m[1]);
  }
  const items = (c: LoadedConfig, parent: string) =>
    c.entriesUnder(`${parent}.`).filter((e) => /^\d+$/.test(e.key.slice(parent.length + 1)));
  const out: Diagnostic[] = [];
  for (const parent of parents) {
    const first = items(submitted, parent)[0];
    if (first === undefined) continue;
    const merged = items(config, parent).map((e) => e.value);
    out.push({
      severity: "warning",
      code: ModelCode.MergedList,
      message: `The database holds its own ${parent} list from Stalwart's first start, and the list written here does not replace it: Stalwart reads the keys of both as one list, in key order: [${merged.join(", ")}]. Change the list in the web admin (or delete the database's keys) instead`,
      key: first.key,
      start: first.keyStart,
      end: first.keyEnd,
    });
  }
  return out;
}

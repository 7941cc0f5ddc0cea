/**
 * The keys the TOML editor completes and explains, for the Stalwart version the config is
 * read as (the picker's choice, or what Auto detected): ≤ v0.12's `queue.outbound.*`
 * settings, or v0.13–v0.15's selectors and named definitions. One shape for both, so
 * completion.ts and hover.ts do not care which.
 */
import {
  ALL_VARIABLES,
  type ModelName,
  SETTINGS,
  settingFor,
  type V013_KEYS,
  V013_VARIABLES,
  v013KeyFor,
  v013KeysIn,
} from "../core-adapter";

export interface KeyDoc {
  /** The key, or its pattern (`queue.route.<id>.type`). */
  readonly key: string;
  readonly description: string;
  readonly defaultValue: string;
  /** An expression's variables; empty for plain values. */
  readonly variables: readonly string[];
  /** Key-specific constants (v0.12's strategies). */
  readonly constants: readonly string[];
  /** Values to complete at `key = `, as written in TOML. */
  readonly values: readonly string[];
  /** What the `values` are, in the completion list. */
  readonly valueDetail?: string;
  /** The key completes with a quoted value to type over, holding this; else `values[0]`. */
  readonly placeholder?: string;
  readonly docs: string;
}

export interface Catalog {
  readonly version: "v0.12" | "v0.13";
  /** Keys that may be written in `[table]` ("" at the top), relative to it. */
  keysIn(table: string): { readonly rel: string; readonly doc: KeyDoc }[];
  keyFor(key: string): KeyDoc | undefined;
  /** Every variable the version knows (an expression outside a known key). */
  readonly variables: readonly string[];
}

/** Values to start with at v0.12 keys that are not strategies (the docs' own examples). */
const V012_VALUE_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  "queue.outbound.source-ip.v4": [`"['192.0.2.10']"`, `"['192.0.2.10', '192.0.2.11']"`],
  "queue.outbound.source-ip.v6": [`"['2001:db8::a']"`, `"['2001:db8::a', '2001:db8::b']"`],
};

function v012Doc(key: string): KeyDoc | undefined {
  const s = settingFor(key);
  if (!s) return undefined;
  return {
    ...s,
    values: [...s.constants.map((c) => `"${c}"`), ...(V012_VALUE_EXAMPLES[key] ?? [])],
    valueDetail: "an expression string holding a list of addresses",
    placeholder: s.defaultValue,
  };
}

const V012: Catalog = {
  version: "v0.12",
  keysIn(table) {
    const prefix = table ? `${table}.` : "";
    return SETTINGS.filter((s) => s.key.startsWith(prefix)).flatMap((s) => {
      const doc = v012Doc(s.key);
      return doc ? [{ rel: s.key.slice(prefix.length), doc }] : [];
    });
  },
  keyFor: v012Doc,
  variables: ALL_VARIABLES,
};

const v013Doc = (info: (typeof V013_KEYS)[number]): KeyDoc => ({
  ...info,
  key: info.pattern,
  constants: [],
});

const V013: Catalog = {
  version: "v0.13",
  keysIn: (table) => v013KeysIn(table).map(({ rel, info }) => ({ rel, doc: v013Doc(info) })),
  keyFor(key) {
    const info = v013KeyFor(key);
    return info ? v013Doc(info) : undefined;
  },
  variables: V013_VARIABLES,
};

export const catalogFor = (model: ModelName): Catalog => (model === "v0.13" ? V013 : V012);

let current: ModelName = "v0.12";

/** The version the editor's text is read as now (live-diagnostics.ts keeps it current). */
export const currentCatalog = (): Catalog => catalogFor(current);
export const editorModel = (): ModelName => current;
export function setEditorModel(model: ModelName): void {
  current = model;
}

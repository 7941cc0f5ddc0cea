/**
 * Monaco's JSON mode for the JSON configs (v0.16 registry objects, v0.13 settings
 * exports), loaded the first time such a text is met: its language service runs in a
 * worker of its own, and validation, completion and hover descriptions come from the
 * v0.16 registry's JSON Schema, which the core makes from the zod schemas its reader
 * validates with (core-adapter registrySchema). An NDJSON snapshot is several JSON values
 * one after the other, which the JSON language service reads as one broken document:
 * there it colours and folds, and the core's reader (live diagnostics) checks each line.
 */
import { jsonDefaults } from "monaco-editor/languages/features/json/register";
import { registrySchema } from "../core-adapter";

export const JSON_LANGUAGE = "json";

const SCHEMA_URI = "inmemory://playground/stalwart-v016-registry.schema.json";

let schema: Promise<Record<string, unknown>> | null = null;
/** The options last given, so an unchanged reading does not restart the service. */
let applied = "";

/**
 * `modelUri`'s JSON checked as v0.16 registry objects (`registry`), or only as JSON (a
 * v0.13 settings export); `single`: one JSON value, which the language service can check.
 */
export async function configureJson(
  modelUri: string,
  opts: { readonly registry: boolean; readonly single: boolean },
  container: HTMLElement,
): Promise<void> {
  // What the JSON service checks, on the editor's container (for readers, and tests).
  container.dataset.jsonCheck = opts.single ? (opts.registry ? "v0.16-schema" : "json") : "off";
  const key = `${modelUri} ${opts.registry} ${opts.single}`;
  if (key === applied) return;
  schema ??= registrySchema();
  const registry = opts.registry ? await schema : null;
  applied = key;
  jsonDefaults.setDiagnosticsOptions({
    validate: opts.single,
    // Stalwart's serde_json refuses comments; the core says so at their place too.
    allowComments: false,
    enableSchemaRequest: false,
    schemaValidation: "error",
    schemas: registry ? [{ uri: SCHEMA_URI, fileMatch: [modelUri], schema: registry }] : [],
  });
}

/**
 * The config read as the chosen Stalwart version would read it, for the editor: the
 * model the core used (`auto` decides from what the text holds), why, how the text is
 * written (TOML, one JSON value, or NDJSON lines) and every finding, as live markers.
 * The core's own reader (models/read-model.ts, the one /api/evaluate uses), loaded when
 * first used.
 */
import type { ModelName, RequestedModel } from "../../../functions/core/contract/strategy";
import type { CoreError, Diagnostic } from "../../../functions/core/errors";

export type TextForm = "toml" | "json" | "ndjson";

export interface ConfigReading {
  readonly model: ModelName;
  /** One sentence naming the evidence and its line (the plan's `modelReason`). */
  readonly reason: string;
  /**
   * `ndjson`: several JSON values one after the other (a `stalwart-cli snapshot`), which
   * a JSON editor cannot check as one document: the core checks them line by line.
   */
  readonly form: TextForm;
  /**
   * false when Stalwart would refuse the text (a TOML syntax error, often a string still
   * being typed): Auto's choice then says little about the version it is written for.
   */
  readonly readable: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

const load = () =>
  Promise.all([
    import("../../../functions/core/models/read-model"),
    import("../../../functions/core/models/detect"),
    import("../../../functions/core/models/json/split"),
    import("../../../functions/core/meter"),
    import("../../../functions/core/errors"),
  ]);

const errorDiagnostic = (e: CoreError): Diagnostic => ({
  severity: "error",
  code: e.code,
  message: e.message,
  ...(e.range ?? {}),
});

export async function readConfigText(
  text: string,
  requested: RequestedModel,
): Promise<ConfigReading> {
  const [{ readModel }, { textKind }, { splitJsonValues }, { Meter }, { CoreError }] = await load();
  const form: TextForm =
    textKind(text) === "toml"
      ? "toml"
      : splitJsonValues(text).segments.length > 1
        ? "ndjson"
        : "json";
  try {
    const read = readModel(text, requested, new Meter());
    if ("loadError" in read) {
      const diagnostics = [errorDiagnostic(read.loadError)];
      return { model: read.model, reason: read.reason, form, readable: false, diagnostics };
    }
    const v012 = read.model === "v0.12" ? read.analysis : undefined;
    return {
      model: read.model,
      reason: read.reason,
      form,
      readable: v012?.loadError === undefined,
      diagnostics: v012 ? [...v012.diagnostics, ...read.diagnostics] : read.diagnostics,
    };
  } catch (e) {
    // A limit of the reader (size, keys, cost): said at its place, as /api/evaluate would.
    if (!(e instanceof CoreError)) throw e;
    const model = requested === "auto" ? (form === "toml" ? "v0.12" : "v0.16") : requested;
    return { model, reason: e.message, form, readable: false, diagnostics: [errorDiagnostic(e)] };
  }
}

/**
 * The v0.16 registry objects' JSON Schema (from the zod schemas the reader validates
 * with: models/v016/json-schema.ts), for Monaco's JSON mode.
 */
export async function registrySchema(): Promise<Record<string, unknown>> {
  const { registryJsonSchema } = await import("../../../functions/core/models/v016/json-schema");
  return registryJsonSchema();
}

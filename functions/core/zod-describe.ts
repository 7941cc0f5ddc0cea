/**
 * A schema's description for the JSON Schemas made from it (/api/openapi.json, Monaco's
 * v0.16 schema). The contract's schemas are on `zod/mini`, which has no `.describe()`:
 * this is what classic zod's `.describe()` did (a copy of the schema carrying the
 * description in the global registry), so the JSON Schemas stay as they were. `z.describe()`
 * would instead add a check, run on every parse, and mark the copy as a refinement of the
 * original, which the JSON Schema then writes as a `$ref` to it.
 */
import * as z from "zod/mini";

export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, { description });
  return copy;
}

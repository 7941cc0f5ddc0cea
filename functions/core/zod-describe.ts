/**
 * A schema's description for the JSON Schemas made from it (/api/openapi.json, Monaco's
 * v0.16 schema). `zod/mini` has no `.describe()`: this is what classic zod's did, a copy
 * of the schema registered with its description. `z.describe()` makes the same JSON
 * Schemas but is a check, run on every parse of every described field.
 */
import * as z from "zod/mini";

export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, { description });
  return copy;
}

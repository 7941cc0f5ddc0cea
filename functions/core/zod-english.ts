/**
 * zod's messages in English, for the parses whose messages reach the user (the API's
 * `invalid_field`, the v0.16 reader's diagnostics). `zod/mini` installs no locale, so
 * without a map every message would be "Invalid input". Passed to each such parse
 * (`schema.safeParse(x, { ...ENGLISH })`) rather than set globally with `z.config`, so no
 * message depends on which module ran first.
 *
 * A wrong type, a value out of range and a value not among the allowed ones say what was
 * expected in words, bounds included, read from the schema's JSON Schema ("expected a
 * whole number from 0 to 1,000,000; found 2.5"): zod's own words name its internal types
 * ("expected int, received number") and leave the other bound out. Any other issue keeps
 * zod's English. Every message ends with what was found.
 */

import { en } from "zod/locales";
import * as z from "zod/mini";
import { count } from "./limits";

type JsonSchema = z.core.JSONSchema.JSONSchema;

const zodEnglish = en().localeError;

/** The issues whose schema says what was expected. */
const DESCRIBED = new Set([
  "invalid_type",
  "too_small",
  "too_big",
  "invalid_value",
  "invalid_union",
]);

/** A value as a message shows what was found: its JSON, or its size when that is long. */
export function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string" && value.length > 60)
    return `a string of ${count(value.length)} characters`;
  const text = JSON.stringify(value) ?? String(value);
  if (text.length <= 60) return text;
  return Array.isArray(value)
    ? `an array of ${count(value.length)} elements`
    : `${text.slice(0, 59)}…`;
}

function message(iss: z.core.$ZodRawIssue): string {
  const expected =
    DESCRIBED.has(iss.code) && iss.schema !== undefined ? expectation(iss.schema) : undefined;
  if (expected !== undefined) return `expected ${expected}; found ${shown(iss.input)}`;
  const zod = zodEnglish(iss);
  const text = typeof zod === "string" ? zod : (zod?.message ?? "Invalid input");
  return `${text}; found ${shown(iss.input)}`;
}

export const ENGLISH = { error: message } as const;

/** What `schema` accepts, in words; undefined when its JSON Schema does not say. */
function expectation(schema: z.core.$ZodType): string | undefined {
  try {
    return phrase(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }));
  } catch {
    return undefined;
  }
}

function phrase(s: JsonSchema): string | undefined {
  const values = allowedValues(s);
  if (values !== undefined) {
    const shownValues = values.map((v) => JSON.stringify(v));
    return values.length === 1 ? shownValues.join("") : `one of ${or(shownValues)}`;
  }
  if (s.anyOf !== undefined) {
    const parts = s.anyOf.map(phrase);
    return parts.every((p) => p !== undefined && p !== "an object") ? or(parts) : undefined;
  }
  switch (s.type) {
    case "integer":
      return `a whole number${range(s.minimum, s.maximum)}`;
    case "number":
      return `a number${range(s.minimum, s.maximum)}`;
    case "string":
      return sized("a string", "a non-empty string", s.minLength, s.maxLength, "characters");
    case "array":
      return sized("an array", "a non-empty array", s.minItems, s.maxItems, "elements");
    case "boolean":
      return "true or false";
    case "null":
      return "null";
    case "object":
      return "an object";
    default:
      return undefined;
  }
}

/** The values of an enum, a const, or alternatives of them (`z.union([z.enum(…), z.literal("")])`). */
function allowedValues(s: JsonSchema): unknown[] | undefined {
  if (s.enum !== undefined) return s.enum;
  if (s.const !== undefined) return [s.const];
  if (s.anyOf === undefined) return undefined;
  const each = s.anyOf.map(allowedValues);
  return each.every((v) => v !== undefined) ? each.flat() : undefined;
}

/** `a, b or c`. */
function or(parts: readonly (string | undefined)[]): string {
  const last = parts[parts.length - 1] ?? "";
  return parts.length < 2 ? last : `${parts.slice(0, -1).join(", ")} or ${last}`;
}

/** A number's bounds; those of a safe integer (any integer zod takes) go unsaid. */
function range(min: number | undefined, max: number | undefined): string {
  const lo = min !== undefined && min > Number.MIN_SAFE_INTEGER ? min : undefined;
  const hi = max !== undefined && max < Number.MAX_SAFE_INTEGER ? max : undefined;
  if (lo !== undefined && hi !== undefined) return ` from ${count(lo)} to ${count(hi)}`;
  if (lo !== undefined) return ` of at least ${count(lo)}`;
  if (hi !== undefined) return ` of at most ${count(hi)}`;
  return "";
}

/** A length's bounds. */
function sized(
  what: string,
  nonEmpty: string,
  min: number | undefined,
  max: number | undefined,
  unit: string,
): string {
  const lo = min ?? 0;
  if (max !== undefined) {
    if (lo === max) return `${what} of ${count(max)} ${unit}`;
    return lo > 0
      ? `${what} of ${count(lo)} to ${count(max)} ${unit}`
      : `${what} of at most ${count(max)} ${unit}`;
  }
  if (lo === 1) return nonEmpty;
  return lo > 1 ? `${what} of at least ${count(lo)} ${unit}` : what;
}

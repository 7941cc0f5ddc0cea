/**
 * The other response bodies (shared/spec/api.md): the expression console's value, the
 * health check and the one error envelope of every route.
 */
import * as z from "zod/mini";
import { described } from "../zod-describe";
import { PLACE } from "./plan";

/** Plain JSON for `value` (the contract's `<JSON value>`); `type` carries the kind. */
export type PlainJson = string | number | readonly PlainJson[];
const PlainJsonSchema: z.ZodMiniType<PlainJson> = z.lazy(() =>
  z.union([z.string(), z.number(), z.readonly(z.array(PlainJsonSchema))]),
);

export const ExpressionResponseSchema = z.readonly(
  z.object({
    value: described(
      PlainJsonSchema,
      "Integers outside JSON's safe range are strings with type `integer`.",
    ),
    type: z.enum(["string", "integer", "float", "array"]),
    notes: z.optional(
      z.readonly(z.array(z.readonly(z.object({ code: z.string(), message: z.string() })))),
    ),
  }),
);
export type ExpressionResponse = z.infer<typeof ExpressionResponseSchema>;

export const HealthResponseSchema = z.object({ ok: z.literal(true), version: z.string() });

export const ErrorBodySchema = z.object({
  code: described(z.string(), "Stable snake_case identifier: assert on it, never on `message`."),
  message: z.string(),
  ...PLACE,
  key: z.optional(z.string()),
  field: described(z.optional(z.string()), "Dotted path of the request field at fault."),
});
export const ErrorSchema = z.object({ error: ErrorBodySchema });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

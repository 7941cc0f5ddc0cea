/**
 * A JSON Schema (draft-07, which Monaco's JSON mode reads) of the v0.16 input, made from
 * the zod schemas that validate it (`z.toJSONSchema`), so the editor's validation,
 * completion and hover descriptions say what the reader says. It describes one JSON value:
 * a registry object (any of the six, each with its fields, defaults and descriptions), an
 * array of them, a plan line, a JMAP `…/get` response or its arguments.
 *
 * An NDJSON snapshot (several plan lines, one per line) is not one JSON value; a JSON
 * editor flags the second line whatever the schema says, so the playground's NDJSON text
 * is checked by the reader (input.ts), line by line, not by this schema.
 */
import * as z from "zod/mini";
import { described } from "../../zod-describe";
import { REGISTRY_SCHEMAS, REGISTRY_TYPES, type RegistryType, ROUTE_VARIANTS } from "./object-type";

/** Any registry object the outbound plan reads, as `get --json` prints one. */
const RegistryObject = z.union([
  REGISTRY_SCHEMAS.MtaOutboundStrategy,
  REGISTRY_SCHEMAS.MtaRoute,
  REGISTRY_SCHEMAS.MtaConnectionStrategy,
  REGISTRY_SCHEMAS.MtaTlsStrategy,
  REGISTRY_SCHEMAS.MtaDeliverySchedule,
  REGISTRY_SCHEMAS.SystemSettings,
]);

/** The fields an `update` line may give (any subset; a route's of its variant). */
function partial(type: RegistryType): z.ZodMiniType {
  if (type !== "MtaRoute") return z.partial(REGISTRY_SCHEMAS[type]);
  return z.union([
    z.partial(ROUTE_VARIANTS.Mx),
    z.partial(ROUTE_VARIANTS.Relay),
    z.partial(ROUTE_VARIANTS.Local),
  ]);
}

const objectName = (type: RegistryType) => z.enum([type, `x:${type}`]);

/** `stalwart-cli apply` plan lines (stalwartlabs/cli src/commands/apply.rs `RawOp`). */
const PlanLine = z.union(
  REGISTRY_TYPES.flatMap((type) => [
    z.object({
      "@type": z.enum(["create", "upsert"]),
      object: objectName(type),
      matchOn: z.optional(z.array(z.string())),
      value: described(
        z.record(z.string(), REGISTRY_SCHEMAS[type]),
        `${type} objects by client id`,
      ),
    }),
    z.object({
      "@type": z.literal("update"),
      object: objectName(type),
      id: described(
        z.optional(z.string()),
        '"#<client id>" of an object created above; none for a singleton',
      ),
      value: partial(type),
    }),
    z.object({
      "@type": z.literal("destroy"),
      object: objectName(type),
      value: z.optional(z.unknown()),
    }),
  ]),
);

const GetArguments = z.looseObject({
  accountId: z.optional(z.string()),
  state: z.optional(z.string()),
  list: described(z.array(RegistryObject), "The objects, as x:<Type>/get returns them"),
  notFound: z.optional(z.array(z.string())),
});

const JmapEnvelope = z.looseObject({
  methodResponses: described(
    z.array(z.tuple([described(z.string(), '"x:<Type>/get"'), z.looseObject({}), z.string()])),
    "JMAP method responses: [name, arguments, call id]",
  ),
  sessionState: z.optional(z.string()),
});

export const RegistryInputSchema = described(
  z.union([
    RegistryObject,
    z.array(z.union([RegistryObject, PlanLine])),
    PlanLine,
    JmapEnvelope,
    GetArguments,
  ]),
  "Stalwart v0.16 outbound settings: a registry object (stalwart-cli get --json), an array of them (the docs), a stalwart-cli snapshot plan line, or a JMAP x:<Type>/get response",
);

/** The JSON Schema for Monaco's JSON mode (`monaco.languages.json.jsonDefaults`). */
export function registryJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(RegistryInputSchema, {
    target: "draft-07",
    io: "input",
    unrepresentable: "any",
    reused: "ref",
  });
}

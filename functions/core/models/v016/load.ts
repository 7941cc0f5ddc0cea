/**
 * v0.16 text → the registry Stalwart would hold: the objects read (input.ts), validated
 * (validate.ts), keyed by name, with the safe defaults (defaults.ts) for each type given
 * no valid object. The strategy planner reads this and nothing else of the text.
 */
import type * as z from "zod/mini";
import type { Diagnostic } from "../../errors";
import { ModelCode } from "../codes";
import type { JsonDocument } from "../json/parse";
import { type JsonNode, type JsonObject, member } from "../json/tree";
import { SAFE_DEFAULTS } from "./defaults";
import { type InputObject, readRegistryInput } from "./input";
import {
  REGISTRY_SCHEMAS,
  type RegistryType,
  type RegistryValue,
  ROUTE_VARIANTS,
  routeVariantOf,
} from "./object-type";
import {
  MtaConnectionStrategySchema,
  MtaDeliveryScheduleSchema,
  MtaOutboundStrategySchema,
  type MtaRoute,
  MtaRouteSchema,
  MtaTlsStrategySchema,
  SystemSettingsSchema,
} from "./registry";
import { type ValidationContext, validateObject } from "./validate";

export interface RegistryObject<V> {
  readonly type: RegistryType;
  /** The validated `name` (singletons have none). */
  readonly name: string | undefined;
  readonly value: V;
  /** Where it was written; undefined for a safe default. */
  readonly node: JsonObject | undefined;
  /** Readable key for diagnostics: `MtaRoute[smarthost]`. */
  readonly key: string;
  /** Top-level fields holding their default (absent or refused): no position to show. */
  readonly defaulted: ReadonlySet<string>;
}

export interface Registry {
  readonly outbound: RegistryObject<RegistryValue<"MtaOutboundStrategy">>;
  /** Absent when not given: the server hostname (EHLO fallback) is then unknown. */
  readonly system: RegistryObject<RegistryValue<"SystemSettings">> | undefined;
  readonly routes: ReadonlyMap<string, RegistryObject<RegistryValue<"MtaRoute">>>;
  readonly connections: ReadonlyMap<string, RegistryObject<RegistryValue<"MtaConnectionStrategy">>>;
  readonly tls: ReadonlyMap<string, RegistryObject<RegistryValue<"MtaTlsStrategy">>>;
  readonly schedules: ReadonlyMap<string, RegistryObject<RegistryValue<"MtaDeliverySchedule">>>;
  /** The types given no valid object, which hold Stalwart's safe defaults. */
  readonly safeDefaults: readonly RegistryType[];
}

export interface LoadedRegistry {
  readonly registry: Registry;
  readonly diagnostics: readonly Diagnostic[];
}

/** `doc`: the text already parsed, if it was. */
export function loadRegistry(text: string, doc?: JsonDocument): LoadedRegistry {
  const input = readRegistryInput(text, doc);
  const diagnostics = [...input.diagnostics];
  const safeDefaults: RegistryType[] = [];
  const read = <S extends z.ZodMiniType>(
    type: RegistryType,
    schema: S,
  ): RegistryObject<z.output<S>>[] =>
    input.objects.filter((o) => o.type === type).flatMap((o) => validated(o, schema, diagnostics));
  const named = <V extends { name: string }>(
    given: RegistryObject<V>[],
    type: RegistryType,
    defaults: readonly V[],
  ) => {
    if (given.length === 0) safeDefaults.push(type);
    const objects =
      given.length > 0 ? given : defaults.map((value) => safeDefault(type, value, value.name));
    return new Map(objects.map((o) => [o.value.name, o] as const));
  };
  const routes = read("MtaRoute", MtaRouteSchema);
  diagnostics.push(...routes.flatMap(strippedSecret));
  const registry: Registry = {
    routes: named(routes, "MtaRoute", SAFE_DEFAULTS.MtaRoute),
    connections: named(
      read("MtaConnectionStrategy", MtaConnectionStrategySchema),
      "MtaConnectionStrategy",
      SAFE_DEFAULTS.MtaConnectionStrategy,
    ),
    tls: named(
      read("MtaTlsStrategy", MtaTlsStrategySchema),
      "MtaTlsStrategy",
      SAFE_DEFAULTS.MtaTlsStrategy,
    ),
    schedules: named(
      read("MtaDeliverySchedule", MtaDeliveryScheduleSchema),
      "MtaDeliverySchedule",
      SAFE_DEFAULTS.MtaDeliverySchedule,
    ),
    outbound:
      read("MtaOutboundStrategy", MtaOutboundStrategySchema)[0] ??
      safeDefault("MtaOutboundStrategy", SAFE_DEFAULTS.MtaOutboundStrategy, undefined),
    system: read("SystemSettings", SystemSettingsSchema)[0],
    safeDefaults,
  };
  for (const type of safeDefaults) {
    diagnostics.push({
      severity: "info",
      code: ModelCode.SafeDefaults,
      message: `No valid ${type} object given: Stalwart writes its safe defaults when a type has none (${[...namesOf(registry, type)].join(", ")}), and the plan uses them`,
    });
  }
  // In text order (stable), the notes that have no place last.
  diagnostics.sort(
    (a, b) => (a.start ?? Number.POSITIVE_INFINITY) - (b.start ?? Number.POSITIVE_INFINITY),
  );
  return { registry, diagnostics };
}

function namesOf(registry: Registry, type: RegistryType): Iterable<string> {
  if (type === "MtaRoute") return registry.routes.keys();
  if (type === "MtaConnectionStrategy") return registry.connections.keys();
  if (type === "MtaTlsStrategy") return registry.tls.keys();
  return registry.schedules.keys();
}

function safeDefault<V extends object>(
  type: RegistryType,
  value: V,
  name: string | undefined,
): RegistryObject<V> {
  const key = name === undefined ? type : `${type}[${name}]`;
  return { type, name, value, node: undefined, key, defaulted: new Set(Object.keys(value)) };
}

function context(input: InputObject): ValidationContext {
  if (input.type !== "MtaRoute") return { shape: REGISTRY_SCHEMAS[input.type].shape };
  const tag = member(input.object, "@type")?.value;
  const variant = tag?.kind === "string" && tag.value in ROUTE_VARIANTS ? tag.value : undefined;
  const suggested = routeVariantOf(input.object);
  return {
    shape:
      variant === "Mx" || variant === "Relay" || variant === "Local"
        ? ROUTE_VARIANTS[variant].shape
        : {},
    hint:
      variant === undefined && suggested !== undefined ? `add "@type": "${suggested}"` : undefined,
  };
}

function validated<S extends z.ZodMiniType>(
  input: InputObject,
  schema: S,
  out: Diagnostic[],
): RegistryObject<z.output<S>>[] {
  const result = validateObject(input, schema, context(input), out);
  if (result === undefined) return [];
  const value: unknown = result.value;
  notes(input, out);
  const name =
    typeof value === "object" && value !== null && "name" in value && typeof value.name === "string"
      ? value.name
      : undefined;
  return [
    {
      type: input.type,
      name,
      value: result.value,
      node: input.object,
      key: input.key,
      defaulted: result.defaulted,
    },
  ];
}

/** What Stalwart accepts but the reader should know: docs-style arrays. */
function notes(input: InputObject, out: Diagnostic[]): void {
  for (const m of input.object.members) arrays(m.value, `${input.key}.${m.key}`, out);
}

/** A relay with a username and a secret that `stalwart-cli snapshot` stripped. */
function strippedSecret(route: RegistryObject<MtaRoute>): Diagnostic[] {
  const value = route.value;
  if (value["@type"] !== "Relay" || value.authUsername == null) return [];
  const secret = value.authSecret;
  if (secret["@type"] !== "Value" || secret.secret !== undefined || route.node === undefined)
    return [];
  const at = member(route.node, "authSecret")?.value ?? route.node;
  return [
    {
      severity: "info",
      code: ModelCode.SecretStripped,
      message: `${route.key}: authSecret has no secret, as \`stalwart-cli snapshot\` writes it (secrets are left out unless --include-secrets). Stalwart sends AUTH only with both a username and a secret`,
      key: `${route.key}.authSecret`,
      start: at.start,
      end: at.end,
    },
  ];
}

function arrays(node: JsonNode, key: string, out: Diagnostic[]): void {
  if (node.kind === "array") {
    out.push({
      severity: "info",
      code: ModelCode.ListAsArray,
      message: `${key} is a JSON array, as the docs write lists; Stalwart's registry keys them as an object ({"0": …, "1": …}) and refuses an array ("Invalid value for object property"). The playground reads it in order`,
      key,
      start: node.start,
      end: node.end,
    });
  }
  const children =
    node.kind === "object"
      ? node.members.map((m) => [m.key, m.value] as const)
      : node.kind === "array"
        ? node.items.map((v, i) => [String(i), v] as const)
        : [];
  for (const [k, child] of children) arrays(child, `${key}.${k}`, out);
}

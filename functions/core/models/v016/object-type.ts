/**
 * The registry object types the outbound plan reads, their schemas, and how the type of a
 * bare object (one given without a plan line's `object` or a JMAP method name) is told
 * from its fields. Only `MtaRoute` objects carry `@type` (their variant); every other type
 * must be recognised by fields that belong to it alone.
 */
import type * as z from "zod/mini";
import type { JsonObject } from "../json/tree";
import { closest } from "../suggest";
import { REGISTRY_OBJECT_NAMES } from "./object-names";
import {
  MtaConnectionStrategySchema,
  MtaDeliveryScheduleSchema,
  MtaOutboundStrategySchema,
  MtaRouteLocalSchema,
  MtaRouteMxSchema,
  MtaRouteRelaySchema,
  MtaRouteSchema,
  MtaTlsStrategySchema,
  SystemSettingsSchema,
} from "./registry";

export const REGISTRY_SCHEMAS = {
  MtaOutboundStrategy: MtaOutboundStrategySchema,
  MtaRoute: MtaRouteSchema,
  MtaConnectionStrategy: MtaConnectionStrategySchema,
  MtaTlsStrategy: MtaTlsStrategySchema,
  MtaDeliverySchedule: MtaDeliveryScheduleSchema,
  SystemSettings: SystemSettingsSchema,
} as const;

export type RegistryType = keyof typeof REGISTRY_SCHEMAS;
export type RegistryValue<T extends RegistryType> = z.output<(typeof REGISTRY_SCHEMAS)[T]>;

export const REGISTRY_TYPES: readonly RegistryType[] = [
  "MtaOutboundStrategy",
  "MtaRoute",
  "MtaConnectionStrategy",
  "MtaTlsStrategy",
  "MtaDeliverySchedule",
  "SystemSettings",
];

/** Objects of which there is exactly one (JMAP id "singleton"): no name. */
export function isSingleton(type: RegistryType): boolean {
  return type === "MtaOutboundStrategy" || type === "SystemSettings";
}

export const ROUTE_VARIANTS = {
  Mx: MtaRouteMxSchema,
  Relay: MtaRouteRelaySchema,
  Local: MtaRouteLocalSchema,
} as const;

/** SystemSettings' fields (structs.rs @v0.16.18:5458); only defaultHostname is read. */
const SYSTEM_SETTINGS_FIELDS = [
  "defaultHostname",
  "defaultDomainId",
  "defaultCertificateId",
  "threadPoolSize",
  "maxConnections",
  "proxyTrustedNetworks",
  "mailExchangers",
  "services",
  "providerInfo",
];

const COMMON = new Set(["id", "@type", "name", "description"]);
const ownFields = (keys: Iterable<string>) => new Set([...keys].filter((k) => !COMMON.has(k)));

/** The fields only an object of each type has (its variants' fields, for routes). */
const FIELDS: ReadonlyMap<RegistryType, ReadonlySet<string>> = new Map<
  RegistryType,
  ReadonlySet<string>
>([
  ["MtaOutboundStrategy", ownFields(Object.keys(MtaOutboundStrategySchema.shape))],
  ["MtaConnectionStrategy", ownFields(Object.keys(MtaConnectionStrategySchema.shape))],
  ["MtaTlsStrategy", ownFields(Object.keys(MtaTlsStrategySchema.shape))],
  ["MtaDeliverySchedule", ownFields(Object.keys(MtaDeliveryScheduleSchema.shape))],
  ["SystemSettings", ownFields(SYSTEM_SETTINGS_FIELDS)],
  ["MtaRoute", ownFields(Object.values(ROUTE_VARIANTS).flatMap((v) => Object.keys(v.shape)))],
]);

/** A type name as written (`MtaRoute`, `x:MtaRoute`) → the type, if the plan reads it. */
export function registryType(name: string): RegistryType | undefined {
  const bare = name.replace(/^x:/, "");
  return REGISTRY_TYPES.find((t) => t === bare);
}

/** Whether Stalwart v0.16 has an object type of this name (read here or not). */
export function isStalwartObject(name: string): boolean {
  return REGISTRY_OBJECT_NAMES.has(name.replace(/^x:/, ""));
}

export function closestTypeName(name: string): string | undefined {
  return closest(name, REGISTRY_OBJECT_NAMES);
}

export type Inference =
  | { readonly type: RegistryType }
  /** An object with some other `@type` (a DataStore's `RocksDb`, …): not read here. */
  | { readonly foreignTag: string }
  | { readonly candidates: readonly RegistryType[] };

export function inferType(node: JsonObject): Inference {
  const tag = node.members.findLast((m) => m.key === "@type")?.value;
  if (tag?.kind === "string") {
    return tag.value in ROUTE_VARIANTS ? { type: "MtaRoute" } : { foreignTag: tag.value };
  }
  const keys = [...ownFields(node.members.map((m) => m.key))];
  const scored = [...FIELDS].map(([type, fields]) => {
    const known = keys.filter((k) => fields.has(k)).length;
    return { type, known, fits: keys.length > 0 && known === keys.length };
  });
  // A route always carries `@type`: it is only guessed when nothing else fits.
  const fitting = scored.filter((s) => s.fits && s.type !== "MtaRoute");
  if (fitting.length === 1 && fitting[0] !== undefined) return { type: fitting[0].type };
  if (fitting.length > 1) return { candidates: fitting.map((s) => s.type) };
  const best = Math.max(...scored.map((s) => s.known));
  const top = scored.filter((s) => s.known === best && best > 0);
  if (top.length === 1 && top[0] !== undefined) return { type: top[0].type };
  return { candidates: top.map((s) => s.type) };
}

/** The route variant whose fields an untagged route object has, for a hint. */
export function routeVariantOf(node: JsonObject): keyof typeof ROUTE_VARIANTS | undefined {
  const keys = ownFields(node.members.map((m) => m.key));
  if ([...keys].some((k) => k in MtaRouteRelaySchema.shape)) return "Relay";
  if ([...keys].some((k) => k in MtaRouteMxSchema.shape)) return "Mx";
  return undefined;
}

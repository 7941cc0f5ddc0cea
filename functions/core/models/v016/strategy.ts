/**
 * Stalwart v0.16 registry objects (load.ts: read, validated, safe defaults added) → the
 * StrategyConfig Stalwart would run (`QueueConfig::parse`, crates/common/src/config/smtp/
 * queue.rs @v0.16.18:209-420): the four expressions compiled with v0.16's language and
 * rules (compile.ts), routes (a relay address that parses as an IP used without DNS),
 * connection strategies (source addresses split by family in list order, each with its
 * own EHLO name), TLS strategies, schedules, and `SystemSettings.defaultHostname`.
 */
import { builtinIfBlock } from "../../config/if-block";
import { MACHINE_HOSTNAME } from "../../config/server-hostname";
import type { IpStrategy } from "../../config/settings";
import type { Diagnostic } from "../../errors";
import { parseIp } from "../../ip";
import { member } from "../json/tree";
import { checkTargets } from "../selector-targets";
import type {
  ConnectionDef,
  RouteDef,
  ScheduleDef,
  Selector,
  SelectorName,
  SourceIpDef,
  StrategyConfig,
  TlsDef,
  Written,
} from "../strategy-config";
import { relayNotes, staleAddresses } from "../strategy-notes";
import { SELECTOR_VARIABLES, v016Tokens } from "../strategy-tokens";
import { compileExpression, type Places } from "./compile";
import { DEFAULT_NOTIFY_SECONDS, DEFAULT_RETRY_SECONDS } from "./defaults";
import { expressionSource } from "./expression-source";
import { listNodes } from "./list";
import type { Registry, RegistryObject } from "./load";
import type { RegistryValue } from "./object-type";
import { OUTBOUND_DEFAULTS } from "./registry";

export interface V016Strategy {
  readonly config: StrategyConfig;
  readonly diagnostics: readonly Diagnostic[];
  /** Where each expression string was written, by branch key (`…route.match.0.then`). */
  readonly places: Places;
}

const LOOKUPS: Readonly<Record<string, IpStrategy>> = {
  v4ThenV6: "ipv4_then_ipv6",
  v6ThenV4: "ipv6_then_ipv4",
  v4Only: "ipv4_only",
  v6Only: "ipv6_only",
};

/** The virtual queues of the safe defaults, by id (defaults.rs @v0.16.18:170-190). */
const DEFAULT_QUEUES: Readonly<Record<string, string>> = {
  "0": "local",
  "1": "remote",
  "2": "dsn",
  "3": "report",
};

export function strategyOf(registry: Registry): V016Strategy {
  const diagnostics: Diagnostic[] = [];
  const places: Places = new Map();
  const selector = (name: SelectorName): Selector => {
    const key = `MtaOutboundStrategy.${name}`;
    const tokens = v016Tokens(name);
    const source = expressionSource(registry.outbound, name);
    const written = registry.outbound.value[name];
    const block =
      (source === undefined
        ? undefined
        : compileExpression(key, written, source, tokens, { diagnostics, places })) ??
      builtinIfBlock(
        key,
        { branches: OUTBOUND_DEFAULTS[name].match, else: OUTBOUND_DEFAULTS[name].else },
        tokens,
      );
    return { name, key, block, variables: SELECTOR_VARIABLES[name] };
  };
  const config: StrategyConfig = {
    model: "v0.16",
    selectors: {
      route: selector("route"),
      connection: selector("connection"),
      tls: selector("tls"),
      schedule: selector("schedule"),
    },
    routes: mapOf(registry.routes, route),
    connections: mapOf(registry.connections, connection),
    tls: mapOf(registry.tls, tls),
    schedules: mapOf(registry.schedules, schedule),
    hostname: hostname(registry),
  };
  const place = (key: string) => places.get(key);
  diagnostics.push(
    ...checkTargets(config, { droppedRoutes: new Map(), unregistered: new Set(), place }),
    ...relayNotes(
      config,
      (r, field) => `MtaRoute[${r.name}].${field === "tls" ? "implicitTls" : field}`,
      (key) => writtenField(registry, key),
      place,
    ),
    ...staleAddresses([config.selectors.connection, config.selectors.tls], place),
  );
  return { config, diagnostics, places };
}

function mapOf<V, D>(
  objects: ReadonlyMap<string, RegistryObject<V>>,
  convert: (o: RegistryObject<V>, origin: Pick<RouteDef, "origin" | "at">) => D,
): Map<string, D> {
  const out = new Map<string, D>();
  for (const [name, o] of objects) out.set(name, convert(o, originOf(o)));
  return out;
}

function originOf(o: RegistryObject<unknown>): Pick<RouteDef, "origin" | "at"> {
  if (o.node === undefined) return { origin: "default" };
  const at: Written = { key: o.key, start: o.node.start, end: o.node.end };
  return { origin: "config", at };
}

/** Whether `MtaRoute[name].field` is written in the text. */
function writtenField(registry: Registry, key: string): boolean {
  const m = /^MtaRoute\[(.*)\]\.([^.]+)$/.exec(key);
  const node = m?.[1] === undefined ? undefined : registry.routes.get(m[1])?.node;
  return node !== undefined && member(node, m?.[2] ?? "") !== undefined;
}

function route(
  o: RegistryObject<RegistryValue<"MtaRoute">>,
  base: Pick<RouteDef, "origin" | "at">,
): RouteDef {
  const v = o.value;
  const name = v.name;
  if (v["@type"] === "Local") return { kind: "local", name, ...base };
  if (v["@type"] === "Mx") {
    return {
      kind: "mx",
      name,
      maxMx: v.maxMxHosts,
      multihomed: v.maxMultihomed,
      ipLookup: LOOKUPS[v.ipLookupStrategy] ?? "ipv4_then_ipv6",
      ...base,
    };
  }
  const secret = v.authSecret;
  const hasSecret = secret["@type"] !== "None";
  return {
    kind: "relay",
    name,
    address: v.address,
    // `route.address.parse::<IpAddr>()` at load (queue.rs @v0.16.18:383-390).
    addressIp: parseIp(v.address)?.canonical ?? null,
    port: v.port,
    protocol: v.protocol,
    implicitTls: v.implicitTls,
    allowInvalidCerts: v.allowInvalidCerts,
    auth:
      v.authUsername != null && hasSecret
        ? {
            username: v.authUsername,
            secret:
              secret["@type"] === "Value" && secret.secret === undefined ? "stripped" : "given",
          }
        : null,
    ...base,
  };
}

function connection(
  o: RegistryObject<RegistryValue<"MtaConnectionStrategy">>,
  base: Pick<RouteDef, "origin" | "at">,
): ConnectionDef {
  const v = o.value;
  const nodes = listNodes(o.node === undefined ? undefined : member(o.node, "sourceIps")?.value);
  const v4: SourceIpDef[] = [];
  const v6: SourceIpDef[] = [];
  v.sourceIps.forEach((entry, i) => {
    const node = nodes[i];
    const at = node
      ? { key: `${o.key}.sourceIps.${node.key}`, start: node.node.start, end: node.node.end }
      : undefined;
    const def = {
      ip: entry.sourceIp,
      ...(entry.ehloHostname == null ? {} : { ehlo: entry.ehloHostname }),
      ...(at ? { at } : {}),
    };
    // Canonical already (the field's transform): an IPv6 address has a colon, IPv4 none.
    (entry.sourceIp.includes(":") ? v6 : v4).push(def);
  });
  return {
    name: v.name,
    v4,
    v6,
    ...(v.ehloHostname == null ? {} : { ehlo: v.ehloHostname }),
    timeouts: {
      connect: v.connectTimeout,
      greeting: v.greetingTimeout,
      ehlo: v.ehloTimeout,
      mailFrom: v.mailFromTimeout,
      rcptTo: v.rcptToTimeout,
      data: v.dataTimeout,
    },
    ...base,
  };
}

function tls(
  o: RegistryObject<RegistryValue<"MtaTlsStrategy">>,
  base: Pick<RouteDef, "origin" | "at">,
): TlsDef {
  const v = o.value;
  return {
    name: v.name,
    dane: v.dane,
    mtaSts: v.mtaSts,
    startTls: v.startTls,
    allowInvalidCerts: v.allowInvalidCerts,
    timeoutTls: v.tlsTimeout,
    timeoutMtaSts: v.mtaStsTimeout,
    ...base,
  };
}

const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;

function schedule(
  o: RegistryObject<RegistryValue<"MtaDeliverySchedule">>,
  base: Pick<RouteDef, "origin" | "at">,
): ScheduleDef {
  const v = o.value;
  const intervals = (list: typeof v.retry, defaults: readonly number[]) =>
    list["@type"] === "Default"
      ? defaults.map((s) => s * 1000)
      : list.intervals.map((i) => seconds(i.duration));
  return {
    name: v.name,
    retry: intervals(v.retry, DEFAULT_RETRY_SECONDS),
    notify: intervals(v.notify, DEFAULT_NOTIFY_SECONDS),
    expiry:
      v.expiry["@type"] === "Ttl"
        ? { kind: "ttl", ms: seconds(v.expiry.expire) }
        : { kind: "attempts", max: v.expiry.maxAttempts },
    queue: DEFAULT_QUEUES[v.queueId] ?? v.queueId,
    ...base,
  };
}

function hostname(registry: Registry): StrategyConfig["hostname"] {
  const system = registry.system;
  const value = system?.value.defaultHostname;
  if (system === undefined || value === undefined)
    return { value: MACHINE_HOSTNAME, from: "machine" };
  const node =
    system.node === undefined ? undefined : member(system.node, "defaultHostname")?.value;
  const at = node
    ? { key: "SystemSettings.defaultHostname", start: node.start, end: node.end }
    : undefined;
  return { value, from: "SystemSettings.defaultHostname", ...(at ? { at } : {}) };
}

/**
 * v0.16 registry objects → the definitions of a StrategyConfig, as `QueueConfig::parse`
 * builds them (crates/common/src/config/smtp/queue.rs @v0.16.18:330-420): a relay
 * address that parses as an IP is used without DNS, source addresses split by family in
 * list order with their own EHLO names, durations in milliseconds, schedule intervals in
 * whole seconds, and the safe default schedules' virtual queues by id.
 */
import { MACHINE_HOSTNAME } from "../../config/server-hostname";
import type { IpStrategy } from "../../config/settings";
import { parseIp } from "../../ip";
import { member } from "../json/tree";
import type {
  ConnectionDef,
  RouteDef,
  ScheduleDef,
  SourceIpDef,
  StrategyConfig,
  TlsDef,
} from "../strategy-config";
import { DEFAULT_NOTIFY_SECONDS, DEFAULT_RETRY_SECONDS } from "./defaults";
import { listNodes } from "./list";
import type { Registry, RegistryObject } from "./load";
import type { RegistryValue } from "./object-type";

type Base = Pick<RouteDef, "origin" | "at">;

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

export function route(o: RegistryObject<RegistryValue<"MtaRoute">>, base: Base): RouteDef {
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

export function connection(
  o: RegistryObject<RegistryValue<"MtaConnectionStrategy">>,
  base: Base,
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

export function tls(o: RegistryObject<RegistryValue<"MtaTlsStrategy">>, base: Base): TlsDef {
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

export function schedule(
  o: RegistryObject<RegistryValue<"MtaDeliverySchedule">>,
  base: Base,
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

export function hostname(registry: Registry): StrategyConfig["hostname"] {
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

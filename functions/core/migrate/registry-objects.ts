/**
 * The v0.16 registry objects of a migration (spec stalwart-strategy.md §3.1; field names,
 * enums and bounds as models/v016/registry*.ts read them, which follow @v0.16.18
 * structs.rs): every field stated, durations in milliseconds, lists keyed "0", "1", … as
 * the registry stores them, `implicitTls` explicit (its default flipped), expressions
 * rewritten for v0.16 (rewrite.ts). Where v0.16 refuses a ≤ v0.12 value (its minimums, its
 * host-name check) the nearest value it accepts is written, with a note.
 */
import type * as z from "zod/mini";
import type { IpStrategy } from "../config/settings";
import { SAFE_DEFAULTS } from "../models/v016/defaults";
import { hostnameValue } from "../models/v016/hostname";
import type {
  MtaConnectionStrategySchema,
  MtaDeliveryScheduleSchema,
  MtaOutboundStrategySchema,
  MtaRouteSchema,
  MtaTlsStrategySchema,
} from "../models/v016/registry";
import { connectionValues, maxMultihomed, maxMxHosts, relayPort } from "./registry-bounds";
import type { ConditionWriter } from "./rewrite";
import { describeOrigins, exprString, type Lines } from "./text";
import type {
  ConnectionDef,
  Migration,
  Note,
  RouteDef,
  ScheduleDef,
  Selector,
  TlsDef,
} from "./types";

type Input<S extends z.ZodMiniType> = z.input<S>;
type Schedule = Input<typeof MtaDeliveryScheduleSchema>;

/** The objects, by type: what the web UI takes one at a time (README "Migration"). */
export interface RegistryObjects {
  readonly MtaRoute: readonly Input<typeof MtaRouteSchema>[];
  readonly MtaConnectionStrategy: readonly Input<typeof MtaConnectionStrategySchema>[];
  readonly MtaTlsStrategy: readonly Input<typeof MtaTlsStrategySchema>[];
  readonly MtaDeliverySchedule: readonly Schedule[];
  readonly MtaOutboundStrategy: Input<typeof MtaOutboundStrategySchema>;
  readonly SystemSettings?: { readonly defaultHostname: string };
}

const IP_LOOKUP: Readonly<Record<IpStrategy, "v4ThenV6" | "v6ThenV4" | "v4Only" | "v6Only">> = {
  ipv4_then_ipv6: "v4ThenV6",
  ipv6_then_ipv4: "v6ThenV4",
  ipv4_only: "v4Only",
  ipv6_only: "v6Only",
};

/** A registry list: an object keyed "0", "1", … (crates/registry/src/types/list.rs). */
export function keyed<T>(items: readonly T[]): Record<string, T> {
  return Object.fromEntries(items.map((item, i) => [String(i), item]));
}

interface Context {
  readonly lines: Lines;
  readonly notes: Note[];
}

export function registryObjects(
  m: Migration,
  lines: Lines,
  notes: Note[],
  conditions: ConditionWriter,
): RegistryObjects {
  const cx: Context = { lines, notes };
  const own = new Set(m.schedules.map((s) => s.name));
  return {
    MtaRoute: m.routes.map((r) => route(r, cx)),
    MtaConnectionStrategy: m.connections.map((c) => connection(c, cx)),
    MtaTlsStrategy: m.tls.map((t) => tls(t, cx)),
    MtaDeliverySchedule: [
      ...m.schedules.map((s) => schedule(s, cx)),
      // v0.16's own local, DSN and report schedules, which the schedule selector names.
      ...SAFE_DEFAULTS.MtaDeliverySchedule.filter((s) => !own.has(s.name)).map(asInput),
    ],
    MtaOutboundStrategy: {
      route: expression(m.selectors.route, conditions),
      connection: expression(m.selectors.connection, conditions),
      tls: expression(m.selectors.tls, conditions),
      schedule: expression(m.selectors.schedule, conditions),
    },
    ...(m.serverName !== null
      ? { SystemSettings: { defaultHostname: hostnameValue(m.serverName) ?? m.serverName } }
      : {}),
  };
}

function expression(s: Selector, conditions: ConditionWriter) {
  return {
    match: keyed(
      // biome-ignore lint/suspicious/noThenProperty: Stalwart's field name; never awaited.
      s.branches.map((b) => ({ if: conditions.allOf(b.when, s.name), then: exprString(b.pick) })),
    ),
    else: exprString(s.else),
  };
}

const described = (origins: Parameters<typeof describeOrigins>[0], cx: Context) =>
  `Migrated from ${describeOrigins(origins, cx.lines)}`;

function route(r: RouteDef, cx: Context): Input<typeof MtaRouteSchema> {
  const common = { name: r.name, description: described(r.origins, cx) };
  if (r.kind === "local") return { "@type": "Local", ...common };
  if (r.kind === "mx") {
    return {
      "@type": "Mx",
      ...common,
      ipLookupStrategy: IP_LOOKUP[r.ipLookup],
      maxMxHosts: maxMxHosts(r, cx.notes),
      maxMultihomed: maxMultihomed(r, cx.notes),
    };
  }
  return {
    "@type": "Relay",
    ...common,
    address: r.address,
    port: relayPort(r, cx.notes),
    protocol: r.protocol,
    implicitTls: r.implicitTls,
    allowInvalidCerts: r.allowInvalidCerts,
    ...(r.auth !== null
      ? { authUsername: r.auth.username, authSecret: { "@type": "Value", secret: r.auth.secret } }
      : { authSecret: { "@type": "None" } }),
  };
}

function connection(c: ConnectionDef, cx: Context): Input<typeof MtaConnectionStrategySchema> {
  const { ehlo, ips } = connectionValues(c, cx.notes);
  return {
    name: c.name,
    description: described(c.origins, cx),
    ...(ehlo !== undefined ? { ehloHostname: ehlo } : {}),
    sourceIps: keyed(ips.map((sourceIp) => ({ sourceIp }))),
    connectTimeout: c.timeouts.connect,
    greetingTimeout: c.timeouts.greeting,
    ehloTimeout: c.timeouts.ehlo,
    mailFromTimeout: c.timeouts.mailFrom,
    rcptToTimeout: c.timeouts.rcptTo,
    dataTimeout: c.timeouts.data,
  };
}

function tls(t: TlsDef, cx: Context): Input<typeof MtaTlsStrategySchema> {
  return {
    name: t.name,
    description: described(t.origins, cx),
    allowInvalidCerts: t.allowInvalidCerts,
    dane: t.dane,
    mtaSts: t.mtaSts,
    startTls: t.startTls,
    tlsTimeout: t.tlsTimeout,
    mtaStsTimeout: t.mtaStsTimeout,
  };
}

const intervals = (ms: readonly number[]) =>
  ({ "@type": "Custom", intervals: keyed(ms.map((duration) => ({ duration }))) }) as const;

function schedule(s: ScheduleDef, cx: Context): Schedule {
  return {
    name: s.name,
    description: described(s.origins, cx),
    // The virtual queue "remote" written with id 1 at first start (defaults.rs @v0.16.18).
    queueId: "1",
    retry: intervals(s.retry),
    notify: intervals(s.notify),
    expiry: { "@type": "Ttl", expire: s.expire },
  };
}

/**
 * A safe-default schedule back in the registry's JSON form (keyed lists). The report
 * schedule's empty notify list is Stalwart's own doing: its `validate()` refuses one from
 * a plan, so it is left out (an existing schedule keeps it; a new one gets the default).
 */
function asInput(s: (typeof SAFE_DEFAULTS.MtaDeliverySchedule)[number]): Schedule {
  const list = (l: typeof s.retry) =>
    l["@type"] === "Default" ? l : intervals(l.intervals.map((i) => i.duration));
  const { id: _id, notify, ...rest } = s;
  const keepNotify = notify["@type"] === "Default" || notify.intervals.length > 0;
  return { ...rest, retry: list(s.retry), ...(keepNotify ? { notify: list(notify) } : {}) };
}

/**
 * The v0.16 registry objects of a migration (spec stalwart-strategy.md §3.1; field names,
 * enums and bounds as models/v016/registry*.ts read them, which follow @v0.16.18
 * structs.rs): every field stated, durations in milliseconds, lists keyed "0", "1", … as
 * the registry stores them, `implicitTls` explicit (its default flipped), expressions
 * rewritten for v0.16 (rewrite.ts). Where v0.16 refuses a ≤ v0.12 value (its minimums, its
 * host-name check) the nearest value it accepts is written, with a note.
 */
import type { z } from "zod";
import type { IpStrategy } from "../config/settings";
import { parseIp } from "../ip";
import { SAFE_DEFAULTS } from "../models/v016/defaults";
import { hostnameValue } from "../models/v016/hostname";
import type {
  MtaConnectionStrategySchema,
  MtaDeliveryScheduleSchema,
  MtaOutboundStrategySchema,
  MtaRouteSchema,
  MtaTlsStrategySchema,
} from "../models/v016/registry";
import { MigrateCode } from "./codes";
import { allOf } from "./rewrite";
import { describeOrigins, exprString } from "./text";
import type {
  ConnectionDef,
  Migration,
  Note,
  RouteDef,
  ScheduleDef,
  Selector,
  TlsDef,
} from "./types";

type Input<S extends z.ZodType> = z.input<S>;
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

/** Nothing in a ≤ v0.12 count is worth more than this many MX hosts or addresses. */
const COUNT_MAX = 65_535;

/** A registry list: an object keyed "0", "1", … (crates/registry/src/types/list.rs). */
export function keyed<T>(items: readonly T[]): Record<string, T> {
  return Object.fromEntries(items.map((item, i) => [String(i), item]));
}

interface Context {
  readonly input: string;
  readonly notes: Note[];
}

export function registryObjects(m: Migration, input: string, notes: Note[]): RegistryObjects {
  const cx: Context = { input, notes };
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
      route: expression(m.selectors.route, notes),
      connection: expression(m.selectors.connection, notes),
      tls: expression(m.selectors.tls, notes),
      schedule: expression(m.selectors.schedule, notes),
    },
    ...(m.serverName !== null
      ? { SystemSettings: { defaultHostname: hostnameValue(m.serverName) ?? m.serverName } }
      : {}),
  };
}

function expression(s: Selector, notes: Note[]) {
  return {
    match: keyed(
      // biome-ignore lint/suspicious/noThenProperty: Stalwart's field name; never awaited.
      s.branches.map((b) => ({ if: allOf(b.when, "v0.16", notes), then: exprString(b.pick) })),
    ),
    else: exprString(s.else),
  };
}

const described = (origins: Parameters<typeof describeOrigins>[0], cx: Context) =>
  `Migrated from ${describeOrigins(origins, cx.input)}`;

/** A note that v0.16 refuses a value of route `r`, and what is written instead. */
function refused(r: RouteDef, message: string, cx: Context, severity: Note["severity"] = "error") {
  cx.notes.push({
    severity,
    code: MigrateCode.ValueAdjusted,
    message: `Route "${r.name}": ${message}`,
    ...r.origins.find((o) => o.start !== undefined),
    subject: { definition: "route", name: r.name },
  });
}

/** maxMxHosts: 0 meant no limit, which v0.16 (at least 1) writes as COUNT_MAX. */
function maxMxHosts(r: RouteDef & { kind: "mx" }, cx: Context): number {
  if (r.maxMx === 0)
    refused(
      r,
      `v0.16 refuses maxMxHosts 0 (≤ v0.12: no limit), so ${COUNT_MAX} is written`,
      cx,
      "info",
    );
  return r.maxMx === 0 ? COUNT_MAX : Math.min(r.maxMx, COUNT_MAX);
}

/** maxMultihomed: 0 left no address to try; v0.16's least is 1. */
function maxMultihomed(r: RouteDef & { kind: "mx" }, cx: Context): number {
  if (r.multihomed === 0)
    refused(
      r,
      "v0.16 refuses maxMultihomed 0, with which ≤ v0.12 tried no address at all (every host failed: 'No IP addresses found'); 1 is written, so delivery now tries one",
      cx,
    );
  return Math.min(Math.max(r.multihomed, 1), COUNT_MAX);
}

function route(r: RouteDef, cx: Context): Input<typeof MtaRouteSchema> {
  const common = { name: r.name, description: described(r.origins, cx) };
  if (r.kind === "local") return { "@type": "Local", ...common };
  if (r.kind === "mx") {
    return {
      "@type": "Mx",
      ...common,
      ipLookupStrategy: IP_LOOKUP[r.ipLookup],
      maxMxHosts: maxMxHosts(r, cx),
      maxMultihomed: maxMultihomed(r, cx),
    };
  }
  return {
    "@type": "Relay",
    ...common,
    address: r.address,
    port: relayPort(r, cx),
    protocol: r.protocol,
    implicitTls: r.implicitTls,
    allowInvalidCerts: r.allowInvalidCerts,
    ...(r.auth !== null
      ? { authUsername: r.auth.username, authSecret: { "@type": "Value", secret: r.auth.secret } }
      : { authSecret: { "@type": "None" } }),
  };
}

/** Port 0 (which never connected) is refused by v0.16 (1–65535): 25 is written. */
function relayPort(r: RouteDef & { kind: "relay" }, cx: Context): number {
  if (r.port !== 0) return r.port;
  refused(r, "v0.16 refuses port 0 (≤ v0.12 could never connect to it); 25 is written", cx);
  return 25;
}

function connection(c: ConnectionDef, cx: Context): Input<typeof MtaConnectionStrategySchema> {
  const note = (message: string) =>
    cx.notes.push({
      severity: "error",
      code: MigrateCode.ValueAdjusted,
      message: `Connection "${c.name}": ${message}`,
      ...c.origins.find((o) => o.start !== undefined),
      subject: { definition: "connection", name: c.name },
    });
  const ehlo = c.ehlo === null ? undefined : hostnameValue(c.ehlo);
  if (c.ehlo !== null && ehlo === undefined)
    note(
      `v0.16 refuses the EHLO name ${JSON.stringify(c.ehlo)} (not a host name), so none is written and the server's name is said`,
    );
  const ips = c.sourceIps.filter((ip) => parseIp(ip)?.canonical !== "0.0.0.0");
  if (ips.length < c.sourceIps.length)
    note(
      "v0.16 refuses the source address 0.0.0.0 (≤ v0.12 bound it, i.e. any address): it is left out, which also leaves the choice to the OS",
    );
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

/** A validated safe-default schedule back in the registry's JSON form (keyed lists). */
function asInput(s: (typeof SAFE_DEFAULTS.MtaDeliverySchedule)[number]): Schedule {
  const list = (l: typeof s.retry) =>
    l["@type"] === "Default" ? l : intervals(l.intervals.map((i) => i.duration));
  const { id: _id, ...rest } = s;
  return { ...rest, retry: list(s.retry), notify: list(s.notify) };
}

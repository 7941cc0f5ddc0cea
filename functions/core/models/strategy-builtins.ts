/**
 * What Stalwart uses for a name no definition has (`get_*_or_default`,
 * crates/common/src/core.rs @v0.15.5:193-335, identical in network/mta.rs @v0.16.18:
 * 236-375; spec §1.3), and the event it logs then: none for `default` (and for the routes
 * `mx` and `local`, which have built-in definitions of their own).
 */
import type { ConnectionDef, RouteDef, ScheduleDef, SelectorName, TlsDef } from "./strategy-config";

export const MX_GATEWAY: RouteDef = {
  kind: "mx",
  name: "mx",
  maxMx: 5,
  multihomed: 2,
  ipLookup: "ipv4_then_ipv6",
  origin: "default",
};

export const LOCAL_GATEWAY: RouteDef = { kind: "local", name: "local", origin: "default" };

export const DEFAULT_CONNECTION: ConnectionDef = {
  name: "default",
  v4: [],
  v6: [],
  timeouts: {
    connect: 300_000,
    greeting: 300_000,
    ehlo: 300_000,
    mailFrom: 300_000,
    rcptTo: 300_000,
    data: 600_000,
  },
  origin: "default",
};

export const DEFAULT_TLS: TlsDef = {
  name: "default",
  dane: "optional",
  mtaSts: "optional",
  startTls: "optional",
  allowInvalidCerts: false,
  timeoutTls: 180_000,
  timeoutMtaSts: 300_000,
  origin: "default",
};

const minutes = (...m: number[]) => m.map((n) => n * 60_000);

export const DEFAULT_SCHEDULE: ScheduleDef = {
  name: "default",
  retry: minutes(2, 5, 10, 15, 30, 60, 120),
  notify: minutes(1440, 4320),
  expiry: { kind: "ttl", ms: 432_000_000 },
  queue: "default",
  origin: "default",
};

/** The event Stalwart logs for a name it has no definition of (`Details` of `IdNotFound`). */
export const NOT_FOUND_EVENT: Readonly<Record<SelectorName, string>> = {
  route: "Gateway not found",
  connection: "Connection strategy not found",
  tls: "TLS strategy not found",
  schedule: "Queue strategy not found",
};

/** Whether Stalwart resolves `name` to its built-in definition without logging the event. */
export function quietFallback(selector: SelectorName, name: string): boolean {
  return selector === "route" ? name === "mx" || name === "local" : name === "default";
}

/** The built-in route for a name no route has: `local`, else the MX gateway. */
export function builtinRoute(name: string): RouteDef {
  return name === "local" ? LOCAL_GATEWAY : MX_GATEWAY;
}

/**
 * One description of Stalwart's outbound strategy model, v0.13.0 – v0.16.x (spec
 * stalwart-strategy.md §1–§4): what the v0.13 reader (TOML, web-admin keys, flat JSON,
 * merged with the boot defaults) and the v0.16 reader (registry objects and their safe
 * defaults) both produce, and the one thing the strategy planner reads. The migration
 * from ≤ v0.12 builds the same shape.
 *
 * Every definition keeps where it was written (`at`: offsets into the submitted text and
 * a readable key), so diagnostics and the editor can point at it; definitions Stalwart
 * supplies itself (boot defaults, safe defaults, built-in fallbacks) have no `at`.
 */
import type { IfBlock } from "../config/if-block";
import type { IpStrategy } from "../config/settings";
import type { RequireOptional } from "../config/settings-transport";
import type { Diagnostic } from "../errors";

/** The two strategy-era models: v0.13.0–v0.15.x TOML settings, v0.16.x registry objects. */
export type StrategyModel = "v0.13" | "v0.16";

/** Where a definition or value was written: offsets into the submitted text, and its key. */
export interface Written {
  /** `queue.route.relay.address` (v0.13) or `MtaRoute[relay].address` (v0.16). */
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Who wrote a definition: the submitted text, Stalwart's first-start defaults (v0.13:
 * the DB keys of boot.rs `DEFAULT_SETTINGS`; v0.16: the safe defaults of defaults.rs).
 */
export type Origin = "config" | "default";

/** The four selectors of `queue.strategy.*` / `MtaOutboundStrategy`. */
export type SelectorName = "route" | "connection" | "tls" | "schedule";

/**
 * One selector: an if-block whose value names a definition. `route` and `schedule` see
 * the recipient variables (RCPT), `connection` and `tls` the host ones (HOST = RCPT +
 * mx, remote_ip, local_ip). Branches keep their source ranges (v0.16: the JSON strings).
 */
export interface Selector {
  readonly name: SelectorName;
  /** `queue.strategy.route` (v0.13) or `MtaOutboundStrategy.route` (v0.16). */
  readonly key: string;
  readonly block: IfBlock;
  readonly variables: "RCPT" | "HOST";
}

export interface MxRoute {
  readonly kind: "mx";
  readonly name: string;
  /** Hosts tried at most (`limits.mx` / `maxMxHosts`); 0 = no limit (v0.13–v0.15 only). */
  readonly maxMx: number;
  /** Addresses tried per host (`limits.multihomed` / `maxMultihomed`). */
  readonly multihomed: number;
  readonly ipLookup: IpStrategy;
  readonly origin: Origin;
  readonly at?: Written;
}

export interface RelayRoute {
  readonly kind: "relay";
  readonly name: string;
  /** As written; v0.13–v0.15 look it up as a DNS name even when it is an IP literal. */
  readonly address: string;
  /** v0.16: the address parsed as an IP (canonical form), used without DNS; else null. */
  readonly addressIp: string | null;
  readonly port: number;
  /** Lower-case: `smtp`, `lmtp` (v0.13 also accepts `http`, `imap`, … as names). */
  readonly protocol: string;
  readonly implicitTls: boolean;
  readonly allowInvalidCerts: boolean;
  /** AUTH is sent only with a username and a secret; `stripped`: a snapshot left it out. */
  readonly auth: { readonly username: string; readonly secret: "given" | "stripped" } | null;
  readonly origin: Origin;
  readonly at?: Written;
}

export interface LocalRoute {
  readonly kind: "local";
  readonly name: string;
  readonly origin: Origin;
  readonly at?: Written;
}

export type RouteDef = MxRoute | RelayRoute | LocalRoute;

/** One source address of a connection strategy, with its own EHLO name if it has one. */
export interface SourceIpDef {
  /** Canonical form (Rust's `IpAddr::to_string`). */
  readonly ip: string;
  /** v0.13: `queue.source-ip.<ip>.ehlo-hostname`; v0.16: the entry's `ehloHostname`. */
  readonly ehlo?: string;
  readonly at?: Written;
}

/** Timeouts in milliseconds. */
export interface ConnectionTimeouts {
  readonly connect: number;
  readonly greeting: number;
  readonly ehlo: number;
  readonly mailFrom: number;
  readonly rcptTo: number;
  readonly data: number;
}

export interface ConnectionDef {
  readonly name: string;
  /** The IPv4 and IPv6 source addresses, each family in list order. */
  readonly v4: readonly SourceIpDef[];
  readonly v6: readonly SourceIpDef[];
  readonly ehlo?: string;
  readonly timeouts: ConnectionTimeouts;
  readonly origin: Origin;
  readonly at?: Written;
}

export type { RequireOptional } from "../config/settings-transport";

export interface TlsDef {
  readonly name: string;
  readonly dane: RequireOptional;
  readonly mtaSts: RequireOptional;
  readonly startTls: RequireOptional;
  readonly allowInvalidCerts: boolean;
  /** Milliseconds. */
  readonly timeoutTls: number;
  readonly timeoutMtaSts: number;
  readonly origin: Origin;
  readonly at?: Written;
}

export type Expiry =
  | { readonly kind: "ttl"; readonly ms: number }
  | { readonly kind: "attempts"; readonly max: number };

export interface ScheduleDef {
  readonly name: string;
  /** Retry intervals in milliseconds: retry n waits `retry[min(n, len - 1)]`. */
  readonly retry: readonly number[];
  readonly notify: readonly number[];
  readonly expiry: Expiry;
  /** The virtual queue (`queue-name`; v0.16: the MtaVirtualQueue id). */
  readonly queue: string;
  readonly origin: Origin;
  readonly at?: Written;
}

/**
 * The server's own name, the EHLO name's last fallback: v0.13–v0.15 `server.hostname`,
 * else `lookup.default.hostname` lower-cased; v0.16 `SystemSettings.defaultHostname`;
 * else the machine's hostname, which the playground cannot know (`machine`, the value
 * then being the MACHINE_HOSTNAME placeholder).
 */
export interface ServerHostname {
  readonly value: string;
  readonly from:
    | "server.hostname"
    | "lookup.default.hostname"
    | "SystemSettings.defaultHostname"
    | "machine";
  readonly at?: Written;
}

export interface StrategyConfig {
  readonly model: StrategyModel;
  readonly selectors: {
    readonly route: Selector;
    readonly connection: Selector;
    readonly tls: Selector;
    readonly schedule: Selector;
  };
  /** By name, as Stalwart's maps hold them (a name not here takes the fallbacks of §1.3). */
  readonly routes: ReadonlyMap<string, RouteDef>;
  readonly connections: ReadonlyMap<string, ConnectionDef>;
  readonly tls: ReadonlyMap<string, TlsDef>;
  readonly schedules: ReadonlyMap<string, ScheduleDef>;
  readonly hostname: ServerHostname;
}

/** A reader's result: the config Stalwart would run, and what it noticed reading it. */
export interface ReadStrategy {
  readonly config: StrategyConfig;
  /** Offsets into the submitted text, as every core diagnostic. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * What a migration is made of, between reading the ≤ v0.12 config and writing the v0.13
 * TOML or the v0.16 objects: the four strategy selectors of v0.13+ (spec
 * stalwart-strategy.md §1.1) and the named definitions they choose from (§1.2, §3.1), each
 * remembering the v0.12 keys it came from, so writers can say so and notes can point there.
 */
import type { IpStrategy } from "../config/settings";
import type { RequireOptional } from "../config/settings-transport";
import type { Diagnostic } from "../errors";
import type { TokenMap } from "../expr/types";
import type { ConnectionTimeouts } from "../models/strategy-config";

export type { ConnectionTimeouts };

export type Target = "v0.13" | "v0.16";

/** A key of the input config, and where it was written (absent for a built-in default). */
export interface Origin {
  readonly key: string;
  readonly start?: number;
  readonly end?: number;
}

/** One condition as it was written, with the words it may use where it was written. */
export interface Condition {
  readonly source: string;
  readonly tokens: TokenMap;
  readonly origin: Origin;
}

/** One way a setting (or a definition built from several) comes out: when every condition holds. */
export interface Alternative<T> {
  readonly when: readonly Condition[];
  readonly value: T;
  readonly origins: readonly Origin[];
}

/**
 * An ordered if-chain: the first alternative whose conditions all hold applies; the last
 * one has no condition (it is the `else`).
 */
export type Choices<T> = readonly Alternative<T>[];

export type SelectorName = "route" | "connection" | "tls" | "schedule";

export interface SelectorBranch {
  readonly when: readonly Condition[];
  /** The definition's name (the branch's `then`). */
  readonly pick: string;
}

/** A v0.13+ selector: an if-block whose values are definition names. */
export interface Selector {
  readonly name: SelectorName;
  readonly branches: readonly SelectorBranch[];
  readonly else: string;
  readonly origins: readonly Origin[];
}

interface Named {
  readonly name: string;
  readonly origins: readonly Origin[];
}

export interface MxRoute extends Named {
  readonly kind: "mx";
  readonly ipLookup: IpStrategy;
  readonly maxMx: number;
  readonly multihomed: number;
}

export interface RelayRoute extends Named {
  readonly kind: "relay";
  readonly address: string;
  readonly port: number;
  readonly protocol: "smtp" | "lmtp";
  readonly implicitTls: boolean;
  readonly allowInvalidCerts: boolean;
  readonly auth: { readonly username: string; readonly secret: string } | null;
}

export interface LocalRoute extends Named {
  readonly kind: "local";
}

export type RouteDef = MxRoute | RelayRoute | LocalRoute;

export interface ConnectionDef extends Named {
  /** Canonical addresses, the IPv4 ones first, each family in its v0.12 list order. */
  readonly sourceIps: readonly string[];
  /** null: no override, the server's own name is said. */
  readonly ehlo: string | null;
  readonly timeouts: ConnectionTimeouts;
}

export interface TlsDef extends Named {
  readonly dane: RequireOptional;
  readonly mtaSts: RequireOptional;
  readonly startTls: RequireOptional;
  readonly allowInvalidCerts: boolean;
  readonly tlsTimeout: number;
  readonly mtaStsTimeout: number;
}

export interface ScheduleDef extends Named {
  readonly retry: readonly number[];
  readonly notify: readonly number[];
  readonly expire: number;
  /** The virtual queue it runs on (v0.13 `queue-name`, v0.16 `queueId`). */
  readonly queue: "remote";
}

/** A key of the input that the target reads unchanged (the server's name). */
export interface CarriedKey {
  readonly key: string;
  readonly value: string;
  readonly origin: Origin;
}

/** Where a note's subject is written in the output (filled in by the writers). */
export type Subject =
  | { readonly selector: SelectorName }
  | { readonly definition: SelectorName; readonly name: string };

export interface Note extends Diagnostic {
  readonly subject?: Subject;
}

export interface Migration {
  readonly selectors: Readonly<Record<SelectorName, Selector>>;
  readonly routes: readonly RouteDef[];
  readonly connections: readonly ConnectionDef[];
  readonly tls: readonly TlsDef[];
  readonly schedules: readonly ScheduleDef[];
  /** `server.hostname` / `lookup.default.hostname`: the EHLO name's last fallback. */
  readonly server: readonly CarriedKey[];
  /** The server's own name when the config gives one (v0.16 `SystemSettings.defaultHostname`). */
  readonly serverName: string | null;
}

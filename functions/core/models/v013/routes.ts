/**
 * `queue.route.<id>` as Stalwart v0.13–v0.15 reads it (`parse_routing_strategies` and
 * `parse_route`, crates/common/src/config/smtp/queue.rs @v0.15.5:381-446): a route exists
 * iff `queue.route.<id>.type` exists, and is dropped (with the error logged) when its type
 * is empty or unknown, or a relay has no `address`. Selecting a dropped route then takes
 * the fallback of spec §1.3: the built-in MX route, "Gateway not found".
 */
import { rustStrDebug } from "../../expr/rust-debug";
import type { RouteDef } from "../strategy-config";
import {
  parseBool,
  parseIpLookup,
  parseProtocol,
  parseString,
  parseU16,
  parseUsize,
} from "./parse-value";
import { SettingsCode, type SettingsReader } from "./settings-reader";

/** The routes Stalwart registers, and the ids it dropped (with why, for the fallbacks). */
export interface Routes {
  readonly routes: Map<string, RouteDef>;
  readonly dropped: Map<string, string>;
}

export function readRoutes(s: SettingsReader): Routes {
  const routes = new Map<string, RouteDef>();
  const dropped = new Map<string, string>();
  for (const id of s.subKeys("queue.route", ".type")) {
    const route = readRoute(s, id, dropped);
    if (route !== undefined) routes.set(id, route);
  }
  return { routes, dropped };
}

function readRoute(
  s: SettingsReader,
  id: string,
  dropped: Map<string, string>,
): RouteDef | undefined {
  const base = `queue.route.${id}`;
  const typeKey = `${base}.type`;
  const type = s.value(typeKey)?.trim() ?? "";
  const at = s.writtenUnder(`${base}.`);
  const common = {
    name: id,
    origin: at === undefined ? ("default" as const) : ("config" as const),
    ...optionalAt(at),
  };
  switch (type) {
    case "":
      dropped.set(id, "its type is empty");
      s.report(
        "error",
        SettingsCode.Missing,
        typeKey,
        `Missing property: route "${id}" is dropped`,
      );
      return undefined;
    case "local":
      return { kind: "local", ...common };
    case "mx":
      return {
        kind: "mx",
        ...common,
        maxMx: s.property(`${base}.limits.mx`, parseUsize, "it uses 5") ?? 5,
        multihomed: s.property(`${base}.limits.multihomed`, parseUsize, "it uses 2") ?? 2,
        ipLookup:
          s.property(`${base}.ip-lookup`, parseIpLookup, "it uses ipv4_then_ipv6") ??
          "ipv4_then_ipv6",
      };
    case "relay":
      return readRelay(s, id, common, dropped);
    default:
      dropped.set(id, `its type ${rustStrDebug(type)} is none of mx, relay, local`);
      s.report(
        "error",
        SettingsCode.Invalid,
        typeKey,
        `Invalid route type: ${rustStrDebug(type)}. Expected 'relay', 'local', or 'mx'. Stalwart drops route "${id}"`,
      );
      return undefined;
  }
}

type Common = Pick<RouteDef, "name" | "origin" | "at">;

function readRelay(
  s: SettingsReader,
  id: string,
  common: Common,
  dropped: Map<string, string>,
): RouteDef | undefined {
  const base = `queue.route.${id}`;
  const address = s.propertyRequire(
    `${base}.address`,
    parseString,
    `relay route "${id}" is dropped, and a message routed to it is delivered by MX instead`,
  );
  if (address === undefined) {
    dropped.set(id, "it is a relay without an address");
    return undefined;
  }
  const username = s.value(`${base}.auth.username`);
  const secret = s.value(`${base}.auth.secret`);
  return {
    kind: "relay",
    ...common,
    address,
    addressIp: null,
    // `property_require(…).unwrap_or(…)`: an absent port or protocol is logged, then defaulted.
    port:
      s.propertyRequire(
        `${base}.port`,
        parseU16,
        "Stalwart logs this error at start, then uses port 25",
      ) ?? 25,
    protocol:
      s.propertyRequire(
        `${base}.protocol`,
        parseProtocol,
        "Stalwart logs this error at start, then uses smtp",
      ) ?? "smtp",
    implicitTls: s.property(`${base}.tls.implicit`, parseBool, "it uses true") ?? true,
    allowInvalidCerts:
      s.property(`${base}.tls.allow-invalid-certs`, parseBool, "it uses false") ?? false,
    auth: username !== undefined && secret !== undefined ? { username, secret: "given" } : null,
  };
}

function optionalAt<T>(at: T | undefined): { at?: T } {
  return at === undefined ? {} : { at };
}

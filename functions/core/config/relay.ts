/**
 * `remote.<id>.*`: relay hosts, plain values rather than expressions (v0.12
 * `parse_relay_host` in crates/common/src/config/smtp/queue.rs). Stalwart lists them as
 * the ids having an `address`; a bad port, protocol or boolean is logged and the default
 * used. It then adds its own relay `local` (protocol http: local delivery), replacing any
 * `remote.local` of the config.
 */
import type { Diagnostic } from "../errors";
import { parseBool, parseU16 } from "./convert";
import type { ConfigEntry, LoadedConfig } from "./toml/loaded-config";

export interface Relay {
  readonly id: string;
  readonly address: string;
  readonly port: number;
  /** Lower-cased protocol name; `http` (also written `https`) means local delivery. */
  readonly protocol: string;
  readonly tlsImplicit: boolean;
  readonly tlsAllowInvalidCerts: boolean;
  readonly hasAuth: boolean;
}

/** `ServerProtocol::parse_value`: ASCII case-insensitive, `https` read as `http`. */
function parseProtocol(s: string): string | undefined {
  const lower = s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  if (lower === "https") return "http";
  return ["smtp", "lmtp", "imap", "http", "managesieve", "pop3"].includes(lower)
    ? lower
    : undefined;
}

/** Ids of `remote.<id>.address` keys (Stalwart's `sub_keys("remote", ".address")`). */
export function relayIds(config: LoadedConfig): readonly string[] {
  const ids = new Set<string>();
  for (const key of config.keysUnder("remote.")) {
    const id = key.slice("remote.".length);
    if (id.endsWith(".address") && id.length > ".address".length) ids.add(id.slice(0, -8));
  }
  return [...ids];
}

/** The relay `id` as Stalwart builds it, logging bad values into `diagnostics`. */
export function readRelay(
  config: LoadedConfig,
  id: string,
  diagnostics: Diagnostic[],
): Relay | undefined {
  const field = (name: string) => config.get(`remote.${id}.${name}`);
  const address = field("address");
  if (address === undefined) return undefined;
  const read = <T>(
    name: string,
    parse: (s: string) => T | undefined,
    fallback: T,
    expected: string,
  ): T => readField(diagnostics, name, field(name), parse, fallback, expected);
  return {
    id,
    address: address.value,
    port: read("port", parseU16, 25, "a port number from 0 to 65535"),
    protocol: read(
      "protocol",
      parseProtocol,
      "smtp",
      "smtp or lmtp (http or https: local delivery)",
    ),
    tlsImplicit: read("tls.implicit", parseBool, true, "true or false"),
    tlsAllowInvalidCerts: read("tls.allow-invalid-certs", parseBool, false, "true or false"),
    hasAuth: field("auth.username") !== undefined && field("auth.secret") !== undefined,
  };
}

/** A relay field's value, or its fallback with a diagnostic when it does not parse. */
function readField<T>(
  diagnostics: Diagnostic[],
  name: string,
  entry: ConfigEntry | undefined,
  parse: (s: string) => T | undefined,
  fallback: T,
  expected: string,
): T {
  if (entry === undefined) return fallback;
  const parsed = parse(entry.value);
  if (parsed !== undefined) return parsed;
  diagnostics.push({
    severity: "error",
    code: `relay_invalid_${name.replace(/[.-]/g, "_")}`,
    message: `Invalid value ${JSON.stringify(entry.value)} for "${entry.key}": expected ${expected}; Stalwart uses ${JSON.stringify(fallback)} instead.`,
    key: entry.key,
    start: entry.valueStart,
    end: entry.valueEnd,
  });
  return fallback;
}

/**
 * `remote.<id>.*`: relay hosts are plain values, not expressions (v0.12
 * `parse_relay_host` in crates/common/src/config/smtp/queue.rs). Stalwart lists them as
 * the ids having an `address`; a bad port, protocol or boolean is logged and the default
 * used.
 */
import type { Diagnostic } from "../errors";
import { parseBool, parseU16 } from "./convert";
import { flatConcat } from "./toml-chars";
import type { ConfigEntry, LoadedConfig } from "./toml-loader";

export interface Relay {
  readonly id: string;
  readonly address: string;
  readonly port: number;
  /** Lower-cased protocol name (`smtp` or `lmtp` make sense for delivery). */
  readonly protocol: string;
  readonly tlsImplicit: boolean;
  readonly tlsAllowInvalidCerts: boolean;
  readonly hasAuth: boolean;
}

const PROTOCOLS = new Set(["smtp", "lmtp", "imap", "http", "https", "managesieve", "pop3"]);

/** A known protocol, lower-cased (`https` read as `http`). */
function parseProtocol(s: string): string | undefined {
  const lower = s.toLowerCase();
  return PROTOCOLS.has(lower) ? lower.replace("https", "http") : undefined;
}

/**
 * A relay field's value, or its fallback with a diagnostic when it does not parse. Module
 * level, not a closure made per relay (the lint reads every relay: bench profile).
 */
function read<T>(
  diagnostics: Diagnostic[],
  entry: ConfigEntry | undefined,
  name: string,
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

const FROM = "remote.".length;
const TAIL = ".address".length;

/** Whether `k`, a key under `remote.`, is `remote.<id>.address` (a non-empty id). */
function isAddressKey(k: string): boolean {
  return k.length - TAIL > FROM && k.endsWith(".address");
}

/** Ids of `remote.<id>.address` keys (Stalwart's `sub_keys("remote", ".address")`). */
export function relayIds(config: LoadedConfig): readonly string[] {
  // One pass, no intermediate arrays (filter/map/filter over every remote key).
  const ids: string[] = [];
  for (const k of config.keysUnder("remote.")) {
    if (isAddressKey(k)) ids.push(k.slice(FROM, -TAIL));
  }
  return ids;
}

export function readRelay(
  config: LoadedConfig,
  id: string,
  diagnostics: Diagnostic[],
): Relay | undefined {
  // The relay's keys are contiguous in the sorted keys: found by one binary search, their
  // entries at the same indexes. A lookup per field with a freshly built
  // `remote.<id>.<field>` string hashed that string each time (readRelay showed in the
  // bench profile of a config with many relays).
  const base = flatConcat(flatConcat("remote.", id), ".");
  return readRelayAt(config, id, base, config.keyIndex(base), diagnostics);
}

/**
 * Every relay read for its diagnostics, in `relayIds` order (the lint): one walk of the
 * `remote.` keys, each relay's keys found from its `address` key's index (a binary search
 * and a built prefix per relay showed in the bench profile of a config with 180 relays).
 */
export function checkRelays(config: LoadedConfig, diagnostics: Diagnostic[]): void {
  const keys = config.keys;
  const start = config.keyIndex("remote.");
  const end = config.keyEnd("remote.", start);
  for (let j = start; j < end; j++) {
    const k = keys[j] ?? "";
    if (!isAddressKey(k)) continue;
    // `remote.<id>.`: the keys starting with it are contiguous and include this one, so
    // the first of them is found by stepping back (keys sort before `address` are rare).
    const base = k.slice(0, k.length - TAIL + 1);
    let first = j;
    while (first > start && (keys[first - 1] ?? "").lastIndexOf(base, 0) === 0) first--;
    readRelayAt(config, k.slice(FROM, -TAIL), base, first, diagnostics);
  }
}

/** The relay `id` whose keys (under `base`, `remote.<id>.`) start at index `from`. */
function readRelayAt(
  config: LoadedConfig,
  id: string,
  base: string,
  from: number,
  diagnostics: Diagnostic[],
): Relay | undefined {
  let address: ConfigEntry | undefined;
  let port: ConfigEntry | undefined;
  let protocol: ConfigEntry | undefined;
  let implicit: ConfigEntry | undefined;
  let invalidCerts: ConfigEntry | undefined;
  let username = false;
  let secret = false;
  // The field is matched in place (by its length, then its text): no slice per key.
  const at = base.length;
  // Walked in the sorted keys from the first one not below `base`: no array per relay.
  const keys = config.keys;
  const entries = config.entries;
  for (let i = from; i < keys.length; i++) {
    const key = keys[i] ?? "";
    if (key.lastIndexOf(base, 0) !== 0) break;
    const entry = entries[i];
    switch (key.length - at) {
      case 7:
        if (key.startsWith("address", at)) address = entry;
        break;
      case 4:
        if (key.startsWith("port", at)) port = entry;
        break;
      case 8:
        if (key.startsWith("protocol", at)) protocol = entry;
        break;
      case 12:
        if (key.startsWith("tls.implicit", at)) implicit = entry;
        break;
      case 23:
        if (key.startsWith("tls.allow-invalid-certs", at)) invalidCerts = entry;
        break;
      case 13:
        if (key.startsWith("auth.username", at)) username = true;
        break;
      case 11:
        if (key.startsWith("auth.secret", at)) secret = true;
        break;
    }
  }
  if (address === undefined) return undefined;

  return {
    id,
    address: address.value,
    port: read(diagnostics, port, "port", parseU16, 25, "a port number from 0 to 65535"),
    protocol: read(diagnostics, protocol, "protocol", parseProtocol, "smtp", "smtp or lmtp"),
    tlsImplicit: read(diagnostics, implicit, "tls.implicit", parseBool, true, "true or false"),
    tlsAllowInvalidCerts: read(
      diagnostics,
      invalidCerts,
      "tls.allow-invalid-certs",
      parseBool,
      false,
      "true or false",
    ),
    hasAuth: username && secret,
  };
}

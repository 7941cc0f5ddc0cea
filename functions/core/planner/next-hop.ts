/**
 * Step 1 of a plan (spec §3): `queue.outbound.next-hop` (delivery.rs "Obtain next hop").
 * Its value names a relay host: `'local'` is Stalwart's own relay for local delivery
 * (added after the config's relays, so it replaces any `remote.local`), and so is any
 * relay whose protocol is `http` or `https`; another `remote.<id>` is a relay, its
 * address the only host. `false`, or an id with no `remote.<id>.address` (Stalwart logs
 * it), means MX resolution.
 */
import { readRelay } from "../config/relay";
import type { LoadedConfig } from "../config/toml/loaded-config";
import type { Diagnostic } from "../errors";
import { parseIp } from "../ip";

export type NextHop =
  | { readonly kind: "mx" }
  | {
      readonly kind: "local";
      /** The relay whose protocol made it local, and that protocol as written. */
      readonly relay?: { readonly id: string; readonly protocol: string };
    }
  | {
      readonly kind: "relay";
      readonly id: string;
      readonly address: string;
      readonly port: number;
      readonly protocol: string;
      /** remote.<id>.tls.implicit: TLS from the first byte, else STARTTLS. */
      readonly implicitTls: boolean;
    };

const KEY = "queue.outbound.next-hop";

export function resolveNextHop(
  config: LoadedConfig,
  value: string | false,
  diagnostics: Diagnostic[],
): NextHop {
  if (value === false) return { kind: "mx" };
  if (value === "local") return { kind: "local" };
  const relay = readRelay(config, value, []);
  if (relay === undefined) {
    const entry = config.get(KEY);
    diagnostics.push({
      severity: "warning",
      code: "unknown_relay",
      key: KEY,
      message: `next-hop evaluated to ${JSON.stringify(value)}, but there is no remote.${value}.address: Stalwart ignores it and resolves MX records.`,
      ...(entry ? { start: entry.valueStart, end: entry.valueEnd } : {}),
    });
    return { kind: "mx" };
  }
  if (relay.protocol === "http") {
    const written = config.get(`remote.${value}.protocol`)?.value ?? relay.protocol;
    return { kind: "local", relay: { id: value, protocol: written } };
  }
  if (parseIp(relay.address) !== null) {
    const entry = config.get(`remote.${value}.address`);
    diagnostics.push({
      severity: "info",
      code: "relay_address_is_ip",
      key: `remote.${value}.address`,
      message: `remote.${value}.address is an IP literal; Stalwart v0.12 still looks it up by name (A/AAAA), which usually finds nothing.`,
      ...(entry ? { start: entry.valueStart, end: entry.valueEnd } : {}),
    });
  }
  return {
    kind: "relay",
    id: value,
    address: relay.address.toLowerCase(),
    port: relay.port,
    protocol: relay.protocol,
    implicitTls: relay.tlsImplicit,
  };
}

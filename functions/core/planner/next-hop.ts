/**
 * `queue.outbound.next-hop` (delivery.rs "Obtain next hop"): a string naming
 * `remote.<id>` selects that relay; `'local'` means local delivery; `false`, or an id
 * with no `remote.<id>.address` (Stalwart logs it), means MX resolution.
 */
import { readRelay } from "../config/relay";
import type { LoadedConfig } from "../config/toml-loader";
import type { Diagnostic } from "../errors";
import { parseIp } from "../ip";
import type { Evaluated } from "./settings-eval";

export type NextHop =
  | { readonly kind: "mx" }
  | { readonly kind: "local" }
  | {
      readonly kind: "relay";
      readonly id: string;
      readonly address: string;
      readonly port: number;
      readonly protocol: string;
    };

const KEY = "queue.outbound.next-hop";

export async function resolveNextHop(
  config: LoadedConfig,
  evaluated: Evaluated<string | false>,
  diagnostics: Diagnostic[],
): Promise<NextHop> {
  const v = evaluated.value;
  if (v === false) return { kind: "mx" };
  const relay = readRelay(config, v, diagnostics);
  if (relay) {
    if (parseIp(relay.address)) {
      const entry = config.get(`remote.${v}.address`);
      diagnostics.push({
        severity: "info",
        code: "relay_address_is_ip",
        key: `remote.${v}.address`,
        message: `remote.${v}.address is an IP literal; Stalwart v0.12 still looks it up by name (A/AAAA), which usually finds nothing.`,
        ...(entry ? { start: entry.valueStart, end: entry.valueEnd } : {}),
      });
    }
    return {
      kind: "relay",
      id: v,
      address: relay.address.toLowerCase(),
      port: relay.port,
      protocol: relay.protocol,
    };
  }
  if (v === "local") return { kind: "local" };
  const entry = config.get(KEY);
  diagnostics.push({
    severity: "warning",
    code: "unknown_relay",
    key: KEY,
    message: `next-hop evaluated to ${JSON.stringify(v)}, but there is no remote.${v}.address: Stalwart ignores it and resolves MX records.`,
    ...(entry ? { start: entry.valueStart, end: entry.valueEnd } : {}),
  });
  return { kind: "mx" };
}

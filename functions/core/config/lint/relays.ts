/**
 * Relay hosts (`remote.<id>.*`) as Stalwart reads them (relay.ts): their bad values, and
 * what Stalwart does with settings users expect to work otherwise.
 */
import type { Diagnostic } from "../../errors";
import { readRelay, relayIds } from "../relay";
import type { LoadedConfig } from "../toml/loaded-config";

export function checkRelays(config: LoadedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const id of relayIds(config)) {
    const relay = readRelay(config, id, out);
    const field = (name: string) => config.get(`remote.${id}.${name}`);
    if (id === "local") {
      const address = field("address");
      out.push({
        severity: "warning",
        code: "relay_local_replaced",
        message: `Stalwart replaces remote.local with its own relay 'local' (local delivery), so next-hop 'local' never reaches this host.`,
        key: address?.key ?? "remote.local.address",
        ...(address !== undefined ? { start: address.keyStart, end: address.keyEnd } : {}),
      });
    }
    const implicitByDefault = field("tls.implicit") === undefined;
    if (
      relay !== undefined &&
      implicitByDefault &&
      relay.port !== 465 &&
      relay.protocol !== "http"
    ) {
      const spot = field("port") ?? field("address");
      const port = field("port") === undefined ? `${relay.port} (the default)` : relay.port;
      out.push({
        severity: "warning",
        code: "relay_implicit_tls",
        message: `remote.${id}.tls.implicit is not set, and Stalwart's default is true: it starts TLS as soon as it connects (as on port 465), while a server on port ${port} expects plain text and STARTTLS. Set tls.implicit = false.`,
        key: spot?.key ?? `remote.${id}.address`,
        ...(spot !== undefined ? { start: spot.valueStart, end: spot.valueEnd } : {}),
      });
    }
    const password = field("auth.password");
    if (password !== undefined && field("auth.secret") === undefined) {
      out.push({
        severity: "warning",
        code: "relay_auth_password",
        message: `Stalwart does not read remote.${id}.auth.password: the password goes in auth.secret. Without it, Stalwart sends no credentials to this relay.`,
        key: password.key,
        start: password.keyStart,
        end: password.keyEnd,
      });
    }
  }
  return out;
}

/**
 * The server's own name, as Stalwart v0.12.5 works it out (`Network::parse`,
 * crates/common/src/config/network.rs): `server.hostname`, else `lookup.default.hostname`
 * lower-cased, else the machine's hostname lower-cased. `config_get('server.hostname')`
 * reads this name, so the default EHLO name is it too. The playground cannot know the
 * machine's hostname: a placeholder stands for it, and the plan says so.
 */
import type { LoadedConfig } from "./toml/loaded-config";

/** What stands for the machine's hostname in values and plans. */
export const MACHINE_HOSTNAME = "<machine hostname>";

export interface ServerHostname {
  readonly value: string;
  readonly from: "server.hostname" | "lookup.default.hostname" | "machine";
}

export function serverHostname(config: LoadedConfig | undefined): ServerHostname {
  const own = config?.get("server.hostname");
  if (own !== undefined) return { value: own.value, from: "server.hostname" };
  const lookup = config?.get("lookup.default.hostname");
  if (lookup !== undefined)
    return { value: lookup.value.toLowerCase(), from: "lookup.default.hostname" };
  return { value: MACHINE_HOSTNAME, from: "machine" };
}

/**
 * What v0.16's `system('…')` and `metric('…')` read (crates/common/src/expr/eval.rs
 * @v0.16.18:222-241), as far as a playground can know it: `hostname` is the server's name
 * (SystemSettings.defaultHostname); the node's own hostname, the default domain, the node
 * id and role, and every metric belong to a running server, so they read as placeholders
 * (0 for numbers) and a note says so.
 */
import { MACHINE_HOSTNAME } from "../../config/server-hostname";
import { float, int, str, type Value } from "../../expr/value";

export const DEFAULT_DOMAIN = "<default domain>";

export function systemValues(
  hostname: string,
  note: (code: string, message: string) => void,
): (variable: string) => Value {
  const unknown = (what: string, value: Value, shown: string) => {
    note(
      "system_value_unknown",
      `${what} belongs to a running server; the playground reads it as ${shown}`,
    );
    return value;
  };
  return (variable) => {
    switch (variable) {
      case "hostname":
        return hostname === MACHINE_HOSTNAME
          ? unknown(
              "system('hostname') without SystemSettings.defaultHostname (the machine's hostname)",
              str(hostname),
              hostname,
            )
          : str(hostname);
      case "node_hostname":
        return unknown(
          "system('node_hostname') (the node's own hostname)",
          str(MACHINE_HOSTNAME),
          MACHINE_HOSTNAME,
        );
      case "domain":
        return unknown(
          "system('domain') (the default domain, SystemSettings.defaultDomainId)",
          str(DEFAULT_DOMAIN),
          DEFAULT_DOMAIN,
        );
      case "node_id":
        return unknown("system('node_id')", int(0), "0");
      case "node_role":
        return unknown("system('node_role') (the cluster role)", str(""), "''");
      default:
        return unknown(`metric('${variable.replace(/^metric:/, "")}')`, float(0), "0.0");
    }
  };
}

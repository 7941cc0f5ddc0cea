/**
 * What Stalwart v0.16 refuses of a migrated value (structs_impl.rs @v0.16.18 `validate()`:
 * maxMxHosts and maxMultihomed at least 1, port 1–65535; the `Hostname` validator of an
 * EHLO name; an `IpAddr` of 0.0.0.0), and the nearest value it accepts, with a note.
 */
import { parseIp } from "../ip";
import { hostnameValue } from "../models/v016/hostname";
import { MigrateCode } from "./codes";
import { placedOrigin } from "./text";
import type { ConnectionDef, MxRoute, Note, RelayRoute, RouteDef } from "./types";

/** Nothing in a ≤ v0.12 count is worth more than this many MX hosts or addresses. */
const COUNT_MAX = 65_535;

/** A note that v0.16 refuses a value of route `r`, and what is written instead. */
function refused(
  r: RouteDef,
  key: string,
  message: string,
  notes: Note[],
  severity: Note["severity"] = "error",
) {
  notes.push({
    severity,
    code: MigrateCode.ValueAdjusted,
    message: `Route "${r.name}": ${message}`,
    ...placedOrigin(r.origins, key),
    subject: { definition: "route", name: r.name },
  });
}

/** maxMxHosts: 0 meant no limit, which v0.16 (at least 1) writes as COUNT_MAX. */
export function maxMxHosts(r: MxRoute, notes: Note[]): number {
  if (r.maxMx === 0)
    refused(
      r,
      "queue.outbound.limits.mx",
      `v0.16 refuses maxMxHosts 0 (≤ v0.12: no limit), so ${COUNT_MAX} is written`,
      notes,
      "info",
    );
  return r.maxMx === 0 ? COUNT_MAX : Math.min(r.maxMx, COUNT_MAX);
}

/** maxMultihomed: 0 left no address to try; v0.16's least is 1. */
export function maxMultihomed(r: MxRoute, notes: Note[]): number {
  if (r.multihomed === 0)
    refused(
      r,
      "queue.outbound.limits.multihomed",
      "v0.16 refuses maxMultihomed 0, with which ≤ v0.12 tried no address at all (every host failed: 'No IP addresses found'); 1 is written, so delivery now tries one",
      notes,
    );
  return Math.min(Math.max(r.multihomed, 1), COUNT_MAX);
}

/** Port 0 (which never connected) is refused by v0.16 (1–65535): 25 is written. */
export function relayPort(r: RelayRoute, notes: Note[]): number {
  if (r.port !== 0) return r.port;
  refused(
    r,
    "remote.",
    "v0.16 refuses port 0 (≤ v0.12 could never connect to it); 25 is written",
    notes,
  );
  return 25;
}

/** The EHLO name and source addresses of `c` that v0.16 accepts. */
export function connectionValues(
  c: ConnectionDef,
  notes: Note[],
): { readonly ehlo: string | undefined; readonly ips: readonly string[] } {
  const note = (message: string) =>
    notes.push({
      severity: "error",
      code: MigrateCode.ValueAdjusted,
      message: `Connection "${c.name}": ${message}`,
      ...placedOrigin(c.origins, "queue.outbound.source-ip"),
      subject: { definition: "connection", name: c.name },
    });
  const ehlo = c.ehlo === null ? undefined : hostnameValue(c.ehlo);
  if (c.ehlo !== null && ehlo === undefined)
    note(
      `v0.16 refuses the EHLO name ${JSON.stringify(c.ehlo)} (not a host name), so none is written and the server's name is said`,
    );
  const ips = c.sourceIps.filter((ip) => parseIp(ip)?.canonical !== "0.0.0.0");
  if (ips.length < c.sourceIps.length)
    note(
      "v0.16 refuses the source address 0.0.0.0 (≤ v0.12 bound it, i.e. any address): it is left out, which also leaves the choice to the OS",
    );
  return { ehlo, ips };
}

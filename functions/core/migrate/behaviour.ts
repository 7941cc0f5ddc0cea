/**
 * What behaves differently after the migration although the keys map cleanly (issue 15,
 * Deliver 1; spec stalwart-strategy.md §2 "Behaviour vs ≤0.12", §3.1, §5): each a note,
 * placed at the ≤ v0.12 key it concerns and naming the definition it is about.
 */
import { isLoopback, parseIp } from "../ip";
import { MigrateCode } from "./codes";
import { placedOrigin } from "./text";
import type { ConnectionDef, Migration, Note, RelayRoute, RouteDef, Target } from "./types";

export function behaviourNotes(m: Migration, target: Target, starttlsSet: boolean): Note[] {
  const notes: Note[] = [];
  for (const c of m.connections) notes.push(...connectionNotes(c, target));
  for (const r of m.routes) if (r.kind === "relay") notes.push(...relayNotes(r, target));
  notes.push(...mergedGroups(m.routes));
  const mxRoute = m.routes.find((r) => r.kind === "mx");
  if (target === "v0.16" && mxRoute) {
    notes.push({
      severity: "info",
      code: MigrateCode.MxRouteDefaults,
      message: `A fresh Stalwart v0.16 writes its "mx" route with maxMxHosts 2 (≤ v0.12 tried 5 MX hosts by default): every MX route here states maxMxHosts, maxMultihomed and ipLookupStrategy`,
      ...placedOrigin(mxRoute.origins, "queue.outbound.limits.mx"),
      subject: { definition: "route", name: mxRoute.name },
    });
  }
  if (!starttlsSet) {
    notes.push({
      severity: "info",
      code: MigrateCode.StarttlsDefault,
      message: `≤ v0.12 required STARTTLS by default (queue.outbound.tls.starttls = require); v0.13+ makes it optional by default. The migration states ${target === "v0.16" ? '"startTls": "require"' : 'starttls = "require"'} to keep it required`,
      subject: { selector: "tls" },
    });
  }
  notes.push({
    severity: "info",
    code: MigrateCode.ScheduleSplit,
    message: `≤ v0.12 had one retry schedule for every message; v0.13+ gives local delivery, DSNs and reports their own (its defaults, kept here), and the ≤ v0.12 schedule applies to remote delivery${target === "v0.16" ? ' (on the virtual queue "remote" Stalwart creates at first start, queueId "1")' : ""}`,
    subject: { selector: "schedule" },
  });
  return notes;
}

function connectionNotes(c: ConnectionDef, target: Target): Note[] {
  const at = {
    ...placedOrigin(c.origins, "queue.outbound.source-ip"),
    subject: { definition: "connection" as const, name: c.name },
  };
  const notes: Note[] = [];
  const families = c.sourceIps.map((ip) => parseIp(ip)?.family);
  const v4 = families.filter((f) => f === 4).length;
  const v6 = families.length - v4;
  if (c.sourceIps.length > 0) {
    notes.push({
      severity: v4 > 1 || v6 > 1 ? "warning" : "info",
      code: MigrateCode.SourceIpPerAttempt,
      message: `≤ v0.12 drew one source address per host and reused it for all of that host's addresses; v0.13+ draws one per connection attempt, from the remote address's family, so consecutive attempts of connection "${c.name}" may leave from different addresses`,
      ...at,
    });
  }
  if (v4 > 0 && v6 > 0) {
    notes.push({
      severity: "info",
      code: MigrateCode.MixedFamilySources,
      message: `Connection "${c.name}" holds IPv4 and IPv6 source addresses in one list (v0.13+ has no separate v4/v6 keys): each attempt draws from the remote address's family only`,
      ...at,
    });
  }
  if (target === "v0.13") {
    notes.push({
      severity: "info",
      code: MigrateCode.ConnectionDiscovery,
      message: `Stalwart v0.13–v0.15 register [queue.connection.${c.name}] only if it has a timeout.* or ehlo-hostname key (a block with source-ips alone is silently ignored and the connection falls back to unbound): timeout.connect is written for that reason`,
      ...at,
    });
  }
  return notes;
}

function relayNotes(r: RelayRoute, target: Target): Note[] {
  const at = {
    ...placedOrigin(r.origins),
    subject: { definition: "route" as const, name: r.name },
  };
  const ip = parseIp(r.address);
  const notes: Note[] = [
    {
      severity: "warning",
      code: MigrateCode.ImplicitTlsDefault,
      message: `Relay "${r.name}": implicit TLS ${r.implicitTls ? "on" : "off"} is stated explicitly. ≤ v0.12 and v0.13–v0.15 default to true, but v0.16 defaults to false${target === "v0.16" ? "" : " and the v0.13 web admin's form writes false"}: without it, an upgrade flips it`,
      ...at,
    },
  ];
  if (r.auth !== null) {
    notes.push({
      severity: "info",
      code: MigrateCode.RelaySecret,
      message: `Relay "${r.name}": its credentials are carried over as written, the secret in clear${target === "v0.16" ? ' ({"@type": "Value"}); an environment variable or a file keeps it out of the registry' : ""}`,
      ...at,
    });
  }
  if (ip === null && r.address.toLowerCase() !== "localhost") {
    notes.push({
      severity: "warning",
      code: MigrateCode.RelayIpLookup,
      message: `Relay "${r.name}": ≤ v0.12 looked it up with queue.outbound.ip-strategy and tried at most limits.multihomed of its addresses; v0.13+ always looks a relay up IPv4 first, then IPv6, and tries up to 10 addresses`,
      ...at,
    });
  }
  if (ip !== null && !isLoopback(ip)) {
    notes.push({
      severity: "warning",
      code: MigrateCode.RelayIpLiteral,
      message:
        target === "v0.16"
          ? `Relay "${r.name}" is the IP address ${r.address}: ≤ v0.15 looked it up as a host name and never reached it (stalwart#838); v0.16 connects to it directly, so mail that failed will now be relayed`
          : `Relay "${r.name}" is the IP address ${r.address}: v0.13–v0.15, like ≤ v0.12, look it up as a host name, which finds nothing (stalwart#838, fixed in v0.16); give the relay a host name`,
      ...at,
    });
  }
  if (r.address.toLowerCase() === "localhost" || (ip !== null && isLoopback(ip))) {
    notes.push({
      severity: "warning",
      code: MigrateCode.RelayLoopback,
      message: `Relay "${r.name}" is a loopback address (${r.address}): Stalwart drops loopback addresses of remote hosts in every version ("host resolves loopback address"), so this relay is never reached; use a route of type "local" for local delivery`,
      ...at,
    });
  }
  return notes;
}

/** v0.13+ groups recipients by route value, comparing MX routes without their ip-lookup (spec §2 step 1). */
function mergedGroups(routes: readonly RouteDef[]): Note[] {
  const mx = routes.flatMap((r) => (r.kind === "mx" ? [r] : []));
  const notes: Note[] = [];
  mx.forEach((a, i) => {
    const b = mx.slice(i + 1).find((o) => o.maxMx === a.maxMx && o.multihomed === a.multihomed);
    if (b === undefined) return;
    notes.push({
      severity: "info",
      code: MigrateCode.RouteGroupsMerge,
      message: `Routes "${a.name}" and "${b.name}" differ only in ip-lookup, which v0.13+ ignores when it groups a message's recipients: recipients of one domain that select either are delivered together with the first recipient's route`,
      ...placedOrigin(b.origins, "queue.outbound.ip-strategy"),
      subject: { definition: "route", name: b.name },
    });
  });
  return notes;
}

/**
 * The two plans of a migration side by side (issue 15, Deliver 1): the route, the order of
 * attempts, the source candidates of each attempt and its EHLO name, compared in words.
 * A difference a note of the migration explains (the note says the new version behaves
 * otherwise, or the value could not be carried) names that note.
 */

import { SETTINGS } from "../config/settings";
import type { Attempt, Difference, Plan } from "../contract";
import { MigrateCode } from "./codes";
import type { Note } from "./types";

type Aspect = Difference["aspect"];

/** Notes that make a difference expected: the migrated value is not the one v0.12 ran. */
const NOT_CARRIED: readonly string[] = [
  MigrateCode.ValueNotStatic,
  MigrateCode.ConfigGetUnavailable,
];

/** The ≤ v0.12 keys that decide what is compared (TLS, timeouts and schedules do not). */
const DELIVERY_KEYS = [
  SETTINGS.ipStrategy,
  SETTINGS.limitsMx,
  SETTINGS.limitsMultihomed,
  SETTINGS.nextHop,
  SETTINGS.sourceIpV4,
  SETTINGS.sourceIpV6,
  SETTINGS.hostname,
].map((s) => s.key);

/** The selector or definition kind a note is about. */
const aboutOf = (note: Note) =>
  note.subject === undefined
    ? undefined
    : "definition" in note.subject
      ? note.subject.definition
      : note.subject.selector;

/** Notes on relays: v0.13+ looks a relay up otherwise (spec §2 step 6), v0.16 uses IP literals. */
const RELAY: readonly string[] = [
  MigrateCode.RelayIpLookup,
  MigrateCode.RelayIpLiteral,
  MigrateCode.RelayLoopback,
];

/** Whether `note` says why `aspect` differs (`relay`: the ≤ v0.12 plan went to a relay). */
function explains(note: Note, aspect: Aspect, relay: boolean): boolean {
  const about = aboutOf(note);
  if (NOT_CARRIED.includes(note.code)) {
    return about !== undefined
      ? about === "route" || about === "connection"
      : DELIVERY_KEYS.some((k) => note.key === k || note.key?.startsWith(`${k}.`));
  }
  if (relay && RELAY.includes(note.code)) return aspect !== "route";
  if (note.code !== MigrateCode.ValueAdjusted) return false;
  // A value v0.16 refused: a route's limits change what is tried, a connection's what binds.
  return about === "route"
    ? aspect === "attempts" || aspect === "outcome"
    : about === "connection" && (aspect === "sources" || aspect === "ehlo");
}

export function comparePlans(before: Plan, after: Plan, notes: readonly Note[]): Difference[] {
  const found: { aspect: Aspect; message: string }[] = [];
  const route = [describeV012Route(before), describeRoute(after)] as const;
  if (route[0] !== route[1]) {
    found.push({ aspect: "route", message: `≤ v0.12: ${route[0]}; migrated: ${route[1]}` });
  }
  const tried = [before.attempts.map(target), after.attempts.map(target)] as const;
  if (tried[0].join() !== tried[1].join()) {
    found.push({
      aspect: "attempts",
      message: `≤ v0.12 tries ${list(tried[0])}; migrated tries ${list(tried[1])}`,
    });
  } else {
    found.push(...perAttempt(before, after));
  }
  if (before.outcome?.kind !== after.outcome?.kind) {
    found.push({
      aspect: "outcome",
      message: `≤ v0.12 ends in ${before.outcome?.kind ?? "delivery attempts"}; migrated in ${after.outcome?.kind ?? "delivery attempts"}`,
    });
  }
  const relay = before.nextHop.kind === "relay";
  return found.map((d) => {
    const note = notes.find((n) => explains(n, d.aspect, relay));
    return note === undefined ? d : { ...d, note: note.code };
  });
}

const target = (a: Attempt) => `${a.host} ${a.ip}`;

function list(items: readonly string[]): string {
  if (items.length === 0) return "nothing";
  const shown = items.slice(0, 4).join(", ");
  return items.length > 4 ? `${shown} and ${items.length - 4} more` : shown;
}

/** Source candidates and EHLO name of each attempt, when both plans try the same addresses. */
function perAttempt(before: Plan, after: Plan): { aspect: Aspect; message: string }[] {
  const out: { aspect: Aspect; message: string }[] = [];
  before.attempts.forEach((b, i) => {
    const a = after.attempts[i];
    if (a === undefined) return;
    const was = v012Candidates(before, b);
    const now = (a.sourceCandidates ?? []).map((c) => c.ip);
    if (was.join() !== now.join()) {
      out.push({
        aspect: "sources",
        message: `attempt ${b.n} (${target(b)}): ≤ v0.12 binds ${candidates(was)}; migrated ${candidates(now)}`,
      });
    }
    const names = [b.ehlo?.name ?? before.hostname, a.ehlo?.name ?? after.hostname] as const;
    if (names[0] !== names[1]) {
      out.push({
        aspect: "ehlo",
        message: `attempt ${b.n} (${target(b)}): ≤ v0.12 says EHLO ${names[0]}; migrated EHLO ${names[1]}`,
      });
    }
  });
  return out;
}

/** v0.12 draws the source per host: the attempt's candidates are its host's, of its family. */
function v012Candidates(plan: Plan, attempt: Attempt): readonly string[] {
  const host = plan.hosts.find((h) => h.name === attempt.host);
  const source = attempt.family === "ipv4" ? host?.source.v4 : host?.source.v6;
  return source?.candidates ?? [];
}

const candidates = (ips: readonly string[]) =>
  ips.length === 0 ? "no address (the OS picks)" : `one of ${ips.join(", ")}`;

function describeV012Route(plan: Plan): string {
  const hop = plan.nextHop;
  if (hop.kind === "local") return "local delivery";
  if (hop.kind === "mx") return "MX delivery";
  return `relay ${hop.relay ?? ""} (${(hop.address ?? "").toLowerCase()}:${hop.port ?? ""})`;
}

function describeRoute(plan: Plan): string {
  const route = plan.route;
  if (route === undefined || route.kind === "mx") return "MX delivery";
  if (route.kind === "local") return "local delivery";
  return `relay ${route.name} (${(route.relay?.address ?? "").toLowerCase()}:${route.relay?.port ?? ""})`;
}

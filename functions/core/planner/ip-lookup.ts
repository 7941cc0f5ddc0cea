/**
 * Step 3 of a plan (spec §3.4): each host's addresses under its IP strategy (Stalwart
 * crates/smtp/src/outbound/lookup.rs `ip_lookup` + `resolve_host`). DNS is the slow part:
 * every host's strategy is evaluated first (with `mx` set to that host), then all their
 * lookups start together (two round trips for any number of hosts), and the answers are
 * combined strictly in Stalwart's order. The result is the same as one host at a time.
 */
import { SETTINGS } from "../config/settings";
import type { DroppedIp, HostError, Strategy } from "../contract/plan";
import type { LookupResult, Resolver } from "../dns/types";
import { rustStrDebug } from "../expr/rust-debug";
import { isLoopback, parseIp } from "../ip";
import type { Envelope } from "./envelope";
import type { Slot } from "./mx";
import { evaluateSetting, type SettingSources } from "./settings-eval";

export interface ResolvedHost {
  readonly ips: string[];
  readonly dropped: DroppedIp[];
  readonly error: HostError | null;
}

export interface HostIps extends Slot, ResolvedHost {
  readonly strategy: Strategy;
}

export async function hostIps(
  sources: SettingSources,
  envelope: Envelope,
  slots: readonly Slot[],
  multihomed: number,
): Promise<HostIps[]> {
  const started: { slot: Slot; strategy: Strategy; lookups: HostLookups }[] = [];
  for (const slot of slots) {
    envelope.setMx(slot.name);
    const strategy = (await evaluateSetting(sources, SETTINGS.ipStrategy)).value;
    started.push({ slot, strategy, lookups: startLookups(sources.resolver, slot.name, strategy) });
  }
  const hosts: HostIps[] = [];
  for (const { slot, strategy, lookups } of started) {
    const a = await lookups.a;
    const aaaa = await lookups.aaaa;
    const resolved = combine(slot.name, strategy, a, aaaa, multihomed, slot.implicit);
    hosts.push({ ...slot, strategy, ...resolved });
  }
  return hosts;
}

export interface FamilyQueries {
  readonly a: boolean;
  readonly aaaa: boolean;
  readonly v4First: boolean;
}

/** `ipv4_only` makes no AAAA query and `ipv6_only` no A query. */
export function queriesFor(strategy: Strategy): FamilyQueries {
  switch (strategy) {
    case "ipv4_only":
      return { a: true, aaaa: false, v4First: true };
    case "ipv6_only":
      return { a: false, aaaa: true, v4First: false };
    case "ipv4_then_ipv6":
      return { a: true, aaaa: true, v4First: true };
    case "ipv6_then_ipv4":
      return { a: true, aaaa: true, v4First: false };
  }
}

export interface HostLookups {
  readonly a: Promise<LookupResult> | null;
  readonly aaaa: Promise<LookupResult> | null;
}

/** The root name (an MX exchange `.` that is no null MX) holds no address record. */
const ROOT_HAS_NONE: Promise<LookupResult> = Promise.resolve({
  status: "not_found",
  rcode: "NOERROR",
});

/**
 * Start the lookups a host needs. The A query is always issued first (Stalwart awaits it
 * before the AAAA one); here both are in flight together, which changes nothing in the
 * result because the combination below only looks at both outcomes.
 */
export function startLookups(resolver: Resolver, host: string, strategy: Strategy): HostLookups {
  const q = queriesFor(strategy);
  const lookup = (type: "A" | "AAAA") =>
    host === "." ? ROOT_HAS_NONE : resolver.lookup(host, type);
  return { a: q.a ? lookup("A") : null, aaaa: q.aaaa ? lookup("AAAA") : null };
}

function addresses(r: LookupResult): string[] {
  if (r.status !== "ok") return [];
  const out: string[] = [];
  for (const a of r.answers) if (a.type === "A" || a.type === "AAAA") out.push(a.address);
  return out;
}

const EMPTY_OK: LookupResult = { status: "ok", answers: [] };

/**
 * Combine the answers as Stalwart does:
 * - with both families, an A error counts as empty; an AAAA error counts as empty when A
 *   found something, else the AAAA error stands;
 * - a single family's error stands;
 * - all A then all AAAA (or the reverse), in answer order, then `take(multihomed)`;
 * - loopback addresses are removed after the cut (delivery.rs), none left is permanent.
 * `implicit` selects the not-found message of an implicit MX.
 */
export function combine(
  host: string,
  strategy: Strategy,
  a: LookupResult | null,
  aaaa: LookupResult | null,
  multihomed: number,
  implicit: boolean,
  noAddresses: (host: string) => string = v012NoAddresses,
): ResolvedHost {
  const q = queriesFor(strategy);
  let v4: LookupResult = EMPTY_OK;
  if (q.a && a) {
    if (a.status === "ok") v4 = a;
    else if (!q.aaaa) return failure(a, implicit);
  }
  let ordered: string[];
  if (q.aaaa && aaaa) {
    let v6: LookupResult = EMPTY_OK;
    if (aaaa.status === "ok") v6 = aaaa;
    else if (addresses(v4).length === 0) return failure(aaaa, implicit);
    ordered = q.v4First
      ? [...addresses(v4), ...addresses(v6)]
      : [...addresses(v6), ...addresses(v4)];
  } else {
    ordered = addresses(v4);
  }
  const kept = ordered.slice(0, multihomed);
  const dropped: DroppedIp[] = ordered
    .slice(multihomed)
    .map((ip) => ({ ip, reason: "multihomed" }));
  if (kept.length === 0) {
    return { ips: [], dropped, error: { permanent: false, message: noAddresses(host) } };
  }
  const ips: string[] = [];
  for (const ip of kept) {
    const parsed = parseIp(ip);
    if (parsed && isLoopback(parsed)) dropped.push({ ip, reason: "loopback" });
    else ips.push(ip);
  }
  if (ips.length === 0) {
    return { ips, dropped, error: { permanent: true, message: "host resolves loopback address" } };
  }
  return { ips, dropped, error: null };
}

/** v0.12's resolve_host prints `envelope.mx` through its `StringCow` Debug: `Borrowed("…")`. */
function v012NoAddresses(host: string): string {
  return `No IP addresses found for Borrowed(${rustStrDebug(host)}).`;
}

/** From v0.13 it prints the variable's string: `"…"` (lookup.rs @v0.15.5:162-167). */
export function noAddresses(host: string): string {
  return `No IP addresses found for ${rustStrDebug(host)}.`;
}

function failure(r: LookupResult, implicit: boolean): ResolvedHost {
  if (r.status === "not_found") {
    return {
      ips: [],
      dropped: [],
      error: {
        permanent: true,
        message: implicit ? "no MX record found." : "record not found for MX",
      },
    };
  }
  const message = r.status === "error" ? r.message : "unexpected answer";
  return { ips: [], dropped: [], error: { permanent: false, message: `lookup error: ${message}` } };
}

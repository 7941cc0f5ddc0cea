/**
 * Resolving one host's addresses under an IP strategy (Stalwart
 * crates/smtp/src/outbound/lookup.rs `ip_lookup` + `resolve_host`, and delivery.rs for
 * the loopback check).
 */

import type { DroppedIp, HostError, Strategy } from "../contract/plan";
import type { LookupResult, Resolver } from "../dns/types";
import { isLoopback, parseIp } from "../ip";

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

/**
 * Start the lookups a host needs. The A query is always issued first (Stalwart awaits it
 * before the AAAA one); here both are in flight together, which changes nothing in the
 * result because the combination below only looks at both outcomes.
 */
export function startLookups(resolver: Resolver, host: string, strategy: Strategy): HostLookups {
  const q = queriesFor(strategy);
  const a = q.a ? resolver.lookup(host, "A") : null;
  const aaaa = q.aaaa ? resolver.lookup(host, "AAAA") : null;
  return { a, aaaa };
}

export interface ResolvedHost {
  readonly ips: string[];
  readonly dropped: DroppedIp[];
  readonly error: HostError | null;
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
    // resolve_host: `No IP addresses found for {:?}.` (Debug-quoted host name).
    return {
      ips: [],
      dropped,
      error: { permanent: false, message: `No IP addresses found for ${JSON.stringify(host)}.` },
    };
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

/**
 * Validated domain names of an address (RFC 7208 §5.5): the names its PTR records give
 * whose own A or AAAA records lead back to it. The `ptr` mechanism, the `%{p}` macro and
 * the deliverability check's forward-confirmed reverse DNS all use this one procedure.
 */
import type { ParsedIp } from "../ip";
import { reverseLookupName } from "../ip";
import type { SpfResolver } from "./types";

/** §4.6.4: at most 10 PTR names are looked at; the rest are ignored. */
export const MAX_PTR_NAMES = 10;

export interface ValidatedNames {
  /** `not_found`: no PTR record (NXDOMAIN or NODATA); `error`: the PTR lookup failed. */
  readonly status: "ok" | "not_found" | "error";
  /** The PTR names, in answer order (lower case, no final dot). */
  readonly names: readonly string[];
  /** Those of the first 10 whose addresses include the address. */
  readonly validated: readonly string[];
  readonly error?: string;
}

/** The forward lookups run side by side; one that fails skips that name (§5.5). */
export async function validatedNames(ip: ParsedIp, resolver: SpfResolver): Promise<ValidatedNames> {
  const ptr = await resolver.lookup(reverseLookupName(ip), "PTR");
  if (ptr.status === "error")
    return { status: "error", names: [], validated: [], error: ptr.message };
  if (ptr.status === "not_found") return { status: "not_found", names: [], validated: [] };
  const names: string[] = [];
  for (const a of ptr.answers) if (a.type === "PTR") names.push(a.name);
  const type = ip.family === 4 ? "A" : "AAAA";
  const candidates = names.slice(0, MAX_PTR_NAMES);
  const forward = await Promise.all(candidates.map((n) => resolver.lookup(n, type)));
  const validated = candidates.filter((_, i) => {
    const r = forward[i];
    if (r?.status !== "ok") return false;
    return r.answers.some(
      (a) => (a.type === "A" || a.type === "AAAA") && a.address === ip.canonical,
    );
  });
  return { status: "ok", names, validated };
}

/** `name` is `domain` or below it (case-insensitive; both without a final dot). */
export function withinDomain(name: string, domain: string): boolean {
  const n = name.toLowerCase();
  const d = domain.toLowerCase();
  return n === d || n.endsWith(`.${d}`);
}

/** §7.3 `%{p}`: the domain itself if validated, else a name below it, else any, else "unknown". */
export function pickValidated(validated: readonly string[], domain: string): string {
  const d = domain.toLowerCase();
  return (
    validated.find((n) => n === d) ??
    validated.find((n) => withinDomain(n, d)) ??
    validated[0] ??
    "unknown"
  );
}

/**
 * Plain-language explanations shown next to results ("why" for each drop and fallback).
 * Pure functions over the API response, so they are unit-tested without a DOM.
 */
import type { Branch, Plan, PlannedHost } from "../core-adapter";

export const STRATEGY_TEXT: Readonly<Record<string, string>> = {
  ipv4_only: "IPv4 only: A records only, no AAAA query",
  ipv6_only: "IPv6 only: AAAA records only, no A query",
  ipv4_then_ipv6: "all IPv4 (A) addresses first, then IPv6 (AAAA)",
  ipv6_then_ipv4: "all IPv6 (AAAA) addresses first, then IPv4 (A)",
};

export function branchText(branch: Branch | undefined, keyFailed = false): string {
  if (!branch) return "";
  if (keyFailed) return "Stalwart's built-in default: your setting has an error (see Diagnostics)";
  if (typeof branch.index === "number") {
    return `chosen by branch ${branch.index + 1}: if ${branch.condition ?? "…"}`;
  }
  if (branch.index === "else") return "chosen by the else branch (no if matched)";
  return "the key's single value (or the built-in default when the key is absent)";
}

export function familyOf(ip: string): "ipv4" | "ipv6" {
  return ip.includes(":") ? "ipv6" : "ipv4";
}

export function dropReason(reason: string, multihomed: number | undefined): string {
  switch (reason) {
    case "multihomed":
      return `cut by limits.multihomed = ${multihomed ?? "?"}: only the first ${multihomed ?? "N"} addresses in strategy order are tried`;
    case "loopback":
      return "loopback address: Stalwart removes it after the cut";
    default:
      return reason;
  }
}

/** Preferences shared by several exchanges: those groups were shuffled (seeded). */
export function shuffledPreferences(res: Plan): Set<number> {
  const counts = new Map<number, number>();
  for (const r of res.mx?.records ?? [])
    counts.set(r.preference, (counts.get(r.preference) ?? 0) + 1);
  return new Set([...counts].filter(([, n]) => n > 1).map(([p]) => p));
}

/** Why this host's list looks the way it does: the "fallback" users expect, or not. */
export function hostWhy(host: PlannedHost, multihomed: number | undefined): string[] {
  const out: string[] = [];
  const strategy = host.strategy ?? "";
  const tried = host.ips.map(familyOf);
  const droppedFamilies = host.dropped
    .filter((d) => d.reason === "multihomed")
    .map((d) => familyOf(d.ip));
  const first = strategy.startsWith("ipv4") ? "ipv4" : "ipv6";
  const second = first === "ipv4" ? "ipv6" : "ipv4";
  const label = (f: string) => (f === "ipv4" ? "IPv4" : "IPv6");
  if (strategy.includes("_then_")) {
    if (droppedFamilies.includes(second) && !tried.includes(second)) {
      out.push(
        `${label(second)} is never tried: the ${label(first)} addresses already fill limits.multihomed = ${multihomed ?? "?"}. The "fallback" only happens when ${label(first)} has fewer addresses than the limit.`,
      );
    } else if (tried.includes(second) && tried.includes(first)) {
      out.push(
        `${label(second)} is tried after the ${label(first)} addresses (fewer ${label(first)} addresses than limits.multihomed).`,
      );
    } else if (tried.length > 0 && !tried.includes(first)) {
      out.push(`No ${label(first)} address: only ${label(second)} is tried.`);
    }
  }
  if (strategy === "ipv4_only") {
    out.push("ipv4_only: no AAAA query is made, so IPv6 addresses are never considered.");
  }
  if (strategy === "ipv6_only") {
    out.push("ipv6_only: no A query is made, so IPv4 addresses are never considered.");
  }
  if (host.implicit)
    out.push("No MX record: the domain itself is the host (implicit MX, RFC 5321 §5.1).");
  return out;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "?";
  if (ms === 0) return "0s";
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [unit, size] of [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0) parts.push(`${rest}ms`);
  return parts.join(" ");
}

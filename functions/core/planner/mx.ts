/**
 * Step 2 of a plan (spec §3): the hosts to try. A relay is its own single host; for MX
 * resolution, the MX answers become the ordered host list (Stalwart
 * crates/smtp/src/outbound/lookup.rs, `ToNextHop for Vec<MX>`, and mail-auth's MX
 * grouping).
 */

import type { Plan } from "../contract/plan";
import type { Answer, Resolver } from "../dns/types";
import type { Random } from "../io";
import type { NextHop } from "./next-hop";

/** A host to try, as the later steps need it. */
export interface Slot {
  readonly name: string;
  /** MX preference; null for a relay. */
  readonly preference: number | null;
  readonly shuffled: boolean;
  /** The domain itself standing in for missing MX records (RFC 5321 §5.1). */
  readonly implicit: boolean;
}

export type MxHosts =
  | { readonly mx: Plan["mx"]; readonly slots: readonly Slot[] }
  | { readonly mx: Plan["mx"]; readonly outcome: NonNullable<Plan["outcome"]> };

/**
 * The hosts for `hop`: a relay's address, or the MX hosts of `domain` up to `limitsMx`.
 * NXDOMAIN or no MX records: the domain itself (implicit MX). Any other DNS error is a
 * temporary failure, and a lone `0 .` a permanent one (null MX).
 */
export async function mxHosts(
  hop: NextHop,
  domain: string,
  limitsMx: number,
  resolver: Resolver,
  random: Random,
): Promise<MxHosts> {
  if (hop.kind === "relay") {
    const relay = { name: hop.address, preference: null, shuffled: false, implicit: false };
    return { mx: { status: "skipped", records: [] }, slots: [relay] };
  }
  const answer = await resolver.lookup(domain, "MX");
  if (answer.status === "error") {
    return {
      mx: { status: "error", records: [], error: answer.message },
      outcome: {
        kind: "temporary_failure",
        message: `MX lookup for ${domain} failed: ${answer.message}`,
      },
    };
  }
  const groups = answer.status === "ok" ? groupMx(answer.answers) : [];
  const records = groups.flatMap((g) =>
    g.exchanges.map((exchange) => ({ preference: g.preference, exchange })),
  );
  if (groups.length === 0) {
    const self = { name: domain, preference: 0, shuffled: false, implicit: true };
    return { mx: { status: "implicit", records }, slots: [self] };
  }
  const list = buildHostList(groups, limitsMx, random);
  if (list.kind === "null_mx") {
    return {
      mx: { status: "null_mx", records },
      outcome: { kind: "permanent_failure", message: "Domain does not accept messages (null MX)" },
    };
  }
  return {
    mx: { status: "ok", records },
    slots: list.hosts.map((h) => ({ ...h, implicit: false })),
  };
}

export interface MxGroup {
  readonly preference: number;
  readonly exchanges: readonly string[];
}

export interface HostSlot {
  readonly name: string;
  readonly preference: number;
  readonly shuffled: boolean;
}

/** Lower-case and strip the trailing dot: mail-auth stores exchanges that way. */
export function normalizeExchange(name: string): string {
  const lower = name.toLowerCase();
  // The root name (a null MX exchange) may come back as "" or ".".
  if (lower === "" || lower === ".") return ".";
  return lower.length > 1 && lower.endsWith(".") ? lower.slice(0, -1) : lower;
}

/**
 * Group exchanges by preference, groups sorted ascending; inside a group the answer order
 * is kept (it is shuffled later, per delivery attempt).
 */
export function groupMx(answers: readonly Answer[]): MxGroup[] {
  const byPref = new Map<number, string[]>();
  for (const a of answers) {
    if (a.type !== "MX") continue;
    const list = byPref.get(a.preference) ?? [];
    list.push(normalizeExchange(a.exchange));
    byPref.set(a.preference, list);
  }
  return [...byPref.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([preference, exchanges]) => ({ preference, exchanges }));
}

/** Fisher–Yates, the algorithm of rand's `SliceRandom::shuffle`, with our seeded source. */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    const t = out[i] as T;
    out[i] = out[j] as T;
    out[j] = t;
  }
  return out;
}

export type HostListResult =
  | { readonly kind: "hosts"; readonly hosts: HostSlot[] }
  | { readonly kind: "null_mx" };

/**
 * Walk the groups in order; a group with several exchanges is shuffled; hosts are
 * appended one by one and the count is compared with `maxMx` after each append, so
 * `maxMx = 0` never matches and means "no limit" (Stalwart checks `len() == max_mx`).
 * A single exchange "." at preference 0 is a null MX (RFC 7505) — only recognised when it
 * is alone in its group, exactly as Stalwart does.
 */
export function buildHostList(
  groups: readonly MxGroup[],
  maxMx: number,
  random: Random,
): HostListResult {
  const hosts: HostSlot[] = [];
  for (const group of groups) {
    if (group.exchanges.length > 1) {
      for (const name of shuffle(group.exchanges, random)) {
        hosts.push({ name, preference: group.preference, shuffled: true });
        if (hosts.length === maxMx) return { kind: "hosts", hosts };
      }
    } else {
      const name = group.exchanges[0];
      if (name === undefined) continue;
      if (group.preference === 0 && name === ".") return { kind: "null_mx" };
      hosts.push({ name, preference: group.preference, shuffled: false });
      if (hosts.length === maxMx) return { kind: "hosts", hosts };
    }
  }
  return { kind: "hosts", hosts };
}

/**
 * From MX answers to the ordered host list (Stalwart crates/smtp/src/outbound/lookup.rs,
 * `ToNextHop for Vec<MX>`, and mail-auth's MX grouping).
 */
import type { Answer } from "../dns/types";
import type { Random } from "../io";

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

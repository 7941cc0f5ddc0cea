/**
 * Step 4 of a plan (spec §3.4): the source address of each host (Stalwart v0.12 lookup.rs
 * `resolve_host`). Once a host resolved, `source-ip.v4` and `.v6` are evaluated for it;
 * from several candidates one is picked at random, once per host, and reused for every
 * address of that host. Each connection binds the pick of the remote address's family;
 * none of that family means unbound (the OS picks). (The docs' "each new connection" is
 * only true from v0.13 on.)
 */
import { SETTINGS } from "../config/settings";
import type { PlannedHost, SourceChoice } from "../contract/plan";
import type { Random } from "../io";
import type { Envelope } from "./envelope";
import type { HostIps } from "./ip-lookup";
import { evaluateSetting, type SettingSources } from "./settings-eval";

export function pickSource(candidates: readonly string[], random: Random): SourceChoice {
  if (candidates.length === 0) return { candidates, picked: null };
  if (candidates.length === 1) return { candidates, picked: candidates[0] ?? null };
  return { candidates, picked: candidates[random.below(candidates.length)] ?? null };
}

const NONE: SourceChoice = { candidates: [], picked: null };

/** Each host with its source choices, in host order (the picks draw on `random` in turn). */
export async function sourceIps(
  sources: SettingSources,
  envelope: Envelope,
  hosts: readonly HostIps[],
  random: Random,
): Promise<PlannedHost[]> {
  const planned: PlannedHost[] = [];
  for (const h of hosts) {
    let source = { v4: NONE, v6: NONE };
    envelope.setMx(h.name);
    if (h.error === null) {
      const v4 = await evaluateSetting(sources, SETTINGS.sourceIpV4);
      const v6 = await evaluateSetting(sources, SETTINGS.sourceIpV6);
      source = { v4: pickSource(v4.value, random), v6: pickSource(v6.value, random) };
    }
    planned.push({
      name: h.name,
      preference: h.preference,
      implicit: h.implicit,
      shuffled: h.shuffled,
      strategy: h.strategy,
      ips: h.ips,
      dropped: h.dropped,
      source,
      error: h.error,
    });
  }
  return planned;
}

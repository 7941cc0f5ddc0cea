/**
 * Source address choice (Stalwart v0.12 lookup.rs `resolve_host`): `source-ip.v4` and
 * `.v6` are evaluated once per host; with several candidates one is picked at random
 * once per host and reused for every address of that host. Each connection binds the
 * pick of the remote address's family; none of that family means unbound (the OS picks).
 * (The docs' "each new connection" is only true from v0.13 on.)
 */

import type { SourceChoice } from "../contract/plan";
import type { Random } from "../io";

export function pickSource(candidates: readonly string[], random: Random): SourceChoice {
  if (candidates.length === 0) return { candidates, picked: null };
  if (candidates.length === 1) return { candidates, picked: candidates[0] ?? null };
  return { candidates, picked: candidates[random.below(candidates.length)] ?? null };
}

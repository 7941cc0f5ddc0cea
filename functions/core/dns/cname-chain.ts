/**
 * CNAME chain walking inside one DoH answer section: the records for the queried name,
 * or for the end of the CNAME chain starting there, in answer order, with the smallest
 * TTL seen along the way.
 */
import type { Answer } from "./types";
import type { WireRecord } from "./wire";

export type Walk =
  | {
      readonly kind: "answers";
      readonly answers: Answer[];
      readonly chain: string[];
      readonly ttl: number | null;
    }
  | {
      readonly kind: "dangling";
      readonly target: string;
      readonly chain: string[];
      readonly ttl: number | null;
    }
  | { readonly kind: "loop"; readonly chain: string[] };

/** Follow the CNAME chain from `start` inside one answer section, keeping answer order. */
export function walkChain(
  records: readonly WireRecord[],
  start: string,
  maxHops: number,
  seen: Set<string>,
): Walk {
  let current = start;
  const chain: string[] = [];
  let ttl: number | null = null;
  const minTtl = (t: number) => {
    ttl = ttl === null ? t : Math.min(ttl, t);
  };
  for (;;) {
    const answers: Answer[] = [];
    for (const r of records) {
      if (r.kind === "answer" && r.name === current) {
        answers.push(r.answer);
        minTtl(r.ttl);
      }
    }
    if (answers.length > 0) return { kind: "answers", answers, chain, ttl };
    const cname = records.find((r) => r.kind === "cname" && r.name === current);
    if (cname === undefined || cname.kind !== "cname") {
      return chain.length > 0
        ? { kind: "dangling", target: current, chain, ttl }
        : { kind: "answers", answers, chain, ttl };
    }
    if (seen.has(cname.target) || seen.size > maxHops) return { kind: "loop", chain };
    seen.add(cname.target);
    chain.push(cname.target);
    minTtl(cname.ttl);
    current = cname.target;
  }
}

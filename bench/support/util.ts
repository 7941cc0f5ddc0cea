/** Small helpers shared by the bench sections. */
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");

export { freePort, sleep } from "../../test/support/net";

/** The q-quantile (0..1) of samples, nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (samples: readonly number[]) => quantile(samples, 0.5);

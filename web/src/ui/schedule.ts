/**
 * When each retry is due, from `queue.schedule.retry` (shared/spec §1, §3.5): after the
 * attempt with retry_num n fails, the next is due after schedule[min(n, len-1)]. The
 * setting is an if-block over the HOST variables, so it is evaluated per retry_num with
 * the Worker's expression endpoint (the same evaluator), branch by branch.
 */
import { evaluateExpression } from "../api/client";

export const DEFAULT_RETRY_MS = [
  120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000,
];
const KEY = "queue.schedule.retry";

export interface RetryBlock {
  /** Single expression, or branches ending with an else. Null = key absent. */
  readonly single: string | null;
  readonly branches: readonly { readonly cond: string; readonly then: string }[];
  readonly otherwise: string | null;
}

export async function readRetryBlock(config: string): Promise<RetryBlock | null> {
  const { loadConfig } = await import("../../../functions/core/config/toml-loader");
  let loaded: ReturnType<typeof loadConfig>;
  try {
    loaded = loadConfig(config);
  } catch {
    return null;
  }
  const single = loaded.get(KEY);
  if (single) return { single: single.value, branches: [], otherwise: null };
  const keys = loaded.keysUnder(`${KEY}.`);
  if (keys.length === 0) return null;
  const branches: { cond: string; then: string }[] = [];
  let otherwise: string | null = null;
  const positions = [...new Set(keys.map((k) => k.slice(KEY.length + 1).split(".")[0] ?? ""))];
  for (const pos of positions) {
    const cond = loaded.get(`${KEY}.${pos}.if`)?.value;
    const then = loaded.get(`${KEY}.${pos}.then`)?.value;
    const els = loaded.get(`${KEY}.${pos}.else`)?.value;
    if (cond !== undefined && then !== undefined) branches.push({ cond, then });
    else if (els !== undefined) otherwise = els;
  }
  return { single: null, branches, otherwise };
}

function toMs(v: unknown): number[] | null {
  const one = (x: unknown): number | null =>
    typeof x === "number" ? x : typeof x === "string" && /^\d+$/.test(x) ? Number(x) : null;
  const list = Array.isArray(v) ? v.map(one) : [one(v)];
  return list.every((x): x is number => x !== null) && list.length > 0 ? (list as number[]) : null;
}

const truthy = (v: unknown): boolean =>
  Array.isArray(v)
    ? v.length > 0
    : typeof v === "string"
      ? v !== ""
      : typeof v === "number"
        ? v !== 0
        : Boolean(v);

/** The schedule (ms) in force for these variables; the default when absent or broken. */
export async function retrySchedule(
  block: RetryBlock | null,
  variables: Record<string, unknown>,
): Promise<{ schedule: number[]; note: string | null }> {
  if (!block) return { schedule: DEFAULT_RETRY_MS, note: null };
  const ev = async (expression: string) => {
    const r = await evaluateExpression({ expression, variables, key: KEY });
    return r.ok ? r.data.value : undefined;
  };
  let chosen: string | null = block.single;
  if (chosen === null) {
    for (const b of block.branches) {
      if (truthy(await ev(b.cond))) {
        chosen = b.then;
        break;
      }
    }
    chosen ??= block.otherwise;
  }
  if (chosen === null)
    return { schedule: DEFAULT_RETRY_MS, note: `${KEY} could not be read: default used` };
  const ms = toMs(await ev(chosen));
  // Stalwart's fallback when the value does not evaluate to durations is [1m].
  return ms
    ? { schedule: ms, note: null }
    : { schedule: [60_000], note: `${KEY} did not give durations: Stalwart uses [1m]` };
}

/** Milliseconds from the first attempt until the attempt with retry_num n is due. */
export function dueAfter(n: number, scheduleAt: (k: number) => readonly number[]): number {
  let total = 0;
  for (let k = 0; k < n; k++) {
    const s = scheduleAt(k);
    total += s[Math.min(k, s.length - 1)] ?? 0;
  }
  return total;
}

/**
 * The examples menu: the seed docs page's examples, the classic mistakes, DNS situations,
 * deliverability checks, and per Stalwart version from v0.13 on (with the classic upgrade
 * failures), each with what-if records (resolver "none") so it works offline and always
 * shows the same thing.
 */
import { defaultState, type PlaygroundState } from "../state/types";
import { DELIVERABILITY_EXAMPLES } from "./deliverability";
import type { Example } from "./types";
import { V012_EXAMPLES } from "./v012";
import { V013_EXAMPLES } from "./v013";
import { V016_EXAMPLES } from "./v016";

export type { Example } from "./types";

export const EXAMPLES: readonly Example[] = [
  ...V012_EXAMPLES,
  ...DELIVERABILITY_EXAMPLES,
  ...V013_EXAMPLES,
  ...V016_EXAMPLES,
];

export function exampleState(ex: Example): PlaygroundState {
  const s = defaultState();
  s.config = ex.config;
  s.records = ex.records.map((r) => ({ ...r }));
  s.resolver = "none";
  s.context.domain = ex.domain ?? "example.com";
  s.context.retry_num = ex.retryNum ?? 0;
  s.checks = [...(ex.checks ?? [])];
  s.model = ex.model ?? "auto";
  return s;
}

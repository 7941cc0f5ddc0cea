/**
 * The checks' share of an evaluation's DNS queries. One request may make 50 subrequests
 * on the free plan (LIMITS.subrequests); the cache keeps two, the plan may make up to its
 * own cap (LIMITS.dohQueries) and comes first. The checks run beside it from the start,
 * so while the plan is running they may use only what its cap leaves; once it is done,
 * whatever it did not use too.
 */
import type { QueryBudget } from "../dns/types";

export interface ChecksBudget extends QueryBudget {
  /** Queries refused so far (each one a check that could not complete). */
  refused(): number;
  /** The plan is done: its unused share is the checks' now. */
  planDone(): void;
}

export function checksBudget(total: number, plan: QueryBudget): ChecksBudget {
  let used = 0;
  let refused = 0;
  let done = false;
  return {
    limit: Math.max(0, total - plan.limit),
    take() {
      const held = done ? plan.used() : Math.max(plan.limit, plan.used());
      if (used + held >= total) {
        refused++;
        return false;
      }
      used++;
      return true;
    },
    used: () => used,
    refused: () => refused,
    planDone() {
      done = true;
    },
  };
}

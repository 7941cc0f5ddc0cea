/**
 * `checks: ["spf", "ptr"]` for one evaluation: started beside the plan (their lookups do
 * not depend on the MX answers), on a lane of the evaluation's resolver so identical
 * queries are shared and cached with the plan's, under the checks' share of the
 * subrequests (budget.ts); finished as a pass over the plan's attempts (pass.ts).
 */
import type { EvaluationResolver } from "../dns/evaluation-resolver";
import type { Diagnostic } from "../errors";
import { LIMITS } from "../limits";
import { checksBudget } from "./budget";
import { checkAttempts, type PlanLike } from "./pass";
import type { SourcePreview } from "./preview-v012";
import { SourceChecks } from "./source-checks";
import type { AttemptDeliverability, CheckName, ChecksSummary } from "./types";

export interface StartOptions {
  readonly requested: readonly CheckName[];
  /** MAIL FROM; "" is the null reverse path. */
  readonly sender: string;
  readonly resolver: EvaluationResolver;
  /** DNS queries the whole evaluation may make (plan and checks). */
  readonly total: number;
  /** Seconds since the epoch, for `%{t}`. */
  readonly now: () => number;
  /** Source addresses and EHLO names to start on before the plan has them. */
  readonly preview?: SourcePreview;
}

export interface ChecksOutcome {
  readonly deliverability: readonly AttemptDeliverability[];
  readonly summary: ChecksSummary;
  readonly diagnostics: readonly Diagnostic[];
}

export interface RunningChecks {
  /** The plan is done: check its attempts (the preview's checks are shared). */
  finish(plan: PlanLike): Promise<ChecksOutcome>;
}

export function startChecks(o: StartOptions): RunningChecks {
  const budget = checksBudget(o.total, o.resolver.budget);
  const lane = o.resolver.lane({ budget, names: "any" });
  const checks = new SourceChecks({ resolver: lane, now: o.now }, new Set(o.requested), o.sender);
  if (o.preview) checks.prestart(o.preview.ips, o.preview.ehlos);
  return {
    async finish(plan) {
      budget.planDone();
      const deliverability = await checkAttempts(plan, checks);
      const refused = budget.refused();
      const diagnostics: Diagnostic[] =
        refused === 0
          ? []
          : [
              {
                severity: "warning",
                code: "checks_subrequest_limit",
                message: `The checks needed more DNS queries than one request may make: ${LIMITS.subrequests} subrequests, ${o.total} of them DNS queries once the cache has its ${LIMITS.cacheSubrequests}, the plan's first. ${refused} lookups were not made, so the checks that needed them say temperror; POST /api/spf checks one address with the whole budget.`,
              },
            ];
      return {
        deliverability,
        summary: {
          requested: [...new Set(o.requested)],
          sender: o.sender,
          subrequests: { dns: o.resolver.queriesMade() + budget.used(), limit: o.total },
        },
        diagnostics,
      };
    },
  };
}

/** The plan with each attempt's `deliverability` and the `checks` summary. */
export function withChecks<A extends object, P extends { readonly attempts: readonly A[] }>(
  plan: P,
  outcome: ChecksOutcome,
): P & { readonly checks: ChecksSummary } {
  const attempts = plan.attempts.map((a, i) => ({
    ...a,
    deliverability: outcome.deliverability[i],
  }));
  return { ...plan, attempts, checks: outcome.summary };
}

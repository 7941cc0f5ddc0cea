/**
 * Run: the plan for the current state, from the browser or the API (plan-source.ts),
 * with progress and Cancel, drawn in the result panel and announced to screen readers.
 * An error about an input goes to that input's panel (input-errors.ts) and the result on
 * screen stays, marked stale.
 */
import type { Plan } from "../core-adapter";
import { byId } from "../dom";
import type { EditorHandle } from "../editor/handle";
import { evaluateRequest, recordRows, spfRequests } from "../state/request";
import type { PlaygroundState } from "../state/types";
import { checksSummary } from "../ui/checks-text";
import { clearInputErrors, showInputError } from "../ui/input-errors";
import { type Progress, startProgress } from "../ui/progress";
import type { SpfQuery } from "../ui/result/spf-trace";
import { renderError, renderResult } from "../ui/result/view";
import { clearStale } from "../ui/stale";
import { computePlan, computeSpf } from "./plan-source";

export interface RunDeps {
  /** The state, with the editor's text already in it. */
  readonly state: () => PlaygroundState;
  readonly editor: () => EditorHandle;
  /** A plan was drawn (the branch highlight, the timeline follow it). */
  readonly onPlan: (plan: Plan | null) => void;
}

export interface RunController {
  /** Runs, or cancels the Run in progress (the Run button is Cancel meanwhile). */
  toggle(): Promise<void>;
  run(): Promise<void>;
  /** Runs started so far (an automatic Run is skipped if the user ran meanwhile). */
  count(): number;
}

/** One sentence for the live region: what changed, not the whole result. */
function announcement(plan: Plan, where: string): string {
  const n = plan.attempts.length;
  const first = plan.attempts[0];
  const head =
    n > 0
      ? `${n} connection attempt${n === 1 ? "" : "s"}, first ${first?.ip} on ${first?.host}`
      : `no connection attempt: ${plan.outcome?.message ?? "nothing is tried"}`;
  const checks = checksSummary(plan)[0];
  return `Result updated (${where === "browser" ? "computed in your browser" : "computed by the server"}): strategy ${plan.strategy?.value ?? "unknown"}, ${head}.${checks ? ` ${checks}` : ""}`;
}

export function runController(deps: RunDeps): RunController {
  const result = byId("result-panel");
  const button = byId<HTMLButtonElement>("run");
  const live = byId("announce");
  /** The Run in progress, if any. */
  let current: { controller: AbortController; progress: Progress } | null = null;
  let runs = 0;

  const run = async (): Promise<void> => {
    current?.controller.abort();
    current?.progress.stop();
    const mine = { controller: new AbortController(), progress: startProgress(result, button) };
    current = mine;
    const n = ++runs;
    const state = deps.state();
    const { rows, problem } = recordRows(state.records);
    const spfBody = spfRequests(state);
    clearInputErrors();
    const r = problem
      ? { ok: false as const, error: problem }
      : await computePlan(evaluateRequest(state), mine.controller.signal);
    if (current !== mine) return;
    current = null;
    mine.progress.stop();
    const reveal = (line: number, column: number) => deps.editor().reveal(line, column);
    if (r.ok) {
      const trace = (q: SpfQuery) => computeSpf(spfBody(q));
      renderResult(result, r.data, reveal, r.where, trace);
      clearStale(result);
      live.textContent = announcement(r.data, r.where);
      deps.onPlan(r.data);
    } else if (r.error.code === "aborted") {
      live.textContent = "Run cancelled; the result shown is the previous one.";
    } else if (showInputError(r.error, reveal, (i) => rows[i] ?? i)) {
      live.textContent = `Not run: ${r.error.message}`;
    } else {
      renderError(result, r.error.code, r.error.message);
      live.textContent = `Could not evaluate: ${r.error.message}`;
      deps.onPlan(null);
    }
    result.dataset.run = String(n);
  };

  return {
    run,
    async toggle() {
      if (current) current.controller.abort();
      else await run();
    },
    count: () => runs,
  };
}

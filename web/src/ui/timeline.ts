/**
 * Retry timeline: strategy and attempts for retry_num 0…N side by side (one plan per
 * retry_num, from the browser when the what-if records answer everything, plan-source.ts),
 * each with when it is due from queue.schedule.retry, and where queue.schedule.expire
 * gives the message up.
 */
import type { Plan } from "../core-adapter";
import { badge, h, mono } from "../dom";
import { computePlan, type PlanResult } from "../run/plan-source";
import { evaluateRequest, recordRows } from "../state/request";
import type { PlaygroundState } from "../state/types";
import { branchText, familyOf, formatDuration } from "./explain";
import { dueAfter } from "./schedule";
import { clearStale } from "./stale";

const MAX_SHOWN = 10;

function attemptsOf(res: Plan): HTMLElement {
  if (res.attempts.length === 0)
    return h("p", { class: "sev-warning small" }, res.outcome?.message ?? "nothing tried");
  return h(
    "ol",
    null,
    ...res.attempts.map((a) =>
      h(
        "li",
        { class: familyOf(a.ip), title: `${a.host} from ${a.sourceIp ?? "OS choice"}` },
        a.ip,
      ),
    ),
  );
}

function column(n: number, current: boolean, due: HTMLElement, r: PlanResult): HTMLElement {
  const head = h(
    "header",
    null,
    h(
      "h3",
      null,
      n === 0 ? "First try" : `Retry ${n}`,
      h("span", { class: "muted small" }, ` · retry_num = ${n}`),
    ),
    due,
  );
  const cls = `retry-col${current ? " current" : ""}`;
  if (!r.ok)
    return h(
      "article",
      { class: cls },
      head,
      h("p", { class: "sev-error small" }, r.error.message),
    );
  const s = r.data.strategy?.value ?? "?";
  return h(
    "article",
    { class: cls, "data-retry": n },
    head,
    h("div", null, badge(s, s.startsWith("ipv6") ? "v6" : "v4")),
    h("div", { class: "small muted" }, branchText(r.data.strategy?.branch)),
    attemptsOf(r.data),
  );
}

/**
 * When attempt n is due: the waits of the plans before it added up (`retry.nextInMs`), or
 * unknown when one of them could not be computed; past expiry, not at all.
 */
function dueText(n: number, results: readonly PlanResult[], expireMs: number | null): HTMLElement {
  if (n === 0) return h("div", { class: "due" }, "when queued");
  const waits = results.slice(0, n).map((r) => (r.ok ? (r.data.retry?.nextInMs ?? null) : null));
  if (waits.some((w) => w === null))
    return h("div", { class: "due muted" }, "due: unknown (an earlier try could not be computed)");
  const due = dueAfter(n, (k) => waits[k] ?? 0);
  if (expireMs !== null && due >= expireMs)
    return h(
      "div",
      { class: "due expired" },
      `never: due ${formatDuration(due)} after queueing, past queue.schedule.expire (${formatDuration(expireMs)}); the message has been bounced`,
    );
  return h(
    "div",
    { class: "due" },
    `due ${formatDuration(due)} after the first try (waits ${formatDuration(waits[n - 1] ?? 0)})`,
  );
}

function countInput(el: HTMLElement, state: PlaygroundState): HTMLElement {
  const count = h("input", {
    type: "number",
    min: 1,
    max: MAX_SHOWN,
    value: state.timelineMax,
    id: "timeline-max",
  });
  count.addEventListener("change", () => {
    const v = Number(count.value);
    if (Number.isInteger(v) && v >= 1 && v <= MAX_SHOWN) {
      state.timelineMax = v;
      void renderTimeline(el, state);
    }
  });
  return h("label", { class: "small", for: "timeline-max" }, "last retry_num shown ", count);
}

export async function renderTimeline(el: HTMLElement, state: PlaygroundState): Promise<void> {
  const max = state.timelineMax;
  const intro = h(
    "div",
    { class: "panel-head" },
    h("h2", null, "Retry timeline"),
    countInput(el, state),
  );
  el.dataset.drawn = "pending";
  el.setAttribute("aria-busy", "true");
  const ns = Array.from({ length: max + 1 }, (_, i) => i);
  // A what-if row that cannot be sent fails every column, as it fails Run; the checks
  // are left out (they cost lookups, and the columns show none).
  const { problem } = recordRows(state.records);
  const plan = (n: number): Promise<PlanResult> =>
    problem
      ? Promise.resolve({ ok: false, error: problem })
      : computePlan(evaluateRequest(state, n, { checks: false }));
  const results = await Promise.all(ns.map(plan));
  const first = results[0];
  const expireMs = first?.ok ? (first.data.retry?.expireMs ?? null) : null;
  const cols = ns.map((n, i) =>
    column(
      n,
      n === state.context.retry_num,
      dueText(n, results, expireMs),
      results[i] as PlanResult,
    ),
  );
  el.replaceChildren(
    intro,
    h(
      "p",
      { class: "small muted" },
      "Each column is one delivery attempt of the same message: Stalwart re-evaluates the strategy with the new retry_num. IPv4 in blue, IPv6 in purple. Delays come from ",
      mono("queue.schedule.retry"),
      "; the message is given up after ",
      mono("queue.schedule.expire"),
      expireMs !== null ? ` (${formatDuration(expireMs)} here).` : ".",
    ),
    h("div", { class: "timeline", id: "timeline" }, ...cols),
  );
  clearStale(el);
  el.removeAttribute("aria-busy");
  el.dataset.drawn = "true";
}

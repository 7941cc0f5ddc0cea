/**
 * Retry timeline: strategy and attempts for retry_num 0…N side by side (one evaluate per
 * retry_num, in parallel), each with when it is due from queue.schedule.retry.
 */

import type { Plan as EvaluateResponse } from "../../../functions/core/contract";
import { evaluate } from "../api/client";
import { badge, h, mono } from "../dom";
import { evaluateRequest } from "../state/request";
import type { PlaygroundState } from "../state/types";
import { branchText, familyOf, formatDuration } from "./explain";
import { dueAfter } from "./schedule";

function column(
  n: number,
  current: boolean,
  due: string,
  res: EvaluateResponse | string,
): HTMLElement {
  const head = h(
    "header",
    null,
    h(
      "h3",
      null,
      n === 0 ? "First try" : `Retry ${n}`,
      h("span", { class: "muted small" }, ` · retry_num = ${n}`),
    ),
    h("div", { class: "due" }, due),
  );
  if (typeof res === "string")
    return h(
      "article",
      { class: `retry-col${current ? " current" : ""}` },
      head,
      h("p", { class: "sev-error small" }, res),
    );
  const list =
    res.attempts.length > 0
      ? h(
          "ol",
          null,
          ...res.attempts.map((a) =>
            h(
              "li",
              { class: familyOf(a.ip), title: `${a.host} from ${a.sourceIp ?? "OS choice"}` },
              a.ip,
            ),
          ),
        )
      : h("p", { class: "sev-warning small" }, res.outcome?.message ?? "nothing tried");
  return h(
    "article",
    { class: `retry-col${current ? " current" : ""}`, "data-retry": n },
    head,
    h(
      "div",
      null,
      badge(
        res.strategy?.value ?? "?",
        (res.strategy?.value ?? "").startsWith("ipv6") ? "v6" : "v4",
      ),
    ),
    h("div", { class: "small muted" }, branchText(res.strategy?.branch)),
    list,
  );
}

export async function renderTimeline(el: HTMLElement, state: PlaygroundState): Promise<void> {
  const max = state.timelineMax;
  const count = h("input", {
    type: "number",
    min: 1,
    max: 10,
    value: max,
    id: "timeline-max",
    "aria-label": "last retry_num shown",
  });
  const intro = h(
    "div",
    { class: "panel-head" },
    h("h2", null, "Retry timeline"),
    h("label", { class: "small" }, "retries shown ", count),
  );
  el.replaceChildren(intro, h("p", { class: "muted" }, "Evaluating…"));
  count.addEventListener("change", () => {
    const v = Number.parseInt(count.value, 10);
    if (v >= 1 && v <= 10) {
      state.timelineMax = v;
      void renderTimeline(el, state);
    }
  });
  const ns = Array.from({ length: max + 1 }, (_, i) => i);
  const results = await Promise.all(ns.map((n) => evaluate(evaluateRequest(state, n))));
  const c = state.context;
  // The wait before attempt n is what attempt n-1's plan says (`retry.nextInMs`).
  const waitAfter = (k: number): number => {
    const r = results[k];
    return r?.ok ? (r.data.retry?.nextInMs ?? 0) : 0;
  };
  const cols = ns.map((n, i) => {
    const r = results[i];
    const due =
      n === 0
        ? "when queued"
        : `due ${formatDuration(dueAfter(n, waitAfter))} after the first try (waits ${formatDuration(waitAfter(n - 1))})`;
    return column(n, n === c.retry_num, due, r?.ok ? r.data : (r?.error.message ?? "error"));
  });
  el.replaceChildren(
    intro,
    h(
      "p",
      { class: "small muted" },
      "Each column is one delivery attempt of the same message: Stalwart re-evaluates the strategy with the new retry_num. IPv4 in blue, IPv6 in purple. Delays come from ",
      mono("queue.schedule.retry"),
      ".",
    ),
    h("div", { class: "timeline", id: "timeline" }, ...cols),
  );
}

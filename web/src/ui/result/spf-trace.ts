/**
 * The SPF evaluation of one checked (source IP, identity) pair: record by record, term by
 * term, with the lookups it made (POST /api/spf's `steps` and `dns`). The plan carries
 * only each check's result, so the trace is computed when asked for: in this page when
 * the what-if records answer it (plan-source.ts), else by the API.
 */
import type { Plan, SpfResponse } from "../../core-adapter";
import { badge, h, mono, replace } from "../../dom";
import type { SpfResult } from "../../run/plan-source";
import { SPF_TONE, senderText, sourceVerdicts } from "../checks-text";
import type { ShowTrace } from "./checks";
import { traceSection } from "./lists";

export type SpfQuery = Parameters<ShowTrace>[0];
export type SpfTracer = (q: SpfQuery) => Promise<SpfResult>;

const keyOf = (q: SpfQuery): string => JSON.stringify([q.ip, q.sender, q.helo]);

const OUTCOME_TONE: Readonly<Record<string, string>> = {
  match: "ok",
  permerror: "err",
  temperror: "warn",
  none: "warn",
};

/** Every check the plan made, MAIL FROM then HELO for each source address. */
function checkedPairs(plan: Plan): { q: SpfQuery; label: string }[] {
  const sender = plan.checks?.sender ?? "";
  return sourceVerdicts(plan).flatMap((v) => [
    ...(v.spf
      ? [
          {
            q: { ip: v.sourceIp, sender, helo: v.helo.name },
            label: `${v.sourceIp}, MAIL FROM ${senderText(sender, v.helo.name)}`,
          },
        ]
      : []),
    ...(v.helo.spf
      ? [
          {
            q: { ip: v.sourceIp, sender: "", helo: v.helo.name },
            label: `${v.sourceIp}, HELO ${v.helo.name}`,
          },
        ]
      : []),
  ]);
}

function steps(r: SpfResponse): HTMLElement {
  return h(
    "ol",
    { class: "spf-steps", "aria-label": "the evaluation, term by term" },
    ...r.steps.map((s) => {
      const li = h(
        "li",
        null,
        mono(s.domain, "muted"),
        " ",
        mono(s.term),
        " ",
        badge(s.outcome, OUTCOME_TONE[s.outcome] ?? ""),
        s.detail ? h("span", { class: "muted small" }, ` ${s.detail}`) : null,
      );
      // CSSOM, not a style attribute: the CSP allows no inline style markup from us.
      li.style.setProperty("--depth", String(s.depth));
      return li;
    }),
  );
}

function answer(out: HTMLElement, r: SpfResult): void {
  if (!r.ok) {
    out.replaceChildren(
      h(
        "p",
        { class: "sev-error" },
        `${r.error.message} `,
        h("span", { class: "muted" }, `(${r.error.code})`),
      ),
    );
    out.dataset.result = "error";
    return;
  }
  const d = r.data;
  replace(
    out,
    h("p", null, badge(`SPF ${d.result}`, SPF_TONE[d.result]), ` ${d.reason}`),
    d.explanation ? h("p", { class: "small" }, `Explanation (exp=): ${d.explanation}`) : null,
    h(
      "p",
      { class: "small muted" },
      `${d.lookups.dns} of 10 DNS-querying terms, ${d.lookups.void} of 2 void lookups (RFC 7208 §4.6.4); ${r.where === "browser" ? "computed in your browser" : "computed by the server"}.`,
    ),
    steps(d),
    traceSection(d.dns, "spf-dns", "Lookups of this check"),
  );
  out.dataset.result = d.result;
}

/**
 * The trace section, closed until asked for; `show` opens it on one pair (the attempts'
 * "SPF trace" buttons), choosing it in the menu and bringing the section into view.
 */
export function spfTraceSection(
  plan: Plan,
  trace: SpfTracer,
): { readonly el: HTMLElement; readonly show: ShowTrace } {
  const pairs = checkedPairs(plan);
  const known = new Map(pairs.map((p) => [keyOf(p.q), p.q]));
  const pick = h(
    "select",
    { id: "spf-trace-pick" },
    ...pairs.map((p) => h("option", { value: keyOf(p.q) }, p.label)),
  );
  const out = h("div", { id: "spf-trace-out", "aria-live": "polite" });
  let generation = 0;
  /** The pair drawn (or being drawn): opening the section again does not redo it. */
  let drawn = "";
  const draw = async (): Promise<void> => {
    const q = known.get(pick.value);
    if (!q) return;
    drawn = pick.value;
    const mine = ++generation;
    out.setAttribute("aria-busy", "true");
    const r = await trace(q);
    if (mine !== generation) return;
    out.removeAttribute("aria-busy");
    answer(out, r);
  };
  pick.addEventListener("change", () => void draw());
  const el = h(
    "details",
    { class: "section spf-trace", id: "spf-trace" },
    h("summary", null, h("h3", null, "SPF evaluation trace")),
    h("label", { class: "field" }, h("span", null, "Check"), pick),
    out,
  );
  el.addEventListener("toggle", () => {
    if (el.open && drawn !== pick.value) void draw();
  });
  const show: ShowTrace = (q) => {
    const key = keyOf(q);
    if (!known.has(key)) {
      known.set(key, q);
      pick.append(
        h(
          "option",
          { value: key },
          `${q.ip}, ${q.sender ? `MAIL FROM ${q.sender}` : `HELO ${q.helo}`}`,
        ),
      );
    }
    pick.value = key;
    // Opening draws it (the toggle event); an open section is redrawn here.
    if (el.open) void draw();
    else el.open = true;
    el.scrollIntoView({ block: "start" });
  };
  return { el, show };
}

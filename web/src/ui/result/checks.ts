/**
 * The deliverability checks in the result: under each attempt its badges (SPF, PTR, EHLO)
 * as the summary of a disclosure that expands to the reasons and to the verdict of every
 * source address the attempt may bind (the pick is random); above the attempts, the
 * summary over the whole plan.
 */
import type { Attempt, Plan, SourceVerdict } from "../../core-adapter";
import "./checks.css";
import { badge, h, mono } from "../../dom";
import {
  type BadgeText,
  checksSummary,
  ehloBadge,
  ptrBadge,
  senderText,
  spfBadge,
} from "../checks-text";

/** Opens the SPF trace of one (address, sender, HELO) check (spf-trace.ts). */
export type ShowTrace = (q: { ip: string; sender: string; helo: string }) => void;

const toBadge = (b: BadgeText): HTMLElement => {
  const el = badge(b.label, b.tone);
  el.title = b.reason;
  return el;
};

function badgesOf(v: SourceVerdict): HTMLElement[] {
  return [v.spf ? spfBadge(v.spf) : null, ptrBadge(v), ehloBadge(v)]
    .filter((b): b is BadgeText => b !== null)
    .map(toBadge);
}

function traceButton(label: string, q: Parameters<ShowTrace>[0], show: ShowTrace): HTMLElement {
  const b = h("button", { type: "button", class: "small trace-btn" }, label);
  b.addEventListener("click", () => show(q));
  return b;
}

/** The reasons of one source address's verdict, as a definition list. */
function reasons(v: SourceVerdict, sender: string, show: ShowTrace): HTMLElement {
  const rows: HTMLElement[] = [];
  const spf = (label: string, identity: string, verdict: SourceVerdict["spf"]) => {
    if (!verdict) return;
    const b = spfBadge(verdict);
    rows.push(
      h("dt", null, label),
      h(
        "dd",
        null,
        toBadge(b),
        " ",
        b.reason,
        " ",
        traceButton("SPF trace", { ip: v.sourceIp, sender: identity, helo: v.helo.name }, show),
      ),
    );
  };
  spf(`MAIL FROM ${senderText(sender, v.helo.name)}`, sender, v.spf);
  spf(`HELO ${v.helo.name}`, "", v.helo.spf);
  const ptr = ptrBadge(v);
  if (ptr) rows.push(h("dt", null, "Reverse DNS"), h("dd", null, toBadge(ptr), " ", ptr.reason));
  const ehlo = ehloBadge(v);
  if (ehlo) rows.push(h("dt", null, "EHLO name"), h("dd", null, toBadge(ehlo), " ", ehlo.reason));
  return h("dl", { class: "kv" }, ...rows);
}

const COLUMNS = ["source IP", "SPF (MAIL FROM)", "SPF (HELO)", "reverse DNS", "EHLO"];

function candidateRow(v: SourceVerdict, picked: boolean): HTMLElement {
  const cell = (b: BadgeText | null) => h("td", null, b ? toBadge(b) : "—");
  return h(
    "tr",
    picked ? { class: "picked" } : null,
    h("td", null, mono(v.sourceIp), picked ? " ✓ picked" : ""),
    cell(v.spf ? spfBadge(v.spf) : null),
    cell(v.helo.spf ? spfBadge(v.helo.spf) : null),
    cell(ptrBadge(v)),
    cell(ehloBadge(v)),
  );
}

function candidatesTable(d: { sourceIp: string; candidates: readonly SourceVerdict[] }) {
  return h(
    "div",
    { class: "table-wrap", tabindex: 0, role: "region", "aria-label": "every source candidate" },
    h(
      "table",
      { class: "candidates" },
      h(
        "caption",
        { class: "small muted" },
        "Every source IP this attempt may bind (one is picked at random):",
      ),
      h("thead", null, h("tr", null, ...COLUMNS.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", null, ...d.candidates.map((c) => candidateRow(c, c.sourceIp === d.sourceIp))),
    ),
  );
}

/** How many candidates other than the pick would fail: the risk the random pick hides. */
function candidatesBadge(candidates: readonly SourceVerdict[]): HTMLElement | null {
  if (candidates.length < 2) return null;
  const bad = candidates.filter(
    (c) => (c.spf && spfBadge(c.spf).tone === "err") || c.ptr?.forwardConfirmed === false,
  ).length;
  return bad === 0
    ? badge(`all ${candidates.length} candidates ✓`, "ok")
    : badge(`${bad} of ${candidates.length} candidates ✗`, "err");
}

/** The checks of one attempt: badges to expand into the reasons, or the unbound verdict. */
export function attemptChecks(a: Attempt, sender: string, show: ShowTrace): HTMLElement | null {
  const d = a.deliverability;
  if (!d) return null;
  if (d.verdict === "unbound") {
    return h(
      "details",
      { class: "checks" },
      h("summary", null, badge("unbound: cannot be checked", "warn")),
      h("p", { class: "why" }, d.message),
    );
  }
  return h(
    "details",
    { class: "checks" },
    h("summary", null, ...badgesOf(d), candidatesBadge(d.candidates)),
    reasons(d, sender, show),
    d.candidates.length > 1 ? candidatesTable(d) : null,
  );
}

/** The summary above the attempts, or null when no checks were asked for. */
export function checksSummarySection(plan: Plan): HTMLElement | null {
  if (!plan.checks) return null;
  const lines = checksSummary(plan);
  const cost = plan.checks.subrequests;
  return h(
    "div",
    { class: "checks-summary", id: "checks-summary" },
    ...lines.map((l) => h("p", null, l)),
    h(
      "p",
      { class: "small muted" },
      `Checked: ${plan.checks.requested.map((c) => (c === "spf" ? "SPF" : "reverse DNS and EHLO")).join(", ")}; ${cost.dns === 0 ? "no DNS query to a resolver" : `${cost.dns} DNS queries of the ${cost.limit} one evaluation may make`}. Expand an attempt for the reasons.`,
    ),
  );
}

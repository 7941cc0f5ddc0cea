/**
 * The two plans of a migration compared for the current context and retry number: the
 * verdict, the differences in words (each naming the note that says why, when one does),
 * and both attempt lists side by side.
 */
import type { Attempt, Comparison, Plan } from "../../core-adapter";
import { MODEL_NAMES } from "../../core-adapter";
import { badge, h, mono } from "../../dom";

const ASPECT: Readonly<Record<string, string>> = {
  route: "route",
  attempts: "attempt order",
  sources: "source addresses",
  ehlo: "EHLO name",
  outcome: "outcome",
};

/**
 * The addresses an attempt may leave from: v0.13+ lists them per attempt; ≤ v0.12 per
 * host and family (the pick is made once per host there).
 */
function candidatesOf(a: Attempt, p: Plan): readonly string[] {
  if (a.sourceCandidates) return a.sourceCandidates.map((c) => c.ip);
  const source = p.hosts.find((x) => x.name === a.host)?.source;
  return (a.family === "ipv6" ? source?.v6 : source?.v4)?.candidates ?? [];
}

function attemptItem(a: Attempt, p: Plan): HTMLElement {
  const from = candidatesOf(a, p);
  return h(
    "li",
    null,
    mono(a.ip),
    h("span", { class: "muted" }, ` ${a.host}`),
    " from ",
    from.length ? mono(from.join(" | ")) : h("em", { class: "muted" }, "the OS's choice"),
    a.ehlo ? h("span", { class: "muted" }, " · EHLO ") : null,
    a.ehlo ? mono(a.ehlo.name) : null,
  );
}

function routeOf(p: Plan): string {
  if (p.route) return `route '${p.route.name}' (${p.route.kind})`;
  const hop = p.nextHop;
  return hop.kind === "relay" ? `relay '${hop.relay ?? "?"}'` : hop.kind;
}

function column(title: string, p: Plan, id: string): HTMLElement {
  return h(
    "div",
    { class: "compare-col", id },
    h("h4", null, title),
    h("p", { class: "small muted" }, `${routeOf(p)}, EHLO fallback ${p.hostname}`),
    p.attempts.length
      ? h("ol", { class: "small" }, ...p.attempts.map((a) => attemptItem(a, p)))
      : h("p", { class: "small sev-warning" }, p.outcome?.message ?? "nothing is tried"),
  );
}

export function comparisonSection(
  c: Comparison,
  where: { readonly domain: string; readonly retryNum: number },
  showNote: (code: string) => void,
): HTMLElement {
  const at = `${where.domain} at retry_num ${where.retryNum}`;
  const verdict = c.same
    ? h(
        "div",
        { class: "outcome local", id: "migrate-same", "data-same": "true" },
        h("strong", null, `The same delivery for ${at}`),
        h(
          "p",
          { class: "why" },
          "Same route, attempts in the same order, the same source candidates and EHLO names.",
        ),
      )
    : h(
        "div",
        { class: "outcome temporary", id: "migrate-same", "data-same": "false" },
        h(
          "strong",
          null,
          `Delivery changes for ${at}: ${c.differences.length} difference${c.differences.length === 1 ? "" : "s"}`,
        ),
        h(
          "ul",
          { id: "migrate-differences" },
          ...c.differences.map((d) => {
            const note = d.note;
            const why = note
              ? h("button", { type: "button", class: "small" }, `why: ${note}`)
              : null;
            why?.addEventListener("click", () => note && showNote(note));
            return h("li", null, badge(ASPECT[d.aspect] ?? d.aspect), " ", d.message, " ", why);
          }),
        ),
      );
  return h(
    "section",
    { class: "section", id: "migrate-comparison" },
    h("h3", null, "Both configs compared"),
    verdict,
    h(
      "div",
      { class: "compare-cols" },
      column(`${MODEL_NAMES[c.before.model]} (now)`, c.before, "migrate-before"),
      column(`${MODEL_NAMES[c.after.model]} (migrated)`, c.after, "migrate-after"),
    ),
  );
}

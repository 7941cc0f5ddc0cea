/**
 * The result of one Run: where it was computed, the strategy and route (MX, relay or
 * local, and the EHLO name), the attempt list (the hero, with the deliverability checks
 * when asked for) or the outcome in plain words, then the reasons (hosts), MX records,
 * diagnostics, the SPF trace and the DNS trace.
 */
import type { Attempt, Plan } from "../../core-adapter";
import { badge, h, mono } from "../../dom";
import { branchText, familyOf, STRATEGY_TEXT, shuffledPreferences } from "../explain";
import { outcomeText, relayText } from "../outcome-text";
import { attemptChecks, checksSummarySection, type ShowTrace } from "./checks";
import { hostCard } from "./hosts";
import { diagnosticsSection, type JumpTo, mxSection, rawSection, traceSection } from "./lists";
import { attemptRoute, modelLine, routeLine } from "./route";
import { type SpfTracer, spfTraceSection } from "./spf-trace";

export type { JumpTo, SpfTracer };

/** Where a plan was computed: the same core, in this page or in the Worker. */
export type ComputedIn = "browser" | "server";

const COMPUTED: Readonly<Record<ComputedIn, string>> = {
  browser: "computed in your browser (no network: every lookup was a what-if record)",
  server: "computed by the server (its DNS resolver answered the lookups)",
};

function attemptRow(a: Attempt, sender: string, show: ShowTrace): HTMLElement {
  const fam = a.family === "ipv6" || familyOf(a.ip) === "ipv6" ? "ipv6" : "ipv4";
  return h(
    "li",
    { class: `attempt ${fam}` },
    h("span", { class: "n", "aria-label": `attempt ${a.n}` }, a.n),
    h(
      "span",
      { class: "ip" },
      a.ip,
      " ",
      badge(fam === "ipv6" ? "IPv6" : "IPv4", fam === "ipv6" ? "v6" : "v4"),
    ),
    h(
      "span",
      { class: "host" },
      mono(a.host),
      a.preference != null ? h("span", { class: "muted" }, ` pref ${a.preference}`) : null,
    ),
    h(
      "span",
      { class: "src" },
      h("span", { class: "muted" }, "from "),
      a.sourceIp ? mono(a.sourceIp) : h("em", { class: "muted" }, "OS chooses (unbound)"),
    ),
    attemptRoute(a),
    attemptChecks(a, sender, show),
  );
}

/** The strategy key has an error diagnostic: the default shown replaced the user's setting. */
function strategyKeyFailed(res: Plan): boolean {
  const k = res.strategy?.key;
  return (
    k !== undefined &&
    res.diagnostics.some(
      (d) =>
        d.severity === "error" && d.key !== undefined && (d.key === k || d.key.startsWith(`${k}.`)),
    )
  );
}

function routeText(res: Plan): HTMLElement {
  if (res.route) return routeLine(res.route, res.hostname);
  const hop = res.nextHop;
  const route =
    hop?.kind === "relay"
      ? ["relay ", mono(relayText(hop))]
      : hop?.kind === "local"
        ? ["local delivery (next-hop 'local')"]
        : ["MX lookup of the recipient domain"];
  return h(
    "span",
    { class: "small", id: "result-route" },
    "Route: ",
    ...route,
    res.hostname ? h("span", null, " · EHLO ", mono(res.hostname)) : null,
  );
}

function summary(res: Plan, where: ComputedIn): HTMLElement {
  const strategy = res.strategy?.value ?? "";
  return h(
    "div",
    { class: "summary", id: "result-summary" },
    h("span", { class: "computed small", id: "computed-in", "data-where": where }, COMPUTED[where]),
    modelLine(res),
    h("span", null, "Strategy ", h("span", { class: "strategy" }, strategy || "—")),
    h(
      "span",
      { class: "muted" },
      res.route
        ? `the ip-lookup of route '${res.route.name}'`
        : branchText(res.strategy?.branch, strategyKeyFailed(res)),
    ),
    strategy && STRATEGY_TEXT[strategy]
      ? h("span", { class: "small" }, STRATEGY_TEXT[strategy])
      : null,
    routeText(res),
    res.limits
      ? h(
          "span",
          { class: "small muted" },
          `limits.mx = ${res.limits.mx ?? "?"}, limits.multihomed = ${res.limits.multihomed ?? "?"}`,
        )
      : null,
  );
}

function attemptsOrOutcome(res: Plan, show: ShowTrace): HTMLElement {
  const o = outcomeText(res);
  const sender = res.checks?.sender ?? "";
  const list =
    res.attempts.length > 0
      ? h(
          "ol",
          { class: "attempts", id: "attempts", "aria-label": "connection attempts in order" },
          ...res.attempts.map((a) => attemptRow(a, sender, show)),
        )
      : null;
  const outcome =
    o.style === "attempts"
      ? null
      : h(
          "div",
          {
            class: `outcome ${o.style}`,
            id: list ? "outcome" : "attempts",
            "data-outcome": o.style,
          },
          h("strong", null, o.title),
          h("p", { class: "why" }, o.next),
        );
  return h(
    "section",
    { class: "section" },
    h("h3", null, "Connection attempts, in order"),
    checksSummarySection(res),
    outcome,
    list ?? (outcome ? null : h("p", { id: "attempts", class: "muted" }, "Nothing is tried.")),
  );
}

/**
 * Draws a plan. `trace` computes the SPF evaluation of one check on demand, with the
 * DNS of the Run that made the plan.
 */
export function renderResult(
  el: HTMLElement,
  res: Plan,
  jump: JumpTo,
  where: ComputedIn,
  trace: SpfTracer,
): void {
  const shuffled = shuffledPreferences(res);
  const multihomed = res.limits?.multihomed;
  const spf = res.checks?.requested.includes("spf") ? spfTraceSection(res, trace) : null;
  el.replaceChildren(
    summary(res, where),
    attemptsOrOutcome(res, spf?.show ?? (() => {})),
    h(
      "section",
      { class: "section" },
      h("h3", null, "Why: hosts in order, their addresses and source IPs"),
      res.hosts.length
        ? h(
            "div",
            { class: "hosts" },
            ...res.hosts.map((host, i) =>
              hostCard(host, i, shuffled, multihomed, res.dns, res.route ? "attempt" : "host"),
            ),
          )
        : h("p", { class: "muted" }, "No host."),
    ),
    mxSection(res, shuffled),
    diagnosticsSection(res, jump),
    spf?.el ?? "",
    traceSection(res.dns),
    rawSection(res),
  );
}

/** A failure that belongs to no input panel (the API unreachable, an unexpected answer). */
export function renderError(el: HTMLElement, code: string, message: string, where?: string): void {
  el.replaceChildren(
    h(
      "div",
      { class: "outcome error", role: "alert" },
      h("strong", null, "Could not evaluate: "),
      message,
      where ? h("span", { class: "muted" }, ` (${where})`) : null,
      h("p", { class: "why" }, `code: ${code}`),
    ),
  );
}

/**
 * The result of one Run: strategy and branch, the attempt list (the hero), then the
 * reasons (hosts, drops, sources, errors), MX records, diagnostics and DNS trace.
 */
import type {
  PlanDiagnostic as ApiDiagnostic,
  Attempt,
  Plan as EvaluateResponse,
  PlannedHost as Host,
  TraceEntry as Trace,
} from "../../../functions/core/contract";
import { badge, h, mono } from "../dom";
import {
  branchText,
  dropReason,
  familyOf,
  hostWhy,
  STRATEGY_TEXT,
  shuffledPreferences,
} from "./explain";

export type JumpTo = (line: number, column: number) => void;

function attemptRow(a: Attempt): HTMLElement {
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
  );
}

function sourceLine(
  label: string,
  src: { candidates: readonly string[]; picked: string | null } | undefined,
): HTMLElement[] {
  const cands = src?.candidates ?? [];
  const dd =
    cands.length === 0
      ? h("dd", null, h("em", { class: "muted" }, "none configured: unbound, the OS chooses"))
      : h(
          "dd",
          null,
          ...cands.flatMap((c, i) => [
            i > 0 ? ", " : "",
            c === src?.picked ? h("strong", null, mono(c), " ✓ picked") : mono(c),
          ]),
          cands.length > 1
            ? h(
                "span",
                { class: "muted" },
                " (one picked at random per host, reused for all its connections)",
              )
            : null,
        );
  return [h("dt", null, label), dd];
}

function hostCard(
  host: Host,
  index: number,
  shuffled: Set<number>,
  multihomed: number | undefined,
): HTMLElement {
  const pref = host.preference;
  const ips = h("ol", { class: "ip-list", "aria-label": "addresses in try order" });
  for (const ip of host.ips) {
    ips.append(
      h(
        "li",
        null,
        mono(ip),
        " ",
        badge(familyOf(ip) === "ipv6" ? "IPv6" : "IPv4", familyOf(ip) === "ipv6" ? "v6" : "v4"),
      ),
    );
  }
  for (const d of host.dropped) {
    ips.append(
      h(
        "li",
        null,
        h("span", { class: "dropped" }, mono(d.ip)),
        h("span", { class: "reason" }, `✗ not tried: ${dropReason(d.reason, multihomed)}`),
      ),
    );
  }
  if (host.ips.length === 0 && host.dropped.length === 0)
    ips.append(h("li", { class: "muted" }, "no addresses"));
  return h(
    "article",
    { class: "host-card" },
    h(
      "header",
      null,
      h("h3", null, `${index + 1}. `, mono(host.name)),
      pref != null ? badge(`preference ${pref}`) : null,
      pref != null && shuffled.has(pref) ? badge("shuffled group", "warn") : null,
      host.implicit ? badge("implicit MX", "warn") : null,
      host.strategy ? badge(host.strategy) : null,
      host.error
        ? badge(host.error.permanent ? "permanent error" : "temporary error", "err")
        : null,
    ),
    host.error ? h("p", { class: "sev-error" }, host.error.message) : null,
    ips,
    ...hostWhy(host, multihomed).map((w) => h("p", { class: "why" }, w)),
    h(
      "dl",
      { class: "kv" },
      ...sourceLine("source v4", host.source?.v4),
      ...sourceLine("source v6", host.source?.v6),
    ),
  );
}

export function diagnosticItem(d: ApiDiagnostic): HTMLElement {
  const where = d.line != null ? `${d.line}:${d.column ?? 1}` : (d.key ?? "");
  return h(
    "li",
    null,
    h(
      "button",
      { class: "diag", type: "button", title: d.line != null ? "Show in the editor" : d.code },
      h("span", { class: `sev-${d.severity}` }, d.severity),
      h("span", { class: "where" }, where),
      h("span", null, d.message, " ", h("span", { class: "muted small" }, `(${d.code})`)),
    ),
  );
}

function bindJump(li: HTMLElement, d: ApiDiagnostic, jump: JumpTo): HTMLElement {
  const btn = li.querySelector("button");
  if (btn && d.line != null) btn.addEventListener("click", () => jump(d.line ?? 1, d.column ?? 1));
  return li;
}

function traceTable(dns: readonly Trace[]): HTMLElement {
  const rows = dns.map((t) =>
    h(
      "tr",
      null,
      h("td", { class: "name" }, t.name),
      h("td", null, t.type),
      h("td", null, t.rcode === "NOERROR" ? t.rcode : h("span", { class: "sev-warning" }, t.rcode)),
      h("td", { class: "answers" }, t.answers.length ? t.answers.join("\n") : (t.error ?? "—")),
      h("td", null, t.ttl == null ? "—" : `${t.ttl}s`),
      h("td", null, t.ms == null ? "—" : `${Math.round(t.ms)} ms`),
      h("td", null, badge(t.from === "record" ? "what-if" : t.from)),
    ),
  );
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      null,
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          ...["name", "type", "rcode", "answers", "TTL", "time", "from"].map((c) =>
            h("th", null, c),
          ),
        ),
      ),
      h("tbody", null, ...rows),
    ),
  );
}

/** The strategy key has an error diagnostic: the default shown replaced the user's setting. */
function strategyKeyFailed(res: EvaluateResponse): boolean {
  const k = res.strategy?.key;
  return (
    k !== undefined &&
    res.diagnostics.some(
      (d) =>
        d.severity === "error" && d.key !== undefined && (d.key === k || d.key.startsWith(`${k}.`)),
    )
  );
}

export function renderResult(el: HTMLElement, res: EvaluateResponse, jump: JumpTo): void {
  const strategy = res.strategy?.value ?? "";
  const multihomed = res.limits?.multihomed;
  const shuffled = shuffledPreferences(res);
  const summary = h(
    "div",
    { class: "summary", id: "result-summary" },
    h("span", null, "Strategy ", h("span", { class: "strategy" }, strategy || "—")),
    h("span", { class: "muted" }, branchText(res.strategy?.branch, strategyKeyFailed(res))),
    strategy && STRATEGY_TEXT[strategy]
      ? h("span", { class: "small" }, STRATEGY_TEXT[strategy])
      : null,
    res.limits
      ? h(
          "span",
          { class: "small muted" },
          `limits.mx = ${res.limits.mx ?? "?"}, limits.multihomed = ${multihomed ?? "?"}`,
        )
      : null,
  );
  const attempts =
    res.attempts.length > 0
      ? h(
          "ol",
          { class: "attempts", id: "attempts", "aria-label": "connection attempts in order" },
          ...res.attempts.map(attemptRow),
        )
      : h(
          "div",
          { class: `outcome ${res.outcome?.kind ?? ""}`, id: "attempts" },
          h(
            "strong",
            null,
            res.outcome?.kind === "temporary_failure"
              ? "Temporary failure: "
              : "Permanent failure: ",
          ),
          res.outcome?.message ?? "nothing would be tried",
          h(
            "p",
            { class: "why" },
            res.outcome?.kind === "temporary_failure"
              ? "Stalwart keeps the message and retries on queue.schedule.retry."
              : "Stalwart bounces the message (DSN to the sender).",
          ),
        );
  const mxRecords = res.mx?.records ?? [];
  const mxStatus: Record<string, string> = {
    ok: "MX records found",
    implicit: "no MX record: the domain itself is the only host (implicit MX)",
    null_mx: "null MX (RFC 7505): the domain accepts no mail",
    error: "MX lookup failed: nothing is tried, temporary failure",
  };
  el.replaceChildren(
    summary,
    h("section", { class: "section" }, h("h3", null, "Connection attempts, in order"), attempts),
    h(
      "section",
      { class: "section" },
      h("h3", null, "Why: hosts in order, their addresses and source IPs"),
      res.hosts.length
        ? h(
            "div",
            { class: "hosts" },
            ...res.hosts.map((host, i) => hostCard(host, i, shuffled, multihomed)),
          )
        : h("p", { class: "muted" }, "No host."),
    ),
    h(
      "section",
      { class: "section" },
      h("h3", null, "MX records"),
      h(
        "p",
        { class: "small" },
        res.mx
          ? (mxStatus[res.mx.status] ?? res.mx.status)
          : "not looked up (relay or local delivery)",
        res.mx?.error ? `: ${res.mx.error}` : "",
      ),
      mxRecords.length
        ? h(
            "ul",
            { class: "small" },
            ...mxRecords.map((r) =>
              h(
                "li",
                null,
                `${r.preference} `,
                mono(r.exchange),
                shuffled.has(r.preference)
                  ? h("span", { class: "muted" }, " (same preference: shuffled)")
                  : null,
                res.hosts.length > 0 &&
                  !res.hosts.some((x) => x.name === r.exchange.replace(/\.$/, "").toLowerCase())
                  ? h(
                      "span",
                      { class: "sev-warning" },
                      ` not tried: cut by limits.mx = ${res.limits?.mx ?? "?"}`,
                    )
                  : null,
              ),
            ),
          )
        : null,
    ),
    h(
      "section",
      { class: "section" },
      h("h3", null, `Diagnostics (${res.diagnostics.length})`),
      res.diagnostics.length
        ? h(
            "ul",
            { class: "diag-list", id: "result-diagnostics" },
            ...res.diagnostics.map((d) => bindJump(diagnosticItem(d), d, jump)),
          )
        : h("p", { class: "muted small" }, "None."),
    ),
    h(
      "section",
      { class: "section" },
      h("h3", null, `DNS trace (${res.dns.length} lookups)`),
      res.dns.length ? traceTable(res.dns) : h("p", { class: "muted small" }, "No lookup."),
    ),
  );
}

export function renderError(el: HTMLElement, code: string, message: string, where?: string): void {
  el.replaceChildren(
    h(
      "div",
      { class: "outcome", role: "alert" },
      h("strong", null, "Could not evaluate: "),
      message,
      where ? h("span", { class: "muted" }, ` (${where})`) : null,
      h("p", { class: "why" }, `code: ${code}`),
    ),
  );
}

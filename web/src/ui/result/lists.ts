/** The result's reference lists: MX records, diagnostics and the DNS trace. */
import type { Plan, PlanDiagnostic, TraceEntry } from "../../core-adapter";
import { badge, h, mono } from "../../dom";
import { plainError } from "../outcome-text";

export type JumpTo = (line: number, column: number) => void;

export function diagnosticItem(d: PlanDiagnostic, jump: JumpTo): HTMLElement {
  const where = d.line != null ? `${d.line}:${d.column ?? 1}` : (d.key ?? "");
  const button = h(
    "button",
    { class: "diag", type: "button", title: d.line != null ? "Show in the editor" : d.code },
    h("span", { class: `sev-${d.severity}` }, d.severity),
    h("span", { class: "where" }, where),
    h("span", null, d.message, " ", h("span", { class: "muted small" }, `(${d.code})`)),
  );
  const { line } = d;
  if (line != null) button.addEventListener("click", () => jump(line, d.column ?? 1));
  return h("li", null, button);
}

export function diagnosticsSection(res: Plan, jump: JumpTo): HTMLElement {
  return h(
    "section",
    { class: "section" },
    h("h3", null, `Diagnostics (${res.diagnostics.length})`),
    res.diagnostics.length
      ? h(
          "ul",
          { class: "diag-list", id: "result-diagnostics" },
          ...res.diagnostics.map((d) => diagnosticItem(d, jump)),
        )
      : h("p", { class: "muted small" }, "None."),
  );
}

const MX_STATUS: Readonly<Record<string, string>> = {
  ok: "MX records found",
  implicit: "no MX record: the domain itself is the only host (implicit MX)",
  null_mx: "null MX (RFC 7505): the domain accepts no mail",
  error: "MX lookup failed: nothing is tried, temporary failure",
  skipped: "not looked up (relay or local delivery)",
};

export function mxSection(res: Plan, shuffled: ReadonlySet<number>): HTMLElement {
  const records = res.mx?.records ?? [];
  const tried = new Set(res.hosts.map((x) => x.name));
  return h(
    "section",
    { class: "section" },
    h("h3", null, "MX records"),
    h(
      "p",
      { class: "small" },
      res.mx ? (MX_STATUS[res.mx.status] ?? res.mx.status) : MX_STATUS.skipped,
      res.mx?.error ? `: ${plainError(res.mx.error)}` : "",
    ),
    records.length
      ? h(
          "ul",
          { class: "small" },
          ...records.map((r) =>
            h(
              "li",
              null,
              `${r.preference} `,
              mono(r.exchange),
              shuffled.has(r.preference)
                ? h("span", { class: "muted" }, " (same preference: shuffled)")
                : null,
              res.hosts.length > 0 && !tried.has(r.exchange.replace(/\.$/, "").toLowerCase())
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
  );
}

const COLUMNS = ["name", "type", "rcode", "answers", "TTL", "time", "from"];

function traceRow(t: TraceEntry): HTMLElement {
  return h(
    "tr",
    null,
    h("td", { class: "name" }, t.name),
    h("td", null, t.type),
    h("td", null, t.rcode === "NOERROR" ? t.rcode : h("span", { class: "sev-warning" }, t.rcode)),
    h(
      "td",
      { class: "answers", title: t.error ?? null },
      t.answers.length ? t.answers.join("\n") : t.error ? plainError(t.error) : "—",
    ),
    h("td", null, t.ttl == null ? "—" : `${t.ttl}s`),
    h("td", null, t.ms == null ? "—" : `${Math.round(t.ms)} ms`),
    h("td", null, badge(t.from === "record" ? "what-if" : t.from)),
  );
}

/**
 * The lookups in the order made; the table scrolls sideways and takes the focus for it.
 * `id` names the table (the plan's is `dns-trace`; the SPF trace has its own).
 */
export function traceSection(
  dns: readonly TraceEntry[],
  id = "dns-trace",
  title = "DNS trace",
): HTMLElement {
  return h(
    "section",
    { class: "section" },
    h("h3", { id: `${id}-title` }, `${title} (${dns.length} lookups)`),
    dns.length
      ? h(
          "div",
          {
            class: "table-wrap",
            tabindex: 0,
            role: "region",
            "aria-labelledby": `${id}-title`,
          },
          h(
            "table",
            { id },
            h("thead", null, h("tr", null, ...COLUMNS.map((c) => h("th", { scope: "col" }, c)))),
            h("tbody", null, ...dns.map(traceRow)),
          ),
        )
      : h("p", { class: "muted small" }, "No lookup."),
  );
}

/** The plan as /api/evaluate returns it, for bug reports and scripts (and the tests). */
export function rawSection(res: Plan): HTMLElement {
  return h(
    "details",
    { class: "section raw" },
    h("summary", null, "The plan as JSON (what POST /api/evaluate answers)"),
    h("pre", { id: "plan-json", class: "mono small", tabindex: 0 }, JSON.stringify(res, null, 2)),
  );
}

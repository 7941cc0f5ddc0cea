/**
 * Expression console: evaluate any expression with chosen variables (POST
 * /api/expression) and show its value and type, or the error at its column.
 */
import { SELECTOR_KEYS, SETTINGS } from "../core-adapter";
import { badge, h, mono, replace } from "../dom";
import { computeExpression, type ExpressionResult } from "../run/plan-source";
import { cleanRecords, parseVariableLines } from "../state/request";
import type { PlaygroundState } from "../state/types";
import { clearStale } from "./stale";

/** The context's variables, as the message being delivered would have them. */
export function contextVariables(
  state: PlaygroundState,
): Record<string, string | number | string[]> {
  const c = state.context;
  const at = c.sender.lastIndexOf("@");
  return {
    sender: c.sender,
    sender_domain: at >= 0 ? c.sender.slice(at + 1) : "",
    rcpt_domain: c.domain,
    rcpt: c.rcpt,
    recipients: c.recipients,
    retry_num: c.retry_num,
    notify_num: c.notify_num,
    priority: c.priority,
    expires_in: c.expires_in,
    last_status: c.last_status,
    last_error: c.last_error,
  };
}

/** The keys an expression may be parsed as, by Stalwart version (each its language). */
const KEY_GROUPS: readonly (readonly [string, readonly string[]])[] = [
  ["Stalwart ≤ v0.12", SETTINGS.filter((s) => s.expression).map((s) => s.key)],
  ["Stalwart v0.13–v0.15", SELECTOR_KEYS["v0.13"]],
  ["Stalwart v0.16", SELECTOR_KEYS["v0.16"]],
];

function expressionRequest(state: PlaygroundState) {
  const cs = state.console;
  return {
    expression: cs.expression,
    // The picker's version, or (Auto) the key's.
    ...(state.model !== "auto" ? { model: state.model } : {}),
    variables: { ...contextVariables(state), ...parseVariableLines(cs.variables) },
    ...(cs.key ? { key: cs.key } : {}),
    config: state.config,
    records: cleanRecords(state.records),
    resolver: state.resolver,
    ...(state.localDomains.length ? { localDomains: state.localDomains } : {}),
  };
}

/** The value and its type (with the API's notes), or the error with a caret at its column. */
function showAnswer(out: HTMLElement, r: ExpressionResult, expression: string): void {
  if (r.ok) {
    out.replaceChildren(
      badge(r.data.type, "ok"),
      " ",
      JSON.stringify(r.data.value, null, 1),
      ...(r.data.notes ?? []).map((n) =>
        h(
          "p",
          { class: "note small" },
          `Note: ${n.message} `,
          h("span", { class: "muted" }, `(${n.code})`),
        ),
      ),
      h(
        "p",
        { class: "muted small" },
        r.where === "browser" ? "computed in your browser" : "computed by the server",
      ),
    );
    return;
  }
  const col = r.error.column;
  replace(
    out,
    h("span", { class: "sev-error" }, `${r.error.message}`),
    h("span", { class: "muted" }, ` (${r.error.code}${col ? `, column ${col}` : ""})`),
    col
      ? h(
          "div",
          null,
          "\n",
          expression.split("\n")[0] ?? "",
          "\n",
          h("span", { class: "caret" }, `${" ".repeat(Math.max(0, col - 1))}^`),
        )
      : null,
  );
}

/** The console's three inputs, filled from the state. */
function inputs(cs: PlaygroundState["console"]) {
  return {
    expr: h(
      "textarea",
      {
        id: "console-expr",
        rows: 3,
        spellcheck: "false",
        class: "mono",
        "aria-label": "Expression",
      },
      cs.expression,
    ),
    key: h(
      "select",
      { id: "console-key", "aria-label": "Parse as setting" },
      h("option", { value: "", selected: cs.key === "" }, "(no key: every variable allowed)"),
      ...KEY_GROUPS.map(([label, keys]) =>
        h(
          "optgroup",
          { label },
          ...keys.map((k) => h("option", { value: k, selected: k === cs.key }, k)),
        ),
      ),
    ),
    vars: h(
      "textarea",
      {
        id: "console-vars",
        rows: 3,
        spellcheck: "false",
        class: "mono",
        placeholder: "retry_num = 2\nlast_error = 'tls'",
        "aria-label": "Variables",
      },
      cs.variables,
    ),
  };
}

function layout(
  state: PlaygroundState,
  f: ReturnType<typeof inputs>,
  go: HTMLElement,
  out: HTMLElement,
): HTMLElement[] {
  return [
    h(
      "div",
      { class: "panel-head" },
      h("h2", null, "Expression console"),
      h("span", { class: "muted small" }, "Stalwart's expression language"),
    ),
    h("label", { class: "field wide" }, h("span", null, "Expression"), f.expr),
    h(
      "div",
      { class: "form-grid console-grid" },
      h(
        "label",
        { class: "field" },
        h("span", null, "Parse as (allowed variables, constants)"),
        f.key,
      ),
      h(
        "label",
        { class: "field" },
        h("span", null, "Variables (name = value per line; the context's are included)"),
        f.vars,
      ),
    ),
    h("p", null, go),
    out,
    h(
      "p",
      { class: "small muted" },
      "Context variables included: ",
      mono(Object.keys(contextVariables(state)).join(", ")),
      ". Strings: 'single' or \"double\" quotes; durations like 5m are milliseconds; true/false are 1/0.",
    ),
  ];
}

export function renderConsole(el: HTMLElement, state: PlaygroundState, onChange: () => void): void {
  const cs = state.console;
  const f = inputs(cs);
  const out = h(
    "div",
    { class: "console-out", id: "console-out", "aria-live": "polite" },
    h("span", { class: "muted" }, "Press Evaluate (or Ctrl/Cmd+Enter in the expression)."),
  );
  const go = h("button", { type: "button", class: "primary", id: "console-run" }, "Evaluate");
  const sync = () => {
    cs.expression = f.expr.value;
    cs.key = f.key.value;
    cs.variables = f.vars.value;
    onChange();
  };
  const run = async () => {
    sync();
    out.replaceChildren(h("span", { class: "muted" }, "Evaluating…"));
    out.setAttribute("aria-busy", "true");
    const r = await computeExpression(expressionRequest(state));
    out.removeAttribute("aria-busy");
    out.dataset.value = r.ok ? "ok" : "error";
    showAnswer(out, r, cs.expression);
    clearStale(out);
  };
  for (const i of [f.expr, f.vars]) i.addEventListener("input", sync);
  f.key.addEventListener("change", sync);
  go.addEventListener("click", () => void run());
  f.expr.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.stopPropagation();
      void run();
    }
  });
  el.replaceChildren(...layout(state, f, go, out));
}

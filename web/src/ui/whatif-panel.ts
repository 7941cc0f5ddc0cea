/**
 * What-if DNS: answers (records or rcodes) that override the resolver, so an example
 * or a bug report works offline and stays reproducible. An error about a record is shown
 * here, on its row, not in place of the result.
 */
import { h } from "../dom";
import {
  type PlaygroundState,
  QUERY_TYPES,
  RECORD_RCODES,
  type RecordType,
  type WhatIfRecord,
} from "../state/types";

const PLACEHOLDER: Record<RecordType, string> = {
  MX: "10 mx1.example.com",
  A: "192.0.2.25",
  AAAA: "2001:db8::25",
  CNAME: "target.example.net",
  TXT: 'v=spf1 ip4:192.0.2.0/24 -all   or   "v=spf1 …" "… -all"',
  PTR: "mail.example.org",
};

/** A PTR row may be named by the address itself (whatif-value.ts). */
const namePlaceholder = (type: RecordType): string =>
  type === "PTR" ? "192.0.2.10 or its .arpa name" : "name";

type Change = () => void;

function inputs(r: WhatIfRecord, n: number) {
  const answer = r.rcode ?? "";
  const value = h("input", {
    type: "text",
    value: r.value ?? "",
    placeholder: PLACEHOLDER[r.type],
    "aria-label": `record ${n} value`,
    spellcheck: "false",
    class: "value",
  });
  value.disabled = r.rcode !== undefined;
  return {
    name: h("input", {
      type: "text",
      class: "name",
      value: r.name,
      placeholder: namePlaceholder(r.type),
      "aria-label": `record ${n} name`,
      spellcheck: "false",
    }),
    type: h(
      "select",
      { "aria-label": `record ${n} type` },
      ...QUERY_TYPES.map((t) => h("option", { value: t, selected: t === r.type }, t)),
    ),
    kind: h(
      "select",
      { "aria-label": `record ${n} answer kind` },
      h("option", { value: "", selected: answer === "" }, "value →"),
      ...RECORD_RCODES.map((c) => h("option", { value: c, selected: c === answer }, c)),
    ),
    value,
  };
}

function row(r: WhatIfRecord, index: number, remove: () => void, onChange: Change): HTMLElement {
  const f = inputs(r, index + 1);
  const del = h(
    "button",
    { type: "button", class: "small remove", "aria-label": `remove record ${index + 1}` },
    "✕",
  );
  f.name.addEventListener("input", () => {
    r.name = f.name.value;
    onChange();
  });
  f.type.addEventListener("change", () => {
    r.type = QUERY_TYPES.find((t) => t === f.type.value) ?? r.type;
    f.value.placeholder = PLACEHOLDER[r.type];
    f.name.placeholder = namePlaceholder(r.type);
    onChange();
  });
  f.kind.addEventListener("change", () => {
    const k = RECORD_RCODES.find((c) => c === f.kind.value);
    if (k) r.rcode = k;
    else delete r.rcode;
    f.value.disabled = r.rcode !== undefined;
    onChange();
  });
  f.value.addEventListener("input", () => {
    r.value = f.value.value;
    onChange();
  });
  del.addEventListener("click", remove);
  return h(
    "div",
    { class: "whatif-row", "data-row": index },
    h("span", { class: "row-n", "aria-hidden": "true" }, index + 1),
    f.name,
    f.type,
    f.kind,
    f.value,
    del,
  );
}

export function renderWhatIf(el: HTMLElement, state: PlaygroundState, onChange: Change): void {
  const rerender = (focus: (rows: HTMLElement) => HTMLElement | null): void => {
    renderWhatIf(el, state, onChange);
    onChange();
    const rows = el.querySelector<HTMLElement>("#whatif-rows");
    (rows && focus(rows))?.focus();
  };
  const add = h("button", { type: "button", class: "small", id: "whatif-add" }, "+ Add record");
  add.addEventListener("click", () => {
    state.records.push({ name: state.context.domain, type: "MX", value: "" });
    rerender((rows) => rows.querySelector(".whatif-row:last-child input"));
  });
  // After a removal the focus goes to the row that took its place, else the one before,
  // else "Add record": never to <body>.
  const remove = (i: number) => () => {
    state.records.splice(i, 1);
    const next = Math.min(i, state.records.length - 1);
    rerender((rows) =>
      next >= 0
        ? rows.querySelector(`[data-row="${next}"] .remove`)
        : el.querySelector("#whatif-add"),
    );
  };
  el.replaceChildren(
    h(
      "div",
      { class: "panel-head" },
      h("h2", null, "What-if DNS"),
      h(
        "span",
        { class: "muted small" },
        `${state.records.length} record${state.records.length === 1 ? "" : "s"}`,
      ),
    ),
    h(
      "p",
      { class: "small muted" },
      'These answers replace the resolver\'s for their (name, type). With resolver “none”, any other name is NXDOMAIN, and Run computes the plan in your browser, offline. Several rows with the same name and type make a multi-record answer, in this order. A TXT value is one string as typed, or quoted strings as dig prints them ("v=spf1 …" "… -all": the strings of one record); a PTR row may be named by the address.',
    ),
    h("p", {
      class: "panel-error sev-error small",
      id: "whatif-error",
      role: "alert",
      hidden: true,
    }),
    h("div", { id: "whatif-rows" }, ...state.records.map((r, i) => row(r, i, remove(i), onChange))),
    add,
  );
}

/** Marks row `index` (0-based) as the one the API refused, with its message. */
export function markRecordRow(el: HTMLElement, index: number, message: string): void {
  const rowEl = el.querySelector<HTMLElement>(`.whatif-row[data-row="${index}"]`);
  rowEl?.classList.add("invalid");
  for (const i of rowEl?.querySelectorAll("input, select") ?? []) {
    i.setAttribute("aria-invalid", "true");
    i.setAttribute("aria-describedby", "whatif-error");
  }
  const box = el.querySelector<HTMLElement>("#whatif-error");
  if (box) {
    box.textContent = `Record ${index + 1}: ${message}`;
    box.hidden = false;
  }
}

/**
 * What-if DNS: answers (records or rcodes) that override the resolver, so an example
 * or a bug report works offline and stays reproducible.
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
  TXT: "v=spf1 -all",
  PTR: "host.example.com",
};

function row(
  state: PlaygroundState,
  r: WhatIfRecord,
  index: number,
  rerender: () => void,
  onChange: () => void,
): HTMLElement {
  const name = h("input", {
    type: "text",
    value: r.name,
    placeholder: "name",
    "aria-label": `record ${index + 1} name`,
    spellcheck: "false",
  });
  const type = h(
    "select",
    { "aria-label": `record ${index + 1} type` },
    ...QUERY_TYPES.map((t) => h("option", { value: t, selected: t === r.type }, t)),
  );
  const answer = r.rcode ?? "";
  const kind = h(
    "select",
    { "aria-label": `record ${index + 1} answer kind` },
    h("option", { value: "", selected: answer === "" }, "value →"),
    ...RECORD_RCODES.map((c) => h("option", { value: c, selected: c === answer }, c)),
  );
  const value = h("input", {
    type: "text",
    value: r.value ?? "",
    placeholder: PLACEHOLDER[r.type],
    "aria-label": `record ${index + 1} value`,
    spellcheck: "false",
    class: "value",
  });
  value.disabled = r.rcode !== undefined;
  const remove = h(
    "button",
    { type: "button", class: "small", "aria-label": `remove record ${index + 1}`, title: "Remove" },
    "✕",
  );
  name.addEventListener("input", () => {
    r.name = name.value;
    onChange();
  });
  type.addEventListener("change", () => {
    r.type = type.value as RecordType;
    value.placeholder = PLACEHOLDER[r.type];
    onChange();
  });
  kind.addEventListener("change", () => {
    const k = RECORD_RCODES.find((c) => c === kind.value);
    if (k) r.rcode = k;
    else delete r.rcode;
    value.disabled = r.rcode !== undefined;
    onChange();
  });
  value.addEventListener("input", () => {
    r.value = value.value;
    onChange();
  });
  remove.addEventListener("click", () => {
    state.records.splice(index, 1);
    rerender();
    onChange();
  });
  return h("div", { class: "whatif-row" }, name, type, kind, value, remove);
}

export function renderWhatIf(el: HTMLElement, state: PlaygroundState, onChange: () => void): void {
  const rerender = () => renderWhatIf(el, state, onChange);
  const add = h("button", { type: "button", class: "small", id: "whatif-add" }, "+ Add record");
  add.addEventListener("click", () => {
    state.records.push({ name: state.context.domain, type: "MX", value: "" });
    rerender();
    onChange();
    el.querySelector<HTMLInputElement>(".whatif-row:last-of-type input")?.focus();
  });
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
      "These answers replace the resolver's for their (name, type). With resolver “none”, any other name is NXDOMAIN, so the page works offline. Several rows with the same name and type make a multi-record answer, in this order.",
    ),
    h(
      "div",
      { id: "whatif-rows" },
      ...state.records.map((r, i) => row(state, r, i, rerender, onChange)),
    ),
    add,
  );
}

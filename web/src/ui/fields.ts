/**
 * Labelled form fields for the input panels. A number out of range or not an integer is
 * flagged at its field (aria-invalid and a message tied to it by aria-describedby) and
 * leaves the state unchanged, instead of being silently ignored.
 */
import { h } from "../dom";

export type Change = () => void;

export function field(
  label: string,
  input: HTMLElement,
  hint = "",
  wide = false,
  message: HTMLElement | null = null,
): HTMLElement {
  return h(
    "div",
    { class: wide ? "field wide" : "field" },
    h(
      "label",
      { for: input.id },
      label,
      hint ? h("span", { class: "small muted" }, ` ${hint}`) : null,
    ),
    input,
    message,
  );
}

export function textInput(
  id: string,
  value: string,
  set: (v: string) => void,
  onChange: Change,
  placeholder = "",
): HTMLInputElement {
  const el = h("input", {
    id,
    type: "text",
    value,
    placeholder,
    spellcheck: "false",
    autocomplete: "off",
  });
  el.addEventListener("input", () => {
    set(el.value);
    onChange();
  });
  return el;
}

export interface NumberSpec {
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly hint?: string;
}

/** A number field; returns the field (label, input, message). */
export function numberField(
  spec: NumberSpec,
  value: number,
  set: (v: number) => void,
  onChange: Change,
): HTMLElement {
  const input = h("input", {
    id: spec.id,
    type: "number",
    value,
    min: spec.min,
    max: spec.max,
    step: 1,
    inputmode: "numeric",
    "aria-describedby": `${spec.id}-msg`,
  });
  const message = h("span", { id: `${spec.id}-msg`, class: "field-msg sev-error small" });
  input.addEventListener("input", () => {
    const raw = input.value.trim();
    const n = Number(raw);
    const ok = raw !== "" && Number.isInteger(n) && n >= spec.min && n <= spec.max;
    input.setAttribute("aria-invalid", String(!ok));
    message.textContent = ok
      ? ""
      : `${spec.label} must be a whole number from ${spec.min} to ${spec.max}; “${raw}” is not used.`;
    if (ok) {
      set(n);
      onChange();
    }
  });
  return field(spec.label, input, spec.hint ?? "", false, message);
}

export function selectInput(
  id: string,
  options: readonly { value: string; label: string }[],
  value: string,
  set: (v: string) => void,
  onChange: Change,
): HTMLSelectElement {
  const el = h(
    "select",
    { id },
    ...options.map((o) => h("option", { value: o.value, selected: o.value === value }, o.label)),
  );
  if (!options.some((o) => o.value === value))
    el.append(h("option", { value, selected: true }, value));
  el.addEventListener("change", () => {
    set(el.value);
    onChange();
  });
  return el;
}

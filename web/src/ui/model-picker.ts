/**
 * The version picker beside the editor: Auto, ≤ 0.12, 0.13–0.15 or 0.16 (the request's
 * `model`), what the config is read as and why (Auto's evidence and its line, from the
 * core's reader as the text is typed), and the config's format in the panel's title.
 */
import {
  type ConfigReading,
  MODEL_CHOICES,
  MODEL_LABELS,
  MODEL_NAMES,
  type RequestedModel,
} from "../core-adapter";
import { h, mono, replace } from "../dom";

export interface ModelPicker {
  /** Shows the state's choice (a loaded link, an example). */
  set(model: RequestedModel): void;
  /** Shows what the text was read as, and why. */
  show(reading: ConfigReading): void;
}

const FORMAT: Readonly<Record<ConfigReading["form"], string>> = {
  toml: "TOML",
  json: "JSON",
  ndjson: "NDJSON",
};

/** A reason with its `key` quotes set as code. */
function withCode(text: string): (string | HTMLElement)[] {
  return text.split("`").map((part, i) => (i % 2 === 1 ? mono(part) : part));
}

export function setupModelPicker(
  els: {
    readonly select: HTMLSelectElement;
    readonly chosen: HTMLElement;
    readonly reason: HTMLElement;
    readonly format: HTMLElement;
  },
  onChange: (model: RequestedModel) => void,
): ModelPicker {
  const { select, chosen, reason, format } = els;
  select.replaceChildren(...MODEL_CHOICES.map((m) => h("option", { value: m }, MODEL_LABELS[m])));
  select.addEventListener("change", () => {
    const model = MODEL_CHOICES.find((m) => m === select.value);
    if (model) onChange(model);
  });
  return {
    set(model) {
      select.value = model;
    },
    show(reading) {
      const auto = select.value === "auto";
      chosen.dataset.model = reading.model;
      chosen.textContent = auto ? `→ ${MODEL_LABELS[reading.model]}` : "";
      const sentence = auto
        ? `Auto reads it as ${MODEL_NAMES[reading.model]}: ${reading.reason}.`
        : `Read as ${MODEL_NAMES[reading.model]}, as chosen.`;
      replace(reason, ...withCode(sentence));
      reason.title = sentence.replace(/`/g, "");
      // Short: the title shares a 360 px line with nothing else, and must not wrap.
      const what =
        reading.form === "toml" ? "Stalwart" : reading.model === "v0.16" ? "v0.16" : "settings";
      format.textContent = `(${what} ${FORMAT[reading.form]})`;
    },
  };
}

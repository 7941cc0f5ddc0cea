import type { ModelName, TextForm } from "../core-adapter";

export type MarkerOwner = "stalwart" | "migrate";

/**
 * What the app needs from an editor. The plain textarea implements it until Monaco's
 * chunk has loaded (the page is usable at once), and stays if Monaco cannot load.
 */
export interface Marker {
  readonly severity: "error" | "warning" | "info";
  readonly message: string;
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface EditorHandle {
  getValue(): string;
  setValue(text: string): void;
  onChange(listener: (text: string) => void): void;
  /**
   * The markers of one source: the live lint (`stalwart`, the default) or the Migrate
   * view's notes (`migrate`), each replaced on its own.
   */
  setMarkers(markers: readonly Marker[], owner?: MarkerOwner): void;
  /** Highlights a range (the branch that chose the strategy); null clears. */
  highlight(
    range: { line: number; column: number; endLine: number; endColumn: number } | null,
  ): void;
  reveal(line: number, column: number): void;
  focus(): void;
  /**
   * The text's form and version as the core read it: Stalwart TOML, or JSON (checked
   * against the v0.16 registry's schema when it is one v0.16 value).
   */
  setForm(form: TextForm, model: ModelName): void;
}

export function textareaHandle(el: HTMLTextAreaElement): EditorHandle {
  const listeners: ((t: string) => void)[] = [];
  el.addEventListener("input", () => {
    for (const l of listeners) l(el.value);
  });
  const offsetOf = (line: number, column: number) => {
    const lines = el.value.split("\n");
    let o = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) o += (lines[i]?.length ?? 0) + 1;
    return o + column - 1;
  };
  return {
    getValue: () => el.value,
    setValue(text) {
      el.value = text;
    },
    onChange(l) {
      listeners.push(l);
    },
    setMarkers() {},
    highlight() {},
    reveal(line, column) {
      const o = offsetOf(line, column);
      el.focus();
      el.setSelectionRange(o, o);
    },
    focus: () => el.focus(),
    setForm() {},
  };
}

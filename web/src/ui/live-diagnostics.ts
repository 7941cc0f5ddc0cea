/**
 * Live diagnostics while typing: the config read by the core as the chosen Stalwart
 * version would read it (debounced, in the browser), shown as editor markers at the
 * exact column inside the string and as a list under the editor; the reading (which
 * version, why, TOML or JSON) goes to `onReading` (the version picker, the editor's mode).
 */
import {
  type ConfigReading,
  type Diagnostic,
  lineColumnRange,
  type RequestedModel,
  readConfigText,
} from "../core-adapter";
import { h } from "../dom";
import type { EditorHandle, Marker } from "../editor/handle";

export function toMarkers(text: string, diags: readonly Diagnostic[]): Marker[] {
  return diags.map((d) => {
    const start = d.start ?? 0;
    const r = lineColumnRange(text, start, d.end ?? start);
    return { severity: d.severity, message: d.message, code: d.code, ...r };
  });
}

export interface LintDeps {
  readonly list: HTMLElement;
  readonly editor: () => EditorHandle;
  /** The version the picker asks for. */
  readonly model: () => RequestedModel;
  readonly onReading: (reading: ConfigReading) => void;
}

/** Lints the text it is given once typing pauses. */
export function liveDiagnostics(deps: LintDeps, delayMs = 250): (text: string) => void {
  const { list, editor: getEditor } = deps;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  /**
   * `data-pending` on the list while a lint is waiting or running: the markers and the
   * picker's reading are then not yet the text's (what a test waits out).
   */
  const pending = (on: boolean): void => {
    if (on) list.dataset.pending = "true";
    else delete list.dataset.pending;
  };
  const runNow = async (text: string) => {
    timer = undefined;
    const mine = ++generation;
    let reading: ConfigReading | null;
    try {
      reading = await readConfigText(text, deps.model());
    } catch {
      reading = null;
    }
    if (mine !== generation) return;
    if (timer === undefined) pending(false);
    if (reading) deps.onReading(reading);
    const diags: readonly Diagnostic[] = reading?.diagnostics ?? [];
    const markers = toMarkers(text, diags);
    list.dataset.linted = String(mine);
    getEditor().setMarkers(markers);
    list.replaceChildren(
      ...markers.map((m) => {
        const btn = h(
          "button",
          { class: "diag", type: "button", title: "Show in the editor" },
          h("span", { class: `sev-${m.severity}` }, m.severity),
          h("span", { class: "where" }, `${m.line}:${m.column}`),
          h("span", null, m.message, " ", h("span", { class: "muted small" }, `(${m.code})`)),
        );
        btn.addEventListener("click", () => getEditor().reveal(m.line, m.column));
        return h("li", null, btn);
      }),
    );
  };
  return (text: string) => {
    clearTimeout(timer);
    pending(true);
    timer = setTimeout(() => void runNow(text), delayMs);
  };
}

/**
 * Live diagnostics while typing: the core's analysis (debounced, in the browser), shown
 * as editor markers at the exact column inside the string and as a list under the editor.
 */
import { analyze, type Diagnostic, lineColumnRange } from "../core-adapter";
import { h } from "../dom";
import type { EditorHandle, Marker } from "../editor/handle";

export function toMarkers(text: string, diags: readonly Diagnostic[]): Marker[] {
  return diags.map((d) => {
    const start = d.start ?? 0;
    const r = lineColumnRange(text, start, d.end ?? start);
    return { severity: d.severity, message: d.message, code: d.code, ...r };
  });
}

export function liveDiagnostics(
  list: HTMLElement,
  getEditor: () => EditorHandle,
  delayMs = 250,
): (text: string) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  const runNow = async (text: string) => {
    const mine = ++generation;
    let diags: readonly Diagnostic[];
    try {
      diags = await analyze(text);
    } catch {
      diags = [];
    }
    if (mine !== generation) return;
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
    timer = setTimeout(() => void runNow(text), delayMs);
  };
}

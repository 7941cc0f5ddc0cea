/**
 * An error the API gave about the request goes to the panel of the input it names (the
 * API's `field`, `line`/`column`: shared/spec/api.md), with that input marked; the result
 * on screen stays (marked stale). Only what belongs to no input replaces the result.
 */
import { byId } from "../dom";
import { markRecordRow } from "./whatif-panel";

export interface InputError {
  readonly code: string;
  readonly message: string;
  readonly field?: string | undefined;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
}

/** Request field → the id of the input that holds it (context-panel.ts). */
function contextInput(field: string): string | null {
  if (field.startsWith("localDomains")) return "ctx-local";
  const m = /^context\.([a-z_]+)/.exec(field);
  return m ? `ctx-${m[1]}` : field === "seed" ? "ctx-seed" : null;
}

function show(box: HTMLElement, text: string): void {
  box.textContent = text;
  box.hidden = false;
}

/** Clears every mark a previous error left on the input panels. */
export function clearInputErrors(): void {
  for (const box of document.querySelectorAll<HTMLElement>(".panel-error")) box.hidden = true;
  for (const el of document.querySelectorAll(".whatif-row.invalid")) el.classList.remove("invalid");
  for (const el of document.querySelectorAll("[data-api-invalid]")) {
    el.removeAttribute("data-api-invalid");
    el.setAttribute("aria-invalid", "false");
  }
  for (const el of document.querySelectorAll(".whatif-row [aria-invalid]"))
    el.removeAttribute("aria-invalid");
}

/**
 * Shows `e` in its panel and returns true, or returns false when it belongs to none.
 * `reveal` puts the editor's caret at a config position; `recordRow` turns the index of a
 * record in the request into its row in the panel (empty rows are not sent).
 */
export function showInputError(
  e: InputError,
  reveal: (line: number, column: number) => void,
  recordRow: (requestIndex: number) => number,
): boolean {
  const record = /^records\.(\d+)/.exec(e.field ?? "");
  if (record) {
    markRecordRow(byId("whatif-panel"), recordRow(Number(record[1])), e.message);
    return true;
  }
  const id = e.field ? contextInput(e.field) : null;
  if (id) {
    const input = document.getElementById(id);
    input?.setAttribute("aria-invalid", "true");
    input?.setAttribute("data-api-invalid", "");
    show(
      byId("context-error"),
      `${input?.closest(".field")?.querySelector("label")?.textContent ?? e.field}: ${e.message}`,
    );
    return true;
  }
  if (e.line != null) {
    show(byId("config-error"), `Line ${e.line}, column ${e.column ?? 1}: ${e.message} (${e.code})`);
    reveal(e.line, e.column ?? 1);
    return true;
  }
  return false;
}

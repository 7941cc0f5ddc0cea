/**
 * The page's layout from the embed options (embed-options.ts): compact embed mode, the
 * panels shown, the first tab, the editor's height, read-only inputs.
 */
import { byId } from "../dom";
import type { EmbedOptions, Panel } from "../embed-options";

/** Each panel's element (index.html). */
const PANEL_IDS: Readonly<Record<Panel, string>> = {
  config: "config-panel",
  context: "context-panel",
  whatif: "whatif-panel",
  result: "result-panel",
  timeline: "timeline-panel",
  console: "console-panel",
  migrate: "migrate-panel",
};

export function applyLayout(opts: EmbedOptions): void {
  const body = document.body;
  body.classList.toggle("embed", opts.embed);
  body.classList.toggle("read-only", opts.readOnly);
  for (const [panel, id] of Object.entries(PANEL_IDS)) {
    if (opts.panels.has(panel as Panel)) continue;
    byId(id).hidden = true;
    // A result view left out loses its tab too.
    document.querySelector(`[role="tab"][aria-controls="${id}"]`)?.setAttribute("hidden", "");
  }
  if (!opts.panels.has("context") && !opts.panels.has("whatif") && !opts.panels.has("config"))
    body.classList.add("no-inputs");
  if (opts.height !== null) body.style.setProperty("--editor-height", `${opts.height}px`);
  byId("open-full").hidden = !opts.embed;
}

/** Read-only embeds: every input of the side panels disabled (the editor is told apart). */
export function disableInputs(root: HTMLElement): void {
  for (const el of root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>(
    "input, select, textarea, button",
  ))
    el.disabled = true;
}

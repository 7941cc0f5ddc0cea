/**
 * The Migrate view (issue 15): the ≤ v0.12 config of the editor on the left becomes, on
 * the right, v0.13–v0.15 TOML, a v0.16 snapshot (NDJSON for `stalwart-cli apply`) or the
 * v0.16 objects as plain JSON, in a read-only editor with Copy and Download; the notes
 * as markers in both configs and listed; and both plans compared for the current context
 * and retry number. Computed in the page when the what-if records answer every lookup of
 * the comparison (plan-source.ts), else by POST /api/migrate.
 */
import "./migrate.css";
import type { MigrateResponse } from "../../core-adapter";
import { h, replace } from "../../dom";
import type { Marker } from "../../editor/handle";
import type { Viewer } from "../../editor/viewer";
import { computeMigration } from "../../run/plan-source";
import { copyText } from "../../share";
import { migrateRequest } from "../../state/request";
import { MIGRATE_OUTPUTS, type MigrateOutput, type PlaygroundState } from "../../state/types";
import { clearStale } from "../stale";
import { comparisonSection } from "./comparison";
import { type Jump, newMarkers, notesList, oldMarkers } from "./notes";

export interface MigrateDeps {
  readonly state: () => PlaygroundState;
  /** The target changed (persisted). */
  readonly onChange: () => void;
  readonly banner: HTMLElement;
  /** The config editor: reveal a place, and show the notes as its markers. */
  readonly jumpOld: Jump;
  readonly markOld: (markers: readonly Marker[]) => void;
  /** The read-only editor, once Monaco is there (null: a plain text box). */
  readonly viewer: (container: HTMLElement) => Promise<Viewer | null>;
}

const OUTPUTS: Readonly<Record<MigrateOutput, { label: string; file: string; type: string }>> = {
  "v0.13": { label: "v0.13–v0.15 TOML", file: "outbound-v0.13.toml", type: "application/toml" },
  "v0.16": {
    label: "v0.16 snapshot (NDJSON for stalwart-cli apply)",
    file: "outbound-v0.16.ndjson",
    type: "application/x-ndjson",
  },
  "v0.16-objects": {
    label: "v0.16 objects (JSON, for the web UI)",
    file: "outbound-v0.16-objects.json",
    type: "application/json",
  },
};

/** The text shown for `output`: the objects by type, or the config as written. */
function written(data: MigrateResponse, output: MigrateOutput): string {
  return output === "v0.16-objects" && data.objects
    ? `${JSON.stringify(data.objects, null, 2)}\n`
    : data.config;
}

function download(text: string, output: MigrateOutput): void {
  const url = URL.createObjectURL(new Blob([text], { type: OUTPUTS[output].type }));
  const a = h("a", { href: url, download: OUTPUTS[output].file });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface MigrateView {
  /** Computes and draws the migration of the state as it is now. */
  render(): Promise<void>;
}

/** The view's fixed parts: the target menu, Copy, Download, the editor's box, the rest. */
function skeleton(el: HTMLElement) {
  const parts = {
    target: h(
      "select",
      { id: "migrate-target" },
      ...MIGRATE_OUTPUTS.map((o) => h("option", { value: o }, OUTPUTS[o].label)),
    ),
    copy: h("button", { type: "button", id: "migrate-copy" }, "Copy"),
    save: h("button", { type: "button", id: "migrate-download" }, "Download"),
    box: h("div", { class: "editor migrate-editor", id: "migrate-output" }),
    below: h("div", { id: "migrate-below" }),
    status: h("p", { class: "small muted", id: "migrate-status", "aria-live": "polite" }),
  };
  el.replaceChildren(
    h(
      "div",
      { class: "panel-head" },
      h("h2", null, "Migrate to Stalwart v0.13+"),
      h("label", { class: "small", for: "migrate-target" }, "Write ", parts.target),
    ),
    h(
      "p",
      { class: "small muted" },
      "The config on the left, read as Stalwart ≤ v0.12 (queue.outbound.*, remote.*), written for the version chosen here. Stalwart ships no migration of these keys.",
    ),
    h("div", { class: "migrate-actions" }, parts.copy, parts.save, parts.status),
    parts.box,
    parts.below,
  );
  return parts;
}

function errorBox(error: { readonly code: string; readonly message: string }): HTMLElement {
  return h(
    "div",
    { class: "outcome error", role: "alert", id: "migrate-error" },
    h("strong", null, "Could not migrate: "),
    error.message,
    h("p", { class: "why" }, `code: ${error.code}`),
  );
}

export function setupMigrate(el: HTMLElement, deps: MigrateDeps): MigrateView {
  const { target, copy, save, box, below, status } = skeleton(el);
  let text = "";
  let viewer: Promise<Viewer | null> | null = null;
  copy.addEventListener("click", () => void copyText(text, deps.banner, "Migrated config"));
  save.addEventListener("click", () => download(text, deps.state().migrate.output));
  const show = async (data: MigrateResponse, where: string): Promise<void> => {
    const s = deps.state();
    const output = s.migrate.output;
    text = written(data, output);
    viewer ??= deps.viewer(box);
    const v = await viewer;
    // Markers in the new config only where the notes point into it (not the objects).
    const placed = output !== "v0.16-objects";
    if (v) {
      v.setText(text, output === "v0.13" ? "toml" : "json");
      v.setMarkers(placed ? newMarkers(data.notes, text) : []);
    } else
      replace(
        box,
        h("textarea", { readonly: true, class: "mono", "aria-label": "Migrated config" }, text),
      );
    deps.markOld(oldMarkers(data.notes));
    const showNote = (code: string) =>
      below.querySelector(`[data-code="${code}"]`)?.scrollIntoView({ block: "center" });
    replace(
      below,
      notesList(data.notes, deps.jumpOld, placed && v ? (l, c) => v.reveal(l, c) : null),
      data.comparison
        ? comparisonSection(
            data.comparison,
            { domain: s.context.domain, retryNum: s.context.retry_num },
            showNote,
          )
        : null,
    );
    status.textContent =
      where === "browser" ? "computed in your browser" : "computed by the server";
  };
  const render = async (): Promise<void> => {
    const s = deps.state();
    target.value = s.migrate.output;
    el.dataset.drawn = "pending";
    el.setAttribute("aria-busy", "true");
    const r = await computeMigration(migrateRequest(s));
    if (r.ok) await show(r.data, r.where);
    else {
      text = "";
      deps.markOld([]);
      replace(below, errorBox(r.error));
    }
    clearStale(el);
    el.removeAttribute("aria-busy");
    el.dataset.drawn = r.ok ? "true" : "error";
  };
  target.addEventListener("change", () => {
    const output = MIGRATE_OUTPUTS.find((o) => o === target.value);
    if (!output) return;
    deps.state().migrate.output = output;
    deps.onChange();
    void render();
  });
  return { render };
}

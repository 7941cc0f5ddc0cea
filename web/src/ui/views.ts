/**
 * The views beside the inputs (result, retry timeline, expression console, Migrate): the
 * one shown, drawing the timeline and the migration when they are shown and out of date,
 * and saying "out of date" in each drawn view when the inputs change.
 */
import { byId } from "../dom";
import type { PlaygroundState } from "../state/types";
import { type MigrateDeps, setupMigrate } from "./migrate/view";
import { markStale } from "./stale";
import { renderTimeline } from "./timeline";

export interface Views {
  /** The panel shown (`timeline-panel`, …). */
  active(): string;
  /** A tab was chosen; `loaded`: the first state is there (else its Run draws). */
  selected(panelId: string, loaded: boolean): void;
  /** A Run drew a plan: the view shown follows it; the others are drawn when shown. */
  planDrawn(): void;
  /** The inputs changed: every drawn view says it is out of date. */
  inputsChanged(): void;
}

export function setupViews(
  initial: string,
  state: () => PlaygroundState,
  migrateDeps: Omit<MigrateDeps, "state">,
): Views {
  const result = byId("result-panel");
  const timeline = byId("timeline-panel");
  const migrateEl = byId("migrate-panel");
  const migrate = setupMigrate(migrateEl, { ...migrateDeps, state });
  let active = initial;
  const draw = (panelId: string): void => {
    if (panelId === "timeline-panel") void renderTimeline(timeline, state());
    if (panelId === "migrate-panel") void migrate.render();
  };
  return {
    active: () => active,
    selected(panelId, loaded) {
      active = panelId;
      if (!loaded) return;
      state().migrate.shown = panelId === "migrate-panel";
      // Leaving the Migrate view takes its markers out of the config editor.
      if (panelId !== "migrate-panel") migrateDeps.markOld([]);
      else if (migrateEl.dataset.drawn !== "true") draw(panelId);
      if (panelId === "timeline-panel" && timeline.dataset.drawn === undefined) draw(panelId);
    },
    planDrawn() {
      for (const el of [timeline, migrateEl]) if (el.id !== active) delete el.dataset.drawn;
      draw(active);
    },
    inputsChanged() {
      if (result.dataset.run !== undefined) markStale(result, "result");
      if (timeline.dataset.drawn !== undefined) markStale(timeline, "timeline");
      if (migrateEl.dataset.drawn !== undefined) {
        markStale(migrateEl, "migration");
        migrateDeps.markOld([]);
      }
      const out = document.getElementById("console-out");
      if (out?.dataset.value !== undefined) markStale(out, "value");
    },
  };
}

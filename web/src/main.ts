/**
 * The playground page: wires the state (persisted as it is edited), the editor, the input
 * panels, Run and the result views. Monaco arrives later through a dynamic import; until
 * then the textarea is the editor.
 */
import "./styles.css";
import type { Plan } from "./core-adapter";
import { byId } from "./dom";
import { branchRange, highlightOf } from "./editor/branch-range";
import { embedCode, readEmbedOptions, splitFragment } from "./embed-options";
import { setupPageEditor } from "./page-editor";
import { runController } from "./run/run-controller";
import { copyText } from "./share";
import { persister, readDraft } from "./state/persist";
import { curlCommand } from "./state/request";
import type { PlaygroundState } from "./state/types";
import { initTheme, toggleTheme } from "./theme";
import { renderConsole } from "./ui/console-panel";
import { renderContext } from "./ui/context-panel";
import { setupExamplesMenu, showExample } from "./ui/examples-menu";
import { applyLayout, disableInputs } from "./ui/layout";
import { loadStates } from "./ui/load-states";
import { setupTabs } from "./ui/tabs";
import { setupViews } from "./ui/views";
import { renderWhatIf } from "./ui/whatif-panel";

const opts = readEmbedOptions(location);
initTheme(opts.theme);
applyLayout(opts);

const banner = byId<HTMLDivElement>("banner");
const consoleEl = byId<HTMLDivElement>("console-panel");

let state: PlaygroundState;

/** The state with the editor's text in it. */
function current(): PlaygroundState {
  state.config = editor.get().getValue();
  return state;
}

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();
const persist = persister(
  { location, history, storage },
  current,
  splitFragment(location.hash).options,
  (hash) => {
    byId<HTMLAnchorElement>("open-full").href = `/${splitFragment(hash).state}`;
  },
);

const editor = setupPageEditor({
  model: () => state.model,
  onModel(model) {
    state.model = model;
    onInputChange();
  },
  onEdit: () => onInputChange(),
  onRun: () => void runs.run(),
  readOnly: opts.readOnly,
});

const runs = runController({
  state: current,
  editor: () => editor.get(),
  onPlan(plan: Plan | null) {
    const chose = highlightOf(plan);
    if (chose) {
      void branchRange(state.config, chose.key, chose.index)
        .catch(() => null)
        .then((range) => editor.highlight(range));
    } else editor.highlight(null);
    views.planDrawn();
  },
});

const views = setupViews(`${opts.tab}-panel`, current, {
  banner,
  onChange: () => persist.changed(),
  jumpOld: (line, column) => editor.get().reveal(line, column),
  markOld: (markers) => editor.get().setMarkers(markers, "migrate"),
  async viewer(container) {
    await editor.settled;
    if (document.body.dataset.editor !== "monaco") return null;
    const { createViewer } = await import("./editor/viewer");
    return createViewer(container, "The migrated config (read-only)");
  },
});

/**
 * Inputs changed: every view that shows a result says it is out of date, the branch
 * highlight (which belongs to that result) goes, and the state is persisted.
 */
function onInputChange(): void {
  views.inputsChanged();
  editor.highlight(null);
  persist.changed();
}

function renderInputs(): void {
  editor.get().setValue(state.config);
  editor.showModel(state.model);
  renderContext(byId("context-panel"), state, onInputChange);
  renderWhatIf(byId("whatif-panel"), state, onInputChange);
  // The console's own fields change no result: they are only persisted.
  renderConsole(consoleEl, state, () => persist.changed());
  if (opts.readOnly) for (const id of ["context-panel", "whatif-panel"]) disableInputs(byId(id));
  editor.lint(state.config);
}

const loads = loadStates({
  banner,
  current,
  readDraft: () => readDraft({ location, history, storage }),
  apply(next, example) {
    state = next;
    const noteEl = byId("example-note");
    noteEl.hidden = example === null;
    noteEl.textContent = example?.note ?? "";
    showExample(byId<HTMLSelectElement>("examples"), example);
    renderInputs();
    // A link shared from the Migrate view opens on it.
    if (next.migrate.shown && opts.panels.has("migrate")) selectTab("migrate-panel");
    // A loaded state is written at once (no typing to wait out).
    void persist.flush();
    // This Run is automatic: left out if the user ran (or loaded again) in the meantime.
    const ran = runs.count();
    const at = loads.count();
    void editor.settled.then(() => {
      if (ran === runs.count() && at === loads.count()) void runs.run();
    });
  },
});

/** Shows a view as its tab would (setupTabs). */
let selectTab: (panelId: string) => void = () => {};

function setupActions(): void {
  byId("run").addEventListener("click", () => void runs.toggle());
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
      e.preventDefault();
      void runs.run();
    }
  });
  byId("copy-link").addEventListener("click", async () => {
    const fragment = splitFragment(await persist.flush()).state;
    await copyText(`${location.origin}/${fragment}`, banner, "Link");
  });
  byId("copy-embed").addEventListener("click", async () => {
    await copyText(embedCode(location.origin, "", await persist.flush()), banner, "Embed code");
  });
  byId("copy-curl").addEventListener("click", async () => {
    await copyText(curlCommand(location.origin, current()), banner, "curl command");
  });
  byId("reset").addEventListener("click", () => loads.reset());
  byId("theme").addEventListener("click", toggleTheme);
  window.addEventListener("hashchange", () => void loads.fromLocation());
  // A reload or a closed tab right after typing keeps the edit (persist.ts).
  window.addEventListener("pagehide", () => persist.saveDraft());
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) persist.saveDraft();
  });
  selectTab = setupTabs(
    document.querySelector<HTMLElement>(".tabs") ?? document.body,
    views.active(),
    (id) => {
      // Before the first state is loaded its Run draws the view shown (onPlan).
      views.selected(id, loads.count() > 0);
      if (loads.count() > 0) persist.changed();
    },
  );
  setupExamplesMenu(byId<HTMLSelectElement>("examples"), (example) => loads.pick(example));
}

// The editor chunks are the heavy part of the page (preloaded from index.html): asked for
// first, so nothing of ours stands between their arrival and the editor.
void editor.load();
setupActions();
void loads.fromLocation().then(() => {
  document.body.dataset.ready = "true";
});

/**
 * The playground page: wires the state (persisted as it is edited), the editor, the input
 * panels, Run and the result views. Monaco arrives later through a dynamic import; until
 * then the textarea is the editor.
 */
import "./styles.css";
import type { Plan, TextForm } from "./core-adapter";
import { prefetchOffline, textKind } from "./core-adapter";
import { byId } from "./dom";
import { branchRange, type TextRange } from "./editor/branch-range";
import { editorModel, setEditorModel } from "./editor/catalog";
import { type EditorHandle, textareaHandle } from "./editor/handle";
import { embedCode, readEmbedOptions, splitFragment } from "./embed-options";
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
import { liveDiagnostics } from "./ui/live-diagnostics";
import { loadStates } from "./ui/load-states";
import { setupModelPicker } from "./ui/model-picker";
import { markStale } from "./ui/stale";
import { setupTabs } from "./ui/tabs";
import { renderTimeline } from "./ui/timeline";
import { renderWhatIf } from "./ui/whatif-panel";

const opts = readEmbedOptions(location);
initTheme(opts.theme);
applyLayout(opts);

const banner = byId<HTMLDivElement>("banner");
const resultEl = byId<HTMLDivElement>("result-panel");
const timelineEl = byId<HTMLDivElement>("timeline-panel");
const consoleEl = byId<HTMLDivElement>("console-panel");

let state: PlaygroundState;
let editor: EditorHandle = textareaHandle(byId<HTMLTextAreaElement>("editor-fallback"));
let activePanel = `${opts.tab}-panel`;

/** The state with the editor's text in it. */
function current(): PlaygroundState {
  state.config = editor.getValue();
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

/**
 * Settles once Monaco is mounted or has failed to load. The first example's Run and the
 * live lint wait for it: on a cold load the editor's chunks are still compiling, and the
 * editor is what the page waits for.
 */
let settleEditor: () => void = () => {};
const editorSettled = new Promise<void>((resolve) => {
  settleEditor = resolve;
});
/** A stalled editor download must not hold the first result back for good. */
setTimeout(() => settleEditor(), 4_000);

const picker = setupModelPicker(
  {
    select: byId<HTMLSelectElement>("model"),
    chosen: byId("model-chosen"),
    reason: byId("model-reason"),
    format: byId("config-format"),
  },
  (model) => {
    state.model = model;
    onInputChange();
    lint(editor.getValue());
  },
);

/** The form of the text as last read (the editor's language follows it). */
let lastForm: TextForm = "toml";

const lints = liveDiagnostics({
  list: byId("live-diagnostics"),
  editor: () => editor,
  model: () => state.model,
  onReading(reading) {
    lastForm = reading.form;
    picker.show(reading);
    // Text Stalwart would refuse (a string being typed) keeps the version it was read as;
    // its form (TOML or JSON) follows the text whatever.
    if (reading.readable) setEditorModel(reading.model);
    editor.setForm(reading.form, editorModel());
  },
});
const lint = (text: string): void => void editorSettled.then(() => lints.soon(text));

/**
 * The branch to highlight in the editor: the one that chose the strategy (v0.12), or the
 * route (v0.13 TOML); none for v0.16's JSON.
 */
function highlightOf(plan: Plan | null): { key: string; index: number | string } | null {
  if (!plan || plan.model === "v0.16") return null;
  if (plan.route) return { key: "queue.strategy.route", index: plan.route.branch.index };
  return { key: plan.strategy.key, index: plan.strategy.branch.index };
}

/** The last branch highlight, re-applied when Monaco replaces the textarea. */
let lastHighlight: TextRange | null = null;
function setHighlight(range: TextRange | null): void {
  lastHighlight = range;
  editor.highlight(range);
}

const runs = runController({
  state: current,
  editor: () => editor,
  onPlan(plan: Plan | null) {
    const chose = highlightOf(plan);
    if (chose) {
      void branchRange(state.config, chose.key, chose.index)
        .catch(() => null)
        .then(setHighlight);
    } else setHighlight(null);
    if (activePanel === "timeline-panel") void renderTimeline(timelineEl, current());
    else delete timelineEl.dataset.drawn;
  },
});

/**
 * Inputs changed: every view that shows a result says it is out of date, the branch
 * highlight (which belongs to that result) goes, and the state is persisted.
 */
function onInputChange(): void {
  if (resultEl.dataset.run !== undefined) markStale(resultEl, "result");
  if (timelineEl.dataset.drawn !== undefined) markStale(timelineEl, "timeline");
  const out = document.getElementById("console-out");
  if (out?.dataset.value !== undefined) markStale(out, "value");
  setHighlight(null);
  persist.changed();
}

function renderInputs(): void {
  editor.setValue(state.config);
  picker.set(state.model);
  renderContext(byId("context-panel"), state, onInputChange);
  renderWhatIf(byId("whatif-panel"), state, onInputChange);
  // The console's own fields change no result: they are only persisted.
  renderConsole(consoleEl, state, () => persist.changed());
  if (opts.readOnly) for (const id of ["context-panel", "whatif-panel"]) disableInputs(byId(id));
  lint(state.config);
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
    // A loaded state is written at once (no typing to wait out).
    void persist.flush();
    // This Run is automatic: left out if the user ran (or loaded again) in the meantime.
    const ran = runs.count();
    const at = loads.count();
    void editorSettled.then(() => {
      if (ran === runs.count() && at === loads.count()) void runs.run();
    });
  },
});

async function loadMonaco(): Promise<void> {
  const status = byId("editor-status");
  try {
    const { createEditor } = await import("./editor/monaco");
    const container = byId("editor");
    const fallback = byId<HTMLTextAreaElement>("editor-fallback");
    const next = createEditor({
      container,
      value: editor.getValue(),
      onRun: () => void runs.run(),
      readOnly: opts.readOnly,
      ...(document.activeElement === fallback ? { focusOffset: fallback.selectionStart } : {}),
    });
    next.onChange((text) => {
      // TOML or JSON at once (a paste), in the version last read; the reading refines it.
      const kind = textKind(text);
      if (kind !== lastForm.replace("ndjson", "json")) next.setForm(kind, editorModel());
      lint(text);
      onInputChange();
    });
    editor = next;
    editor.highlight(lastHighlight);
    status.textContent = "Ctrl/Cmd+Enter runs · Ctrl+M: Tab leaves the editor";
    container.dataset.ready = "true";
    lint(editor.getValue());
    document.body.dataset.editor = "monaco";
    prefetchOffline();
  } catch {
    status.textContent = "plain editor (Monaco failed to load)";
  } finally {
    settleEditor();
  }
}

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
  setupTabs(document.querySelector<HTMLElement>(".tabs") ?? document.body, activePanel, (id) => {
    activePanel = id;
    // Before the first state is loaded its Run draws the timeline (onPlan).
    if (id === "timeline-panel" && timelineEl.dataset.drawn === undefined && loads.count() > 0)
      void renderTimeline(timelineEl, current());
  });
  setupExamplesMenu(byId<HTMLSelectElement>("examples"), (example) => loads.pick(example));
}

// The editor chunks are the heavy part of the page (preloaded from index.html): asked for
// first, so nothing of ours stands between their arrival and the editor.
void loadMonaco();
setupActions();
// The first state's problems are listed before the page is shown: the list sits above the
// result on narrow screens, and filled later it would push the result down (layout shift).
void loads
  .fromLocation()
  .then(() => lints.now(current().config))
  .catch(() => undefined)
  .then(() => {
    document.body.dataset.ready = "true";
  });

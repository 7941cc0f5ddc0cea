/**
 * The playground page: state ⇄ URL fragment, editor, context, what-if DNS, Run, result,
 * retry timeline, expression console, examples, share. Monaco arrives later through a
 * dynamic import; until then the textarea is the editor.
 */
import "./styles.css";
import { evaluate } from "./api/client";
import { byId } from "./dom";
import { branchRange, type TextRange } from "./editor/branch-range";
import { type EditorHandle, textareaHandle } from "./editor/handle";
import { EXAMPLES, exampleState } from "./examples";
import { copyText, showBanner } from "./share";
import { encodeState, readLocation } from "./state/codec";
import { curlCommand, evaluateRequest } from "./state/request";
import { defaultState, type PlaygroundState } from "./state/types";
import { renderConsole } from "./ui/console-panel";
import { renderContext } from "./ui/context-panel";
import { setupExamplesMenu } from "./ui/examples-menu";
import { liveDiagnostics } from "./ui/live-diagnostics";
import { renderError, renderResult } from "./ui/result-view";
import { setupTabs } from "./ui/tabs";
import { renderTimeline } from "./ui/timeline";
import { renderWhatIf } from "./ui/whatif-panel";

const embed = /\/embed\/?$/.test(location.pathname);
if (embed) document.body.classList.add("embed");

const banner = byId<HTMLDivElement>("banner");
const resultEl = byId<HTMLDivElement>("result-panel");
const timelineEl = byId<HTMLDivElement>("timeline-panel");
const consoleEl = byId<HTMLDivElement>("console-panel");
const note = byId<HTMLParagraphElement>("example-note");
const examples = byId<HTMLSelectElement>("examples");

let state: PlaygroundState = defaultState();
let editor: EditorHandle = textareaHandle(byId<HTMLTextAreaElement>("editor-fallback"));
let activePanel = "result-panel";
let runController: AbortController | null = null;
let runCount = 0;
/** States loaded so far (an automatic Run belongs to the latest only). */
let loads = 0;

/**
 * Settles once Monaco is mounted or has failed to load. The page's own start-up work (the
 * first example's Run: fetch, schema check, rendering; the live lint's core analysis)
 * waits for it: on a cold load the editor's chunks finish compiling while that work would
 * run, and the editor is what the page waits for (BENCHMARKS.md, "What the profile
 * showed", fourth round).
 */
let settleEditor: () => void = () => {};
const editorSettled = new Promise<void>((resolve) => {
  settleEditor = resolve;
});
/** A stalled editor download must not hold the first result back for good. */
const EDITOR_WAIT_MS = 4_000;
setTimeout(() => settleEditor(), EDITOR_WAIT_MS);

const lintNow = liveDiagnostics(byId("live-diagnostics"), () => editor);
/** Before the editor settles, the text is linted (once, the latest) when it does. */
const lint = (text: string): void => void editorSettled.then(() => lintNow(text));

async function writeHash(): Promise<void> {
  const hash = await encodeState(state);
  if (hash !== location.hash) history.replaceState(null, "", `${location.pathname}${hash}`);
  const full = byId<HTMLAnchorElement>("open-full");
  full.href = `/${hash}`;
}

/**
 * Inputs changed: the result on screen no longer matches them, so say so (the fragment
 * itself is updated on blur and on Run, DEVELOPERS.md, not per keystroke).
 */
function onInputChange(): void {
  resultEl.classList.add("stale");
  resultEl.title = "Inputs changed since this result: press Run";
}

function renderInputs(): void {
  editor.setValue(state.config);
  renderContext(byId("context-panel"), state, onInputChange);
  renderWhatIf(byId("whatif-panel"), state, onInputChange);
  renderConsole(consoleEl, state, onInputChange);
  lint(state.config);
}

/** The last branch highlight, re-applied when Monaco replaces the textarea. */
let lastHighlight: TextRange | null = null;

function setHighlight(range: TextRange | null): void {
  lastHighlight = range;
  editor.highlight(range);
}

async function highlightBranch(key: string, index: number | string): Promise<void> {
  setHighlight(await branchRange(state.config, key, index).catch(() => null));
}

async function run(): Promise<void> {
  state.config = editor.getValue();
  runController?.abort();
  const controller = new AbortController();
  runController = controller;
  const mine = ++runCount;
  resultEl.setAttribute("aria-busy", "true");
  void writeHash();
  const r = await evaluate(evaluateRequest(state), controller.signal);
  if (mine !== runCount) return;
  resultEl.removeAttribute("aria-busy");
  resultEl.classList.remove("stale");
  resultEl.removeAttribute("title");
  if (r.ok) {
    renderResult(resultEl, r.data, (line, column) => editor.reveal(line, column));
    const s = r.data.strategy;
    if (s?.branch) void highlightBranch(s.key ?? "queue.outbound.ip-strategy", s.branch.index);
    else setHighlight(null);
  } else if (r.error.code !== "aborted") {
    const where =
      r.error.line != null ? `line ${r.error.line}, column ${r.error.column ?? 1}` : r.error.field;
    renderError(resultEl, r.error.code, r.error.message, where);
    setHighlight(null);
  }
  resultEl.dataset.run = String(mine);
  if (activePanel === "timeline-panel") void renderTimeline(timelineEl, state);
}

function loadState(next: PlaygroundState, noteText: string | null): void {
  state = next;
  note.hidden = noteText === null;
  note.textContent = noteText ?? "";
  renderInputs();
  // A Run asked for by the user (button, Ctrl+Enter) goes at once; this one is automatic,
  // and left out if the user ran (or another state was loaded) in the meantime.
  const at = ++loads;
  const ran = runCount;
  void editorSettled.then(() => {
    if (at === loads && ran === runCount) void run();
  });
}

async function loadFromLocation(): Promise<void> {
  if (location.hash.length <= 1) {
    const first = EXAMPLES[0];
    loadState(first ? exampleState(first) : defaultState(), first?.note ?? null);
    examples.value = first?.id ?? "";
    return;
  }
  const r = await readLocation(location);
  examples.value = "";
  if (r.ok) {
    banner.hidden = true;
    loadState(r.state, null);
  } else {
    showBanner(
      banner,
      "error",
      `This link could not be opened: ${r.message} The playground starts from its default example instead.`,
    );
    banner.dataset.code = r.code;
    loadState(defaultState(), null);
  }
}

async function loadMonaco(): Promise<void> {
  const status = byId("editor-status");
  try {
    const { createEditor } = await import("./editor/monaco");
    const container = byId("editor");
    const value = editor.getValue();
    const fallback = byId<HTMLTextAreaElement>("editor-fallback");
    const next = createEditor({
      container,
      value,
      onRun: () => void run(),
      ...(document.activeElement === fallback ? { focusOffset: fallback.selectionStart } : {}),
    });
    next.onChange((text) => {
      state.config = text;
      lint(text);
      onInputChange();
    });
    editor = next;
    editor.highlight(lastHighlight);
    status.textContent = "Ctrl/Cmd+Enter runs · Ctrl+M: Tab leaves the editor";
    container.dataset.ready = "true";
    lint(value);
    document.body.dataset.editor = "monaco";
    // Completion, hover, find, ... come a moment later (editor/monaco-contributions.ts);
    // if they cannot load, the editor stays a plain Monaco editor.
    next.complete.then(
      () => {
        container.dataset.complete = "true";
      },
      () => {
        status.textContent = "Monaco without completion and hover (they failed to load)";
      },
    );
  } catch {
    status.textContent = "plain editor (Monaco failed to load)";
  } finally {
    settleEditor();
  }
}

function setup(): void {
  editor.onChange((text) => {
    state.config = text;
    lint(text);
    onInputChange();
  });
  byId("run").addEventListener("click", () => void run());
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
      e.preventDefault();
      void run();
    }
  });
  document.addEventListener("focusout", () => void writeHash());
  byId("copy-link").addEventListener("click", async () => {
    // Run first, so the author sees exactly what the link will show.
    await run();
    await copyText(location.href, banner, "Link");
  });
  byId("copy-curl").addEventListener("click", async () => {
    state.config = editor.getValue();
    await copyText(curlCommand(location.origin, state), banner, "curl command");
  });
  window.addEventListener("hashchange", () => void loadFromLocation());
  setupTabs(document.querySelector<HTMLElement>(".tabs") ?? document.body, (id) => {
    activePanel = id;
    if (id === "timeline-panel") {
      state.config = editor.getValue();
      void renderTimeline(timelineEl, state);
    }
  });
  if (embed) byId("open-full").hidden = false;
  setupExamplesMenu(examples, loadState);
}

// The editor chunks are the heavy part of the page (preloaded from index.html): asked for
// first, so nothing of ours stands between their arrival and the editor.
void loadMonaco();
setup();
void loadFromLocation().then(() => {
  document.body.dataset.ready = "true";
});

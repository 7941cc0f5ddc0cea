/**
 * The page's config editor: the textarea at once, Monaco once its chunks have loaded
 * (a dynamic import), the version picker and the live lint beside it, the editor's
 * language following the text (TOML or JSON), and the branch highlight of a result.
 */
import type { RequestedModel, TextForm } from "./core-adapter";
import { prefetchOffline, textKind } from "./core-adapter";
import { byId } from "./dom";
import type { TextRange } from "./editor/branch-range";
import { editorModel, setEditorModel } from "./editor/catalog";
import { type EditorHandle, textareaHandle } from "./editor/handle";
import { liveDiagnostics } from "./ui/live-diagnostics";
import { setupModelPicker } from "./ui/model-picker";

export interface PageEditorDeps {
  readonly model: () => RequestedModel;
  /** The picker chose a version. */
  readonly onModel: (model: RequestedModel) => void;
  /** The text was edited. */
  readonly onEdit: () => void;
  readonly onRun: () => void;
  readonly readOnly: boolean;
}

export interface PageEditor {
  get(): EditorHandle;
  /**
   * Settles once Monaco is mounted or has failed to load. The first example's Run and the
   * live lint wait for it: on a cold load the editor's chunks are still compiling, and
   * the editor is what the page waits for.
   */
  readonly settled: Promise<void>;
  /** Lints `text` once the editor has settled and typing pauses. */
  lint(text: string): void;
  highlight(range: TextRange | null): void;
  showModel(model: RequestedModel): void;
  /** Starts loading Monaco. */
  load(): Promise<void>;
}

export function setupPageEditor(deps: PageEditorDeps): PageEditor {
  let editor: EditorHandle = textareaHandle(byId<HTMLTextAreaElement>("editor-fallback"));
  const { settled, settle } = settledSignal();
  /** The form of the text as last read (the editor's language follows it). */
  let lastForm: TextForm = "toml";
  /** The last branch highlight, re-applied when Monaco replaces the textarea. */
  let lastHighlight: TextRange | null = null;

  const picker = setupModelPicker(
    {
      select: byId<HTMLSelectElement>("model"),
      chosen: byId("model-chosen"),
      reason: byId("model-reason"),
      format: byId("config-format"),
    },
    (model) => {
      deps.onModel(model);
      lint(editor.getValue());
    },
  );
  const lints = liveDiagnostics({
    list: byId("live-diagnostics"),
    editor: () => editor,
    model: deps.model,
    onReading(reading) {
      lastForm = reading.form;
      picker.show(reading);
      // Text Stalwart would refuse (a string being typed) keeps the version it was read
      // as; its form (TOML or JSON) follows the text whatever.
      if (reading.readable) setEditorModel(reading.model);
      editor.setForm(reading.form, editorModel());
    },
  });
  const lint = (text: string): void => void settled.then(() => lints(text));

  async function load(): Promise<void> {
    const status = byId("editor-status");
    try {
      editor = await monacoFor(editor, deps, (next, text) => {
        // TOML or JSON at once (a paste), in the version last read; the reading refines it.
        const kind = textKind(text);
        if (kind !== lastForm.replace("ndjson", "json")) next.setForm(kind, editorModel());
        lint(text);
        deps.onEdit();
      });
      editor.highlight(lastHighlight);
      status.textContent = "Ctrl/Cmd+Enter runs · Ctrl+M: Tab leaves the editor";
      byId("editor").dataset.ready = "true";
      lint(editor.getValue());
      document.body.dataset.editor = "monaco";
      prefetchOffline();
    } catch {
      status.textContent = "plain editor (Monaco failed to load)";
    } finally {
      settle();
    }
  }

  return {
    get: () => editor,
    settled,
    lint,
    highlight(range) {
      lastHighlight = range;
      editor.highlight(range);
    },
    showModel: (model) => picker.set(model),
    load,
  };
}

/** Resolved by `settle` (Monaco up, or failed), or after 4 s whatever happens. */
function settledSignal(): { settled: Promise<void>; settle: () => void } {
  let settle: () => void = () => {};
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });
  // A stalled editor download must not hold the first result back for good.
  setTimeout(() => settle(), 4_000);
  return { settled, settle };
}

/** Monaco in the textarea's place, with its text and focus; `onChange` gets each edit. */
async function monacoFor(
  current: EditorHandle,
  deps: PageEditorDeps,
  onChange: (next: EditorHandle, text: string) => void,
): Promise<EditorHandle> {
  const { createEditor } = await import("./editor/monaco");
  const fallback = byId<HTMLTextAreaElement>("editor-fallback");
  const next = createEditor({
    container: byId("editor"),
    value: current.getValue(),
    onRun: deps.onRun,
    readOnly: deps.readOnly,
    ...(document.activeElement === fallback ? { focusOffset: fallback.selectionStart } : {}),
  });
  next.onChange((text) => onChange(next, text));
  return next;
}

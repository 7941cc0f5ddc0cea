/**
 * The Monaco editor, loaded with a dynamic import so the rest of the page paints first:
 * the bare editor API (`monaco-editor/editor`), the features we use (monaco-features.ts),
 * our language, themes, completion and hover, and only the editor worker.
 */
import * as monaco from "monaco-editor/editor";
import "./monaco-features";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import JsonWorker from "monaco-editor/languages/features/json/json.worker?worker";
import {
  ALL_VARIABLES,
  FUNCTION_ARITY,
  type ModelName,
  STRATEGIES,
  type TextForm,
} from "../core-adapter";
import { isDark, onThemeChange } from "../theme";
import { registerCompletion } from "./completion";
import type { EditorHandle, Marker } from "./handle";
import { registerHover } from "./hover";
import { defineThemes, THEME } from "./themes";
import { LANGUAGE_ID, languageConfiguration, tomlLanguage } from "./toml-language";

// By label: the JSON mode's language service (json-mode.ts, loaded on demand) has its own
// worker; its file is fetched only when the first JSON config is met.
self.MonacoEnvironment = {
  getWorker: (_, label) => (label === "json" ? new JsonWorker() : new EditorWorker()),
};

monaco.languages.register({ id: LANGUAGE_ID, extensions: [".toml"] });
monaco.languages.setMonarchTokensProvider(
  LANGUAGE_ID,
  tomlLanguage([...FUNCTION_ARITY.keys()], ALL_VARIABLES, STRATEGIES),
);
monaco.languages.setLanguageConfiguration(LANGUAGE_ID, languageConfiguration);
defineThemes(monaco);
registerCompletion(monaco);
registerHover(monaco);

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

export const theme = (): string => (isDark() ? THEME.dark : THEME.light);

export interface CreateOptions {
  readonly container: HTMLElement;
  readonly value: string;
  readonly onRun: () => void;
  readonly readOnly?: boolean;
  /**
   * Where the caret was in the textarea this editor replaces, when it had the focus: the
   * editor takes the focus there, so typing that goes on across the swap is not lost.
   */
  readonly focusOffset?: number;
}

/** How every editor of the page looks (the config's, and the viewer's: viewer.ts). */
export const LOOK: monaco.editor.IStandaloneEditorConstructionOptions = {
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 13,
  lineNumbersMinChars: 3,
  scrollBeyondLastLine: false,
  wordWrap: "on",
  fixedOverflowWidgets: true,
  // The last line's number at full colour: dimmed, it fails WCAG's contrast (axe).
  renderFinalNewline: "on",
};

function options(
  model: monaco.editor.ITextModel,
  readOnly: boolean,
): monaco.editor.IStandaloneEditorConstructionOptions {
  return {
    ...LOOK,
    model,
    theme: theme(),
    tabSize: 2,
    renderWhitespace: "selection",
    ariaLabel:
      "Stalwart configuration (TOML, or JSON for v0.16). Ctrl+Enter runs; Ctrl+M makes Tab move the focus.",
    readOnly,
    // Read-only down to the DOM: the textarea itself refuses input (no composition either).
    domReadOnly: readOnly,
    // Word-based suggestions would offer random words from the file as expressions.
    wordBasedSuggestions: "off",
    quickSuggestions: { other: true, strings: true, comments: false },
  };
}

/** One model for every form: its language follows the text (setForm). */
const MODEL_URI = "inmemory://playground/config";

export function createEditor(opts: CreateOptions): EditorHandle {
  const model = monaco.editor.createModel(opts.value, LANGUAGE_ID, monaco.Uri.parse(MODEL_URI));
  opts.container.replaceChildren();
  const editor = monaco.editor.create(opts.container, options(model, opts.readOnly ?? false));
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => opts.onRun());
  if (opts.focusOffset !== undefined) {
    editor.setPosition(model.getPositionAt(opts.focusOffset));
    editor.focus();
  }
  onThemeChange(() => monaco.editor.setTheme(theme()));
  // The language in force, on the container: what a reader of the page (and a test) sees.
  const language = (): void => {
    opts.container.dataset.language = model.getLanguageId();
  };
  model.onDidChangeLanguage(language);
  language();
  return handle(model, editor, opts.container);
}

function handle(
  model: monaco.editor.ITextModel,
  editor: monaco.editor.IStandaloneCodeEditor,
  container: HTMLElement,
): EditorHandle {
  const decorations = editor.createDecorationsCollection();
  return {
    getValue: () => model.getValue(),
    setValue(text) {
      if (text === model.getValue()) return;
      // An edit, not model.setValue (which clears the undo stack): Ctrl+Z brings back the
      // text an example or Reset replaced.
      model.pushStackElement();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      model.pushStackElement();
    },
    onChange(listener) {
      model.onDidChangeContent(() => listener(model.getValue()));
    },
    setMarkers(markers: readonly Marker[], owner = "stalwart") {
      monaco.editor.setModelMarkers(model, owner, markers.map(toMarker));
    },
    highlight(range) {
      decorations.set(
        range
          ? [
              {
                range: new monaco.Range(range.line, range.column, range.endLine, range.endColumn),
                options: {
                  inlineClassName: "branch-hl",
                  hoverMessage: { value: "This branch made the choice shown in the result" },
                  linesDecorationsClassName: "branch-glyph",
                },
              },
            ]
          : [],
      );
    },
    reveal(line, column) {
      editor.revealPositionInCenter({ lineNumber: line, column });
      editor.setPosition({ lineNumber: line, column });
      editor.focus();
    },
    focus: () => editor.focus(),
    setForm(form, version) {
      void setForm(model, form, version, container);
    },
  };
}

/** Generation of the latest setForm, so a JSON mode still loading does not win late. */
let forms = 0;

async function setForm(
  model: monaco.editor.ITextModel,
  form: TextForm,
  version: ModelName,
  container: HTMLElement,
): Promise<void> {
  const mine = ++forms;
  if (form === "toml") {
    if (model.getLanguageId() !== LANGUAGE_ID) monaco.editor.setModelLanguage(model, LANGUAGE_ID);
    return;
  }
  const { configureJson, JSON_LANGUAGE } = await import("./json-mode");
  await configureJson(
    model.uri.toString(),
    { registry: version === "v0.16", single: form === "json" },
    container,
  );
  if (mine !== forms || model.isDisposed()) return;
  if (model.getLanguageId() !== JSON_LANGUAGE) monaco.editor.setModelLanguage(model, JSON_LANGUAGE);
}

export function toMarker(m: Marker): monaco.editor.IMarkerData {
  return {
    severity: SEVERITY[m.severity],
    message: m.message,
    code: m.code,
    startLineNumber: m.line,
    startColumn: m.column,
    endLineNumber: m.endLine,
    endColumn: Math.max(m.endColumn, m.line === m.endLine ? m.column + 1 : m.endColumn),
  };
}

/**
 * The Monaco editor, loaded with a dynamic import so the rest of the page paints first:
 * the bare editor API (`monaco-editor/editor`), the features we use (monaco-features.ts),
 * our language, themes, completion and hover, and only the editor worker.
 */
import * as monaco from "monaco-editor/editor";
import "./monaco-features";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import { ALL_VARIABLES, FUNCTION_ARITY, STRATEGIES } from "../core-adapter";
import { isDark, onThemeChange } from "../theme";
import { registerCompletion } from "./completion";
import type { EditorHandle, Marker } from "./handle";
import { registerHover } from "./hover";
import { defineThemes, THEME } from "./themes";
import { LANGUAGE_ID, languageConfiguration, tomlLanguage } from "./toml-language";

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

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

const theme = (): string => (isDark() ? THEME.dark : THEME.light);

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

function options(
  model: monaco.editor.ITextModel,
  readOnly: boolean,
): monaco.editor.IStandaloneEditorConstructionOptions {
  return {
    model,
    theme: theme(),
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    lineNumbersMinChars: 3,
    scrollBeyondLastLine: false,
    wordWrap: "on",
    tabSize: 2,
    renderWhitespace: "selection",
    fixedOverflowWidgets: true,
    ariaLabel: "Stalwart configuration (TOML). Ctrl+Enter runs; Ctrl+M makes Tab move the focus.",
    readOnly,
    // Read-only down to the DOM: the textarea itself refuses input (no composition either).
    domReadOnly: readOnly,
    // Word-based suggestions would offer random words from the file as expressions.
    wordBasedSuggestions: "off",
    quickSuggestions: { other: true, strings: true, comments: false },
  };
}

export function createEditor(opts: CreateOptions): EditorHandle {
  const model = monaco.editor.createModel(
    opts.value,
    LANGUAGE_ID,
    monaco.Uri.parse("inmemory://playground/config.toml"),
  );
  opts.container.replaceChildren();
  const editor = monaco.editor.create(opts.container, options(model, opts.readOnly ?? false));
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => opts.onRun());
  if (opts.focusOffset !== undefined) {
    editor.setPosition(model.getPositionAt(opts.focusOffset));
    editor.focus();
  }
  onThemeChange(() => monaco.editor.setTheme(theme()));
  return handle(model, editor);
}

function handle(
  model: monaco.editor.ITextModel,
  editor: monaco.editor.IStandaloneCodeEditor,
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
    setMarkers(markers: readonly Marker[]) {
      monaco.editor.setModelMarkers(model, "stalwart", markers.map(toMarker));
    },
    highlight(range) {
      decorations.set(
        range
          ? [
              {
                range: new monaco.Range(range.line, range.column, range.endLine, range.endColumn),
                options: {
                  inlineClassName: "branch-hl",
                  hoverMessage: { value: "This branch chose the strategy" },
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
  };
}

function toMarker(m: Marker): monaco.editor.IMarkerData {
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

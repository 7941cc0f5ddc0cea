/**
 * The Monaco editor, loaded with a dynamic import so the rest of the page paints first.
 * Lean build: the editor API only (`monaco-editor/editor`), the few contributions we use
 * (monaco-contributions.ts, loaded once the editor is mounted), and only the editor worker.
 */
import * as monaco from "monaco-editor/editor";
// Monaco's standalone services and editor features are collected once, the first time a
// service is used (below: defineTheme). The contributions' services are registered by
// stand-ins (late-services.ts) and built from their modules, loaded with
// monaco-contributions.ts. wordHighlighter registers an editor feature
// (textualHighlightProvider.js, the word highlight of any language), which has no such
// stand-in: it must run before then.
import "monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import { ALL_VARIABLES, FUNCTION_ARITY, STRATEGIES } from "../core-adapter";
import { isDark, onThemeChange } from "../theme";
import { registerCompletion } from "./completion";
import type { EditorHandle, Marker } from "./handle";
import { registerHover } from "./hover";
import { checkLateServices } from "./late-services";
import { LANGUAGE_ID, languageConfiguration, tomlLanguage } from "./toml-language";

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

const rules = (dark: boolean): monaco.editor.ITokenThemeRule[] => [
  { token: "key", foreground: dark ? "9cdcfe" : "0451a5" },
  { token: "key.expr", foreground: dark ? "9cdcfe" : "0451a5", fontStyle: "bold" },
  { token: "type.table", foreground: dark ? "4ec9b0" : "267f99", fontStyle: "bold" },
  { token: "string.expr.quote", foreground: dark ? "ce9178" : "a31515" },
  { token: "string.inner", foreground: dark ? "ce9178" : "a31515" },
  { token: "variable", foreground: dark ? "4fc1ff" : "001080" },
  { token: "variable.capture", foreground: dark ? "4fc1ff" : "001080", fontStyle: "italic" },
  { token: "constant", foreground: dark ? "c586c0" : "af00db", fontStyle: "bold" },
  { token: "predefined.function", foreground: dark ? "dcdcaa" : "795e26" },
  { token: "operator", foreground: dark ? "d4d4d4" : "000000", fontStyle: "bold" },
  { token: "number.duration", foreground: dark ? "b5cea8" : "098658", fontStyle: "italic" },
  { token: "invalid", foreground: dark ? "f44747" : "cd3131", fontStyle: "underline" },
  { token: "invalid.identifier", foreground: dark ? "f44747" : "cd3131", fontStyle: "underline" },
  { token: "invalid.bare", foreground: dark ? "f44747" : "cd3131", fontStyle: "underline" },
];

monaco.languages.register({ id: LANGUAGE_ID, extensions: [".toml"] });
monaco.languages.setMonarchTokensProvider(
  LANGUAGE_ID,
  tomlLanguage([...FUNCTION_ARITY.keys()], ALL_VARIABLES, STRATEGIES),
);
monaco.languages.setLanguageConfiguration(LANGUAGE_ID, languageConfiguration);
/**
 * (Re)defines our themes. Re-defining the theme in use makes Monaco regenerate its CSS,
 * which it otherwise builds once: the colours and theming rules the contributions
 * register when they arrive (suggest widget, hover, find widget...) need that.
 */
function defineThemes(): void {
  monaco.editor.defineTheme("stalwart-light", {
    base: "vs",
    inherit: true,
    rules: rules(false),
    colors: {},
  });
  monaco.editor.defineTheme("stalwart-dark", {
    base: "vs-dark",
    inherit: true,
    rules: rules(true),
    colors: { "editor.background": "#171b22" },
  });
}
defineThemes();
registerCompletion(monaco);
registerHover(monaco);

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

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

export interface MonacoHandle extends EditorHandle {
  /** Settles once the editor has every contribution (completion, hover, find, ...). */
  readonly complete: Promise<void>;
}

export function createEditor(opts: CreateOptions): MonacoHandle {
  const theme = () => (isDark() ? "stalwart-dark" : "stalwart-light");
  const model = monaco.editor.createModel(
    opts.value,
    LANGUAGE_ID,
    monaco.Uri.parse("inmemory://playground/config.toml"),
  );
  const options: monaco.editor.IStandaloneEditorConstructionOptions = {
    model,
    theme: theme(),
    automaticLayout: true,
    // Off, and so not bundled: web/build/monaco-stubs.ts replaces the minimap with an empty part.
    minimap: { enabled: false },
    fontSize: 13,
    lineNumbersMinChars: 3,
    scrollBeyondLastLine: false,
    wordWrap: "on",
    tabSize: 2,
    renderWhitespace: "selection",
    fixedOverflowWidgets: true,
    ariaLabel: "Stalwart configuration (TOML). Ctrl+Enter runs; Ctrl+M makes Tab move the focus.",
    readOnly: opts.readOnly ?? false,
    // Read-only down to the DOM: the textarea itself refuses input (no composition either).
    domReadOnly: opts.readOnly ?? false,
    // Word-based suggestions would offer random words from the file as expressions.
    wordBasedSuggestions: "off",
    quickSuggestions: { other: true, strings: true, comments: false },
    // The default, said here because web/build/monaco-stubs.ts leaves the GPU renderer out.
    experimentalGpuAcceleration: "off",
  };
  /** The branch highlight on screen, carried over when the editor is re-created. */
  let highlighted: monaco.editor.IModelDeltaDecoration[] = [];
  let composing = false;
  const mount = (): monaco.editor.IStandaloneCodeEditor => {
    const e = monaco.editor.create(opts.container, options);
    e.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => opts.onRun());
    e.onDidCompositionStart(() => {
      composing = true;
    });
    e.onDidCompositionEnd(() => {
      composing = false;
    });
    return e;
  };
  opts.container.replaceChildren();
  let editor = mount();
  if (opts.focusOffset !== undefined) {
    editor.setPosition(model.getPositionAt(opts.focusOffset));
    editor.focus();
  }
  let decorations = editor.createDecorationsCollection();
  onThemeChange(() => monaco.editor.setTheme(theme()));

  /**
   * Monaco builds an editor's contributions from the registry when the editor is
   * constructed, and has no way to add one to an editor that exists: so once they are
   * registered the editor is re-created around the same model, which keeps the text, the
   * undo stack and the markers; the selection, scroll position and focus are carried
   * over, and an IME composition in progress is let finish first.
   */
  const remount = (): void => {
    defineThemes();
    // The highlight where it is now: the old collection's ranges followed the edits.
    const ranges = decorations.getRanges();
    highlighted = highlighted.map((d, i) => ({ ...d, range: ranges[i] ?? d.range }));
    const view = editor.saveViewState();
    const focused = editor.hasTextFocus();
    editor.dispose();
    editor = mount();
    if (view) editor.restoreViewState(view);
    decorations = editor.createDecorationsCollection(highlighted);
    if (focused) editor.focus();
    // The new editor's addCommand also makes the keybinding service rebuild its table,
    // which then holds the contributions' keys (Ctrl+Space, Ctrl+F, F8...).
  };
  const afterComposition = (): Promise<void> =>
    new Promise((resolve) => {
      if (!composing) return resolve();
      const wait = editor.onDidCompositionEnd(() => {
        wait.dispose();
        resolve();
      });
    });
  const complete = import("./monaco-contributions")
    .then(checkLateServices)
    .then(afterComposition)
    .then(remount);

  return {
    complete,
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
      monaco.editor.setModelMarkers(
        model,
        "stalwart",
        markers.map((m) => ({
          severity: SEVERITY[m.severity],
          message: m.message,
          code: m.code,
          startLineNumber: m.line,
          startColumn: m.column,
          endLineNumber: m.endLine,
          endColumn: Math.max(m.endColumn, m.line === m.endLine ? m.column + 1 : m.endColumn),
        })),
      );
    },
    highlight(range) {
      highlighted = range
        ? [
            {
              range: new monaco.Range(range.line, range.column, range.endLine, range.endColumn),
              options: {
                inlineClassName: "branch-hl",
                className: "branch-hl",
                isWholeLine: false,
                hoverMessage: { value: "This branch chose the strategy" },
                linesDecorationsClassName: "branch-glyph",
              },
            },
          ]
        : [];
      decorations.set(highlighted);
    },
    reveal(line, column) {
      editor.revealPositionInCenter({ lineNumber: line, column });
      editor.setPosition({ lineNumber: line, column });
      editor.focus();
    },
    focus: () => editor.focus(),
  };
}

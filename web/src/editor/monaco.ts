/**
 * The Monaco editor, loaded with a dynamic import so the rest of the page paints first.
 * Lean build: the editor API only (`monaco-editor/editor`), the few contributions we use,
 * and only the editor worker.
 */
import * as monaco from "monaco-editor/editor";
import "monaco-editor/editor/contrib/hover/browser/hoverContribution";
import "monaco-editor/editor/contrib/suggest/browser/suggestController";
import "monaco-editor/editor/contrib/find/browser/findController";
import "monaco-editor/editor/contrib/comment/browser/comment";
import "monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching";
import "monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter";
import "monaco-editor/editor/contrib/gotoError/browser/gotoError";
import "monaco-editor/editor/contrib/clipboard/browser/clipboard";
import "monaco-editor/editor/contrib/folding/browser/folding";
import "monaco-editor/editor/contrib/snippet/browser/snippetController2";
import "monaco-editor/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import { ALL_VARIABLES, FUNCTION_ARITY, STRATEGIES } from "../core-adapter";
import type { EditorHandle, Marker } from "./handle";
import { registerProviders } from "./providers";
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
registerProviders(monaco);

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
}

export function createEditor(opts: CreateOptions): EditorHandle {
  const scheme = window.matchMedia("(prefers-color-scheme: dark)");
  const theme = () => (scheme.matches ? "stalwart-dark" : "stalwart-light");
  const model = monaco.editor.createModel(
    opts.value,
    LANGUAGE_ID,
    monaco.Uri.parse("inmemory://playground/config.toml"),
  );
  opts.container.replaceChildren();
  const editor = monaco.editor.create(opts.container, {
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
    readOnly: opts.readOnly ?? false,
    // Word-based suggestions would offer random words from the file as expressions.
    wordBasedSuggestions: "off",
    quickSuggestions: { other: true, strings: true, comments: false },
  });
  scheme.addEventListener("change", () => monaco.editor.setTheme(theme()));
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => opts.onRun());
  const decorations = editor.createDecorationsCollection();
  return {
    getValue: () => model.getValue(),
    setValue(text) {
      if (text !== model.getValue()) model.setValue(text);
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
      decorations.set(
        range
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

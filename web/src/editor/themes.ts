/** The editor's light and dark themes: Monaco's own, with colours for our tokens. */
import type * as Monaco from "monaco-editor/editor";

const rules = (dark: boolean): Monaco.editor.ITokenThemeRule[] => [
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

export const THEME = { light: "stalwart-light", dark: "stalwart-dark" } as const;

export function defineThemes(monaco: typeof Monaco): void {
  monaco.editor.defineTheme(THEME.light, {
    base: "vs",
    inherit: true,
    rules: rules(false),
    colors: {},
  });
  monaco.editor.defineTheme(THEME.dark, {
    base: "vs-dark",
    inherit: true,
    rules: rules(true),
    colors: { "editor.background": "#171b22" },
  });
}

/**
 * A read-only editor for text the playground writes (the Migrate view's new config): the
 * same Monaco, theme and TOML grammar as the config editor, with markers and reveal.
 * JSON is coloured by a display grammar (json-display.ts), not Monaco's JSON mode, whose
 * checks are global and set for the config being edited (json-mode.ts).
 */
import * as monaco from "monaco-editor/editor";
import { onThemeChange } from "../theme";
import type { Marker } from "./handle";
import { JSON_DISPLAY, jsonDisplay } from "./json-display";
import { LOOK, theme, toMarker } from "./monaco";
import { LANGUAGE_ID } from "./toml-language";

export interface Viewer {
  setText(text: string, language: "toml" | "json"): void;
  setMarkers(markers: readonly Marker[]): void;
  reveal(line: number, column: number): void;
}

monaco.languages.register({ id: JSON_DISPLAY });
monaco.languages.setMonarchTokensProvider(JSON_DISPLAY, jsonDisplay);

let viewers = 0;

export function createViewer(container: HTMLElement, label: string): Viewer {
  const uri = monaco.Uri.parse(`inmemory://playground/written-${++viewers}`);
  const model = monaco.editor.createModel("", LANGUAGE_ID, uri);
  container.replaceChildren();
  const editor = monaco.editor.create(container, {
    ...LOOK,
    model,
    theme: theme(),
    readOnly: true,
    domReadOnly: true,
    // Monaco hides markers in a read-only editor unless told otherwise.
    renderValidationDecorations: "on",
    ariaLabel: label,
  });
  onThemeChange(() => monaco.editor.setTheme(theme()));
  return {
    setText(text, language) {
      monaco.editor.setModelLanguage(model, language === "json" ? JSON_DISPLAY : LANGUAGE_ID);
      model.setValue(text);
      // A new text is read from its top, wherever the last one was scrolled to.
      editor.setScrollTop(0);
      container.dataset.language = language;
    },
    setMarkers(markers) {
      monaco.editor.setModelMarkers(model, "migrate", markers.map(toMarker));
    },
    reveal(line, column) {
      editor.revealPositionInCenter({ lineNumber: line, column });
      editor.setPosition({ lineNumber: line, column });
      editor.focus();
    },
  };
}

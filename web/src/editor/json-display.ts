/**
 * Colours for JSON the playground writes and shows read-only (viewer.ts): keys, strings,
 * numbers, literals. Display only: the JSON it colours is the core's own output.
 */
import type { languages } from "monaco-editor/editor";

export const JSON_DISPLAY = "json-display";

export const jsonDisplay: languages.IMonarchLanguage = {
  defaultToken: "",
  tokenizer: {
    root: [
      [/"(?:[^"\\]|\\.)*"(?=\s*:)/, "key"],
      [/"(?:[^"\\]|\\.)*"/, "string"],
      [/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, "number"],
      [/\b(?:true|false|null)\b/, "keyword"],
      [/[{}[\],:]/, "delimiter"],
    ],
  },
};

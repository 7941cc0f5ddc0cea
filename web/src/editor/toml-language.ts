/**
 * A Monarch grammar for Stalwart TOML (Monaco ships none for TOML). Values of the keys
 * that Stalwart reads as expressions (if/then/else, ip-strategy, source-ip v4/v6, limits,
 * schedules…) are tokenized as the expression language inside the string.
 */
import type { languages } from "monaco-editor/editor";

export const LANGUAGE_ID = "stalwart-toml";

/** Keys whose string values are expressions (the last dotted part). */
const EXPRESSION_KEYS = [
  "if",
  "then",
  "else",
  "ip-strategy",
  "v4",
  "v6",
  "mx",
  "multihomed",
  "next-hop",
  "hostname",
  "retry",
  "notify",
  "expire",
  "source-ip\\.v4",
  "source-ip\\.v6",
  "limits\\.mx",
  "limits\\.multihomed",
];

export function tomlLanguage(
  functions: readonly string[],
  variables: readonly string[],
  constants: readonly string[],
): languages.IMonarchLanguage {
  const exprKey = new RegExp(`(${EXPRESSION_KEYS.join("|")})(\\s*)(=)(\\s*)`);
  // Monarch state names cannot carry the quote, so each quote style has its own state.
  const expr = (close: string, inner: string) => [
    [new RegExp(close), { token: "string.expr.quote", next: "@popall" }],
    [/\s+/, ""],
    [/\$\d+/, "variable.capture"],
    [/\d+(ms|s|m|h|d)\b/, "number.duration"],
    [/\d+\.\d*|\d*\.\d+/, "number.float"],
    [/\d+/, "number"],
    [new RegExp(`${inner}([^${inner === "'" ? "'" : '"'}\\\\]|\\\\.)*${inner}`), "string.inner"],
    [
      /[A-Za-z_][A-Za-z0-9_]*/,
      {
        cases: {
          "@functions": "predefined.function",
          "@constants": "constant",
          "true|false": "keyword.bool",
          "@variables": "variable",
          "@default": "invalid.identifier",
        },
      },
    ],
    [/==|!=|<=|>=|&&|\|\||[-+*/<>!^&|=]/, "operator"],
    [/[()[\],]/, "delimiter.expr"],
    [/./, "invalid"],
  ];
  return {
    defaultToken: "",
    ignoreCase: false,
    functions: [...functions],
    variables: [...variables],
    constants: [...constants],
    tokenizer: {
      root: [
        [/#.*$/, "comment"],
        [/^\s*\[\[[^\]]*\]\]/, "type.table"],
        [/^\s*\[[^\]]*\]/, "type.table"],
        [exprKey, ["key.expr", "", "delimiter", ""], "@exprValue"],
        [/([A-Za-z0-9_.-]+|"[^"]*"|'[^']*')(\s*)(=)/, ["key", "", "delimiter"]],
        [/"""/, "string", "@mlBasic"],
        [/'''/, "string", "@mlLiteral"],
        [/"([^"\\]|\\.)*"/, "string"],
        [/'[^']*'/, "string"],
        [/\b(true|false)\b/, "keyword"],
        [/\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:\d{2})?)?/, "number.date"],
        [
          /[+-]?(0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?|inf|nan)\b/,
          "number",
        ],
        [/[{}[\],]/, "delimiter"],
        [/[A-Za-z_][\w-]*/, "invalid.bare"],
      ],
      exprValue: [
        [/"/, { token: "string.expr.quote", switchTo: "@exprDq" }],
        [/'/, { token: "string.expr.quote", switchTo: "@exprSq" }],
        [/\[|\{/, { token: "delimiter", next: "@popall" }],
        [/""".*$|'''.*$/, { token: "string", next: "@popall" }],
        [/./, { token: "@rematch", next: "@popall" }],
      ],
      exprDq: expr('"', "'") as languages.IMonarchLanguageRule[],
      exprSq: expr("'", '"') as languages.IMonarchLanguageRule[],
      mlBasic: [
        [/"""/, "string", "@pop"],
        [/[^"]+|"/, "string"],
      ],
      mlLiteral: [
        [/'''/, "string", "@pop"],
        [/[^']+|'/, "string"],
      ],
    },
  };
}

export const languageConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: "#" },
  brackets: [
    ["[", "]"],
    ["{", "}"],
    ["(", ")"],
  ],
  autoClosingPairs: [
    { open: "[", close: "]" },
    { open: "{", close: "}" },
    { open: "(", close: ")" },
    { open: '"', close: '"', notIn: ["string"] },
    { open: "'", close: "'", notIn: ["string", "comment"] },
  ],
  surroundingPairs: [
    { open: '"', close: '"' },
    { open: "'", close: "'" },
    { open: "[", close: "]" },
    { open: "{", close: "}" },
  ],
};

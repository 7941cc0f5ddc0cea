/**
 * Completion and hover for Stalwart TOML: setting keys, strategy constants, the
 * variables allowed at the key under the cursor, and functions.
 */
import type * as Monaco from "monaco-editor/editor";
import { ALL_VARIABLES, FUNCTION_ARITY, SETTINGS, STRATEGIES, settingFor } from "../core-adapter";
import { STRATEGY_TEXT } from "../ui/explain";
import { cursorContext } from "./key-context";
import { LANGUAGE_ID } from "./toml-language";

type M = typeof Monaco;

function allowedVariables(settingKey: string | null): readonly string[] {
  const s = settingKey ? settingFor(settingKey) : undefined;
  return s ? s.variables : ALL_VARIABLES;
}

export function registerProviders(monaco: M): void {
  const Kind = monaco.languages.CompletionItemKind;
  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: ["'", '"', "(", " ", ".", "["],
    provideCompletionItems(model, position) {
      const ctx = cursorContext(model.getLinesContent(), position.lineNumber, position.column);
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(
        position.lineNumber,
        word.startColumn,
        position.lineNumber,
        word.endColumn,
      );
      const suggestions: Monaco.languages.CompletionItem[] = [];
      if (ctx.inString) {
        const setting = ctx.settingKey ? settingFor(ctx.settingKey) : undefined;
        for (const v of allowedVariables(ctx.settingKey)) {
          suggestions.push({
            label: v,
            kind: Kind.Variable,
            insertText: v,
            range,
            detail: setting ? `variable allowed in ${setting.key}` : "variable",
            sortText: `1${v}`,
          });
        }
        for (const c of setting?.constants ?? []) {
          suggestions.push({
            label: c,
            kind: Kind.Constant,
            insertText: c,
            range,
            detail: STRATEGY_TEXT[c] ?? "constant",
            sortText: `0${c}`,
          });
        }
        for (const [name, arity] of FUNCTION_ARITY) {
          const args = Array.from({ length: arity }, (_, i) => `\${${i + 1}}`).join(", ");
          suggestions.push({
            label: `${name}(${arity})`,
            filterText: name,
            kind: Kind.Function,
            insertText: `${name}(${args})`,
            insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
            range,
            detail: `function, ${arity} argument${arity === 1 ? "" : "s"}`,
            sortText: `2${name}`,
          });
        }
      } else if (ctx.atKey) {
        const prefix = ctx.table ? `${ctx.table}.` : "";
        for (const s of SETTINGS) {
          if (!s.key.startsWith(prefix)) continue;
          const rel = s.key.slice(prefix.length);
          suggestions.push({
            label: rel,
            kind: Kind.Property,
            insertText: s.expression
              ? `${rel} = "\${1:${s.defaultValue.replace(/[$}"\\]/g, "")}}"`
              : `${rel} = "$1"`,
            insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
            range,
            detail: `default: ${s.defaultValue}`,
            documentation: s.description,
          });
        }
      } else {
        for (const c of STRATEGIES)
          suggestions.push({
            label: `"${c}"`,
            kind: Kind.Constant,
            insertText: `"${c}"`,
            range,
            detail: STRATEGY_TEXT[c] ?? "",
          });
      }
      return { suggestions };
    },
  });

  monaco.languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover(model, position) {
      const line = model.getLineContent(position.lineNumber);
      // Words here include dots and dashes, so setting keys hover as a whole.
      const re = /[A-Za-z0-9_.-]+/g;
      let m: RegExpExecArray | null = re.exec(line);
      while (m && m.index + m[0].length < position.column - 1) m = re.exec(line);
      if (!m || m.index > position.column - 1) return null;
      const word = m[0];
      const range = new monaco.Range(
        position.lineNumber,
        m.index + 1,
        position.lineNumber,
        m.index + word.length + 1,
      );
      const ctx = cursorContext(model.getLinesContent(), position.lineNumber, position.column);
      const text = (value: string) => ({
        range,
        contents: [{ value, isTrusted: false, supportHtml: false }],
      });
      const fullKey = ctx.table && !word.startsWith(ctx.table) ? `${ctx.table}.${word}` : word;
      const setting = settingFor(fullKey) ?? settingFor(word);
      if (setting && !ctx.inString) {
        const vars = setting.variables.length
          ? `\n\nVariables: \`${setting.variables.join("`, `")}\``
          : "";
        return text(
          `**${setting.key}**\n\n${setting.description}\n\nDefault: \`${setting.defaultValue}\`${vars}`,
        );
      }
      if (!ctx.inString) return null;
      const arity = FUNCTION_ARITY.get(word);
      if (arity !== undefined)
        return text(`**${word}** — function taking ${arity} argument${arity === 1 ? "" : "s"}`);
      if (STRATEGY_TEXT[word]) return text(`**${word}** — ${STRATEGY_TEXT[word]}`);
      if (ALL_VARIABLES.includes(word)) {
        const allowed = allowedVariables(ctx.settingKey);
        return text(
          allowed.includes(word)
            ? `**${word}** — variable, allowed in \`${ctx.settingKey ?? "this key"}\``
            : `**${word}** — variable **not allowed** in \`${ctx.settingKey}\`: Stalwart rejects the expression (\`Invalid variable or constant "${word}"\`) and uses the default. Allowed: ${allowed.join(", ")}`,
        );
      }
      return null;
    },
  });
}

/**
 * Completion for Stalwart TOML, by where the cursor is (key-context.ts): inside a string,
 * the variables, constants and functions the setting's expression may use; where a key
 * goes, the setting keys; where a value starts, that setting's own values (strategies for
 * ip-strategy, address lists for source-ip.v4/v6). Anywhere else (after a closed string,
 * a number, a comment) nothing, so Enter there is a new line, never a completion.
 */
import type * as Monaco from "monaco-editor/editor";
import { ALL_VARIABLES, FUNCTION_ARITY, SETTINGS, settingFor } from "../core-adapter";
import { STRATEGY_TEXT } from "../ui/explain";
import { type CursorContext, cursorContext } from "./key-context";
import { LANGUAGE_ID } from "./toml-language";

type M = typeof Monaco;
type Item = Omit<Monaco.languages.CompletionItem, "range">;

/** Values to start with at keys that are not strategies (the docs' own examples). */
const VALUE_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  "queue.outbound.source-ip.v4": [`"['192.0.2.10']"`, `"['192.0.2.10', '192.0.2.11']"`],
  "queue.outbound.source-ip.v6": [`"['2001:db8::a']"`, `"['2001:db8::a', '2001:db8::b']"`],
};

function inString(m: M, ctx: CursorContext): Item[] {
  const Kind = m.languages.CompletionItemKind;
  const setting = ctx.settingKey ? settingFor(ctx.settingKey) : undefined;
  const items: Item[] = (setting ? setting.variables : ALL_VARIABLES).map((v) => ({
    label: v,
    kind: Kind.Variable,
    insertText: v,
    detail: setting ? `variable allowed in ${setting.key}` : "variable",
    sortText: `1${v}`,
  }));
  for (const c of setting?.constants ?? []) {
    items.push({
      label: c,
      kind: Kind.Constant,
      insertText: c,
      detail: STRATEGY_TEXT[c] ?? "constant",
      sortText: `0${c}`,
    });
  }
  for (const [name, arity] of FUNCTION_ARITY) {
    const args = Array.from({ length: arity }, (_, i) => `\${${i + 1}}`).join(", ");
    items.push({
      label: `${name}(${arity})`,
      filterText: name,
      kind: Kind.Function,
      insertText: `${name}(${args})`,
      insertTextRules: m.languages.CompletionItemInsertTextRule.InsertAsSnippet,
      detail: `function, ${arity} argument${arity === 1 ? "" : "s"}`,
      sortText: `2${name}`,
    });
  }
  return items;
}

function atKey(m: M, ctx: CursorContext): Item[] {
  const prefix = ctx.table ? `${ctx.table}.` : "";
  return SETTINGS.filter((s) => s.key.startsWith(prefix)).map((s) => {
    const rel = s.key.slice(prefix.length);
    return {
      label: rel,
      kind: m.languages.CompletionItemKind.Property,
      insertText: `${rel} = "\${1:${s.defaultValue.replace(/[$}"\\]/g, "")}}"`,
      insertTextRules: m.languages.CompletionItemInsertTextRule.InsertAsSnippet,
      detail: `default: ${s.defaultValue}`,
      documentation: s.description,
    };
  });
}

function atValue(m: M, key: string): Item[] {
  const setting = settingFor(key);
  const Kind = m.languages.CompletionItemKind;
  const constants = (setting?.constants ?? []).map((c) => ({
    label: `"${c}"`,
    kind: Kind.Constant,
    insertText: `"${c}"`,
    detail: STRATEGY_TEXT[c] ?? "",
  }));
  const examples = (VALUE_EXAMPLES[key] ?? []).map((v) => ({
    label: v,
    kind: Kind.Value,
    insertText: v,
    detail: "an expression string holding a list of addresses",
  }));
  return [...constants, ...examples];
}

export function registerCompletion(m: M): void {
  m.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: ["'", '"', "(", " ", ".", "["],
    provideCompletionItems(model, position) {
      const ctx = cursorContext(model.getLinesContent(), position.lineNumber, position.column);
      const word = model.getWordUntilPosition(position);
      const range = new m.Range(
        position.lineNumber,
        word.startColumn,
        position.lineNumber,
        word.endColumn,
      );
      const items = ctx.inString
        ? inString(m, ctx)
        : ctx.atKey
          ? atKey(m, ctx)
          : ctx.atValue && ctx.settingKey
            ? atValue(m, ctx.settingKey)
            : [];
      return { suggestions: items.map((i) => ({ ...i, range })) };
    },
  });
}

/**
 * Completion for Stalwart TOML, by where the cursor is (key-context.ts) and the version
 * the text is read as (catalog.ts): inside a string, the variables, constants and
 * functions the setting's expression may use; where a key goes, the keys of that table
 * (`[queue.route.relay]`: type, address, …); where a value starts, that key's own values
 * (strategies, route types, address lists). Anywhere else (after a closed string, a
 * number, a comment) nothing, so Enter there is a new line, never a completion.
 */
import type * as Monaco from "monaco-editor/editor";
import { FUNCTION_ARITY } from "../core-adapter";
import { STRATEGY_TEXT } from "../ui/explain";
import { type Catalog, currentCatalog, type KeyDoc } from "./catalog";
import { type CursorContext, cursorContext } from "./key-context";
import { LANGUAGE_ID } from "./toml-language";

type M = typeof Monaco;
type Item = Omit<Monaco.languages.CompletionItem, "range">;

function inString(m: M, ctx: CursorContext, catalog: Catalog): Item[] {
  const Kind = m.languages.CompletionItemKind;
  const doc = ctx.settingKey ? catalog.keyFor(ctx.settingKey) : undefined;
  const scoped = doc !== undefined && doc.variables.length > 0;
  const items: Item[] = (scoped ? doc.variables : catalog.variables).map((v) => ({
    label: v,
    kind: Kind.Variable,
    insertText: v,
    detail: scoped ? `variable allowed in ${doc.key}` : "variable",
    sortText: `1${v}`,
  }));
  for (const c of doc?.constants ?? []) {
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

/**
 * `rel = value` as a snippet: the key's ids as tab stops, then the value: its first
 * example as written (v0.13's `"mx"`, `["192.0.2.10"]`) or a quoted tab stop holding the
 * default (v0.12's `ip-strategy = "ipv4_then_ipv6"`).
 */
function keyValueSnippet(rel: string, doc: KeyDoc): string {
  let n = 0;
  const key = rel.replace(/<(id|ip)>/g, (_, what: string) => `\${${++n}:${what}}`);
  const example = doc.placeholder === undefined ? doc.values[0] : undefined;
  const value =
    example !== undefined
      ? example.replace(/[$}\\]/g, "\\$&")
      : `"\${${n + 1}:${(doc.placeholder ?? "").replace(/[$}"\\]/g, "")}}"`;
  return `${key} = ${value}`;
}

function atKey(m: M, ctx: CursorContext, catalog: Catalog): Item[] {
  return catalog.keysIn(ctx.table).map(({ rel, doc }) => ({
    label: rel,
    kind: m.languages.CompletionItemKind.Property,
    insertText: keyValueSnippet(rel, doc),
    insertTextRules: m.languages.CompletionItemInsertTextRule.InsertAsSnippet,
    detail: `default: ${doc.defaultValue}`,
    documentation: doc.description,
  }));
}

function atValue(m: M, key: string, catalog: Catalog): Item[] {
  const doc = catalog.keyFor(key);
  const Kind = m.languages.CompletionItemKind;
  return (doc?.values ?? []).map((v) => {
    const constant = /^"([a-z0-9_]+)"$/.exec(v)?.[1];
    return {
      label: v,
      kind: constant ? Kind.Constant : Kind.Value,
      insertText: v,
      detail: (constant && STRATEGY_TEXT[constant]) || doc?.valueDetail || "a value",
    };
  });
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
      const catalog = currentCatalog();
      const items = ctx.inString
        ? inString(m, ctx, catalog)
        : ctx.atKey
          ? atKey(m, ctx, catalog)
          : ctx.atValue && ctx.settingKey
            ? atValue(m, ctx.settingKey, catalog)
            : [];
      return { suggestions: items.map((i) => ({ ...i, range })) };
    },
  });
}

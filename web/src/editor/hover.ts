/**
 * Hover for Stalwart TOML, in the version the text is read as (catalog.ts): a key shows
 * its description, default, allowed variables and a link to its page in Stalwart's docs;
 * inside an expression, a function, strategy or variable says what it is, and a variable
 * the key does not allow says so.
 */
import type * as Monaco from "monaco-editor/editor";
import { FUNCTION_ARITY } from "../core-adapter";
import { STRATEGY_TEXT } from "../ui/explain";
import { type Catalog, currentCatalog, type KeyDoc } from "./catalog";
import { cursorContext } from "./key-context";
import { LANGUAGE_ID } from "./toml-language";

type M = typeof Monaco;

function keyHover(doc: KeyDoc): string {
  const vars = doc.variables.length ? `\n\nVariables: \`${doc.variables.join("`, `")}\`` : "";
  // The key as code: a pattern's <id> would be read as an HTML tag in plain text.
  return `**\`${doc.key}\`**\n\n${doc.description}\n\nDefault: \`${doc.defaultValue}\`${vars}\n\n[Stalwart's docs for this key](${doc.docs})`;
}

function expressionHover(word: string, settingKey: string | null, catalog: Catalog): string | null {
  const arity = FUNCTION_ARITY.get(word);
  if (arity !== undefined)
    return `**${word}** — function taking ${arity} argument${arity === 1 ? "" : "s"}`;
  const doc = settingKey ? catalog.keyFor(settingKey) : undefined;
  if (STRATEGY_TEXT[word] && (catalog.version === "v0.12" || doc?.variables.length === 0))
    return `**${word}** — ${STRATEGY_TEXT[word]}`;
  if (!catalog.variables.includes(word)) return null;
  const allowed = doc?.variables.length ? doc.variables : catalog.variables;
  return allowed.includes(word)
    ? `**${word}** — variable, allowed in \`${settingKey ?? "this key"}\``
    : `**${word}** — variable **not allowed** in \`${settingKey}\`: Stalwart rejects the expression (\`Invalid variable or constant "${word}"\`) and uses the default. Allowed: ${allowed.join(", ")}`;
}

export function registerHover(m: M): void {
  m.languages.registerHoverProvider(LANGUAGE_ID, {
    provideHover(model, position) {
      const line = model.getLineContent(position.lineNumber);
      // Words here include dots and dashes, so setting keys hover as a whole.
      const re = /[A-Za-z0-9_.-]+/g;
      let match: RegExpExecArray | null = re.exec(line);
      while (match && match.index + match[0].length < position.column - 1) match = re.exec(line);
      if (!match || match.index > position.column - 1) return null;
      const word = match[0];
      const ctx = cursorContext(model.getLinesContent(), position.lineNumber, position.column);
      const fullKey = ctx.table && !word.startsWith(ctx.table) ? `${ctx.table}.${word}` : word;
      const catalog = currentCatalog();
      const doc = catalog.keyFor(fullKey) ?? catalog.keyFor(word);
      const value =
        doc && !ctx.inString
          ? keyHover(doc)
          : ctx.inString
            ? expressionHover(word, ctx.settingKey, catalog)
            : null;
      if (value === null) return null;
      const range = new m.Range(
        position.lineNumber,
        match.index + 1,
        position.lineNumber,
        match.index + word.length + 1,
      );
      // Not trusted: plain markdown (no command links); the docs link opens as a link.
      return { range, contents: [{ value, isTrusted: false, supportHtml: false }] };
    },
  });
}

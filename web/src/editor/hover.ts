/**
 * Hover for Stalwart TOML: a setting key shows its description, default, allowed
 * variables and a link to its page in Stalwart's docs; inside an expression, a function,
 * strategy or variable says what it is, and a variable the key does not allow says so.
 */
import type * as Monaco from "monaco-editor/editor";
import { ALL_VARIABLES, FUNCTION_ARITY, type SettingInfo, settingFor } from "../core-adapter";
import { STRATEGY_TEXT } from "../ui/explain";
import { cursorContext } from "./key-context";
import { LANGUAGE_ID } from "./toml-language";

type M = typeof Monaco;

function settingHover(setting: SettingInfo): string {
  const vars = setting.variables.length
    ? `\n\nVariables: \`${setting.variables.join("`, `")}\``
    : "";
  return `**${setting.key}**\n\n${setting.description}\n\nDefault: \`${setting.defaultValue}\`${vars}\n\n[Stalwart's docs for ${setting.key}](${setting.docs})`;
}

function expressionHover(word: string, settingKey: string | null): string | null {
  const arity = FUNCTION_ARITY.get(word);
  if (arity !== undefined)
    return `**${word}** — function taking ${arity} argument${arity === 1 ? "" : "s"}`;
  if (STRATEGY_TEXT[word]) return `**${word}** — ${STRATEGY_TEXT[word]}`;
  if (!ALL_VARIABLES.includes(word)) return null;
  const allowed = (settingKey ? settingFor(settingKey) : undefined)?.variables ?? ALL_VARIABLES;
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
      const setting = settingFor(fullKey) ?? settingFor(word);
      const value =
        setting && !ctx.inString
          ? settingHover(setting)
          : ctx.inString
            ? expressionHover(word, ctx.settingKey)
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

/**
 * Explanations of the files Stalwart's parser refuses for the classic reasons (spec §2):
 * an unquoted strategy or address, whose `_` or `:` ends a bare value, and a key in
 * single quotes. The refusal itself is the loader's error; these say what to write.
 */
import type { CoreError, Diagnostic } from "../../errors";

/** `name = value` on one line, the value unquoted: the setting names users quote wrongly. */
const UNQUOTED =
  /^(\s*(?:queue\.outbound\.)?(ip-strategy|v4|v6|source-ip\.v[46])\s*=\s*)([^"'[{\s#][^#]*?)\s*(#.*)?$/;

export function explainRefusal(text: string, err: CoreError): Diagnostic[] {
  const at = err.range?.start ?? 0;
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  const lineEnd = text.indexOf("\n", at);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  if (/^\s*'/.test(line) && text[at] === "'") {
    return [
      {
        severity: "error",
        code: "single_quoted_key",
        message: `Stalwart's parser takes a quoted key only in double quotes: write "${line.trim().slice(1).split("'")[0] ?? ""}" = ….`,
        start: at,
        end: at + 1,
      },
    ];
  }
  const m = UNQUOTED.exec(line);
  if (m === null) return [];
  const [, prefix = "", name = "", value = ""] = m;
  const start = lineStart + prefix.length;
  const isStrategy = name === "ip-strategy";
  return [
    {
      severity: "error",
      code: isStrategy ? "unquoted_strategy" : "source_ip_unquoted",
      message: isStrategy
        ? `An unquoted value may only hold letters, digits, '.', '+' and '-', so Stalwart stops at the first other character and refuses the file: write ip-strategy = "${value}".`
        : `An unquoted value may only hold letters, digits, '.', '+' and '-', so Stalwart refuses the file; and the string holds an expression in which an address is itself a quoted string: write ${name} = "'${value}'".`,
      start,
      end: start + value.length,
    },
  ];
}

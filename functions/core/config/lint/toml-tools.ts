/**
 * How other TOML tools read a config Stalwart accepts. Stalwart's parser decides what the
 * file means (toml/parser.ts); a standard TOML parser (smol-toml) only adds what a user
 * should know when the same file goes through another tool: that the file is not
 * standard TOML, or that a string reads differently there.
 */
import { parse, TomlError } from "smol-toml";
import type { Diagnostic } from "../../errors";
import type { LoadedConfig } from "../toml/loaded-config";

/** Nesting smol-toml may follow: Stalwart's own limit is 10 (parser.rs `MAX_NEST_LEVEL`). */
const MAX_DEPTH = 32;

/** smol-toml's 1-based line and column (lines split at `\n`) as an offset into `text`. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + Math.max(column - 1, 0), text.length);
}

/** smol-toml's reason, first line, without its prefix. */
function reasonOf(err: TomlError): string {
  return (err.message.split("\n")[0] ?? "").replace(/^Invalid TOML document: /, "");
}

/** An info when a TOML parser refuses the text Stalwart accepted. */
export function notStandardToml(text: string): Diagnostic[] {
  try {
    parse(text, { maxDepth: MAX_DEPTH });
    return [];
  } catch (err) {
    const at = err instanceof TomlError ? offsetOf(text, err.line, err.column) : 0;
    const reason = err instanceof TomlError ? reasonOf(err) : "the document is nested too deeply";
    return [
      {
        severity: "info",
        code: "not_standard_toml",
        message: `Not standard TOML: Stalwart reads it, other TOML tools will not (${reason}).`,
        start: at,
        end: Math.min(at + 1, text.length),
      },
    ];
  }
}

/**
 * Strings with a backslash, which Stalwart decodes otherwise than TOML does (it knows only
 * `\t \r \n`, drops any other backslash and reads `"""…"""` raw): what each reads.
 */
export function stringReadings(config: LoadedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const entry of config.entries) {
    const raw = config.text.slice(entry.valueStart, entry.valueEnd);
    if (!/^["']/.test(raw) || !raw.includes("\\")) continue;
    const toml = tomlReading(raw);
    if (toml === entry.written) continue;
    const other =
      typeof toml === "string"
        ? `a TOML tool reads ${JSON.stringify(toml)}`
        : `a TOML tool refuses it (${toml.reason})`;
    out.push({
      severity: "warning",
      code: "stalwart_string_escape",
      message: `Stalwart decodes this string as ${JSON.stringify(entry.written)}, and ${other}: Stalwart knows only the escapes \\t \\r \\n, drops any other backslash (write \\\\ to keep one) and reads """…""" raw.`,
      key: entry.key,
      start: entry.valueStart,
      end: entry.valueEnd,
    });
  }
  return out;
}

/** The string literal `raw` as smol-toml reads it, or why it refuses it. */
function tomlReading(raw: string): string | { reason: string } {
  try {
    const value = parse(`v = ${raw}\n`).v;
    return typeof value === "string" ? value : { reason: "not a string" };
  } catch (err) {
    return { reason: err instanceof TomlError ? reasonOf(err) : "cannot be read" };
  }
}

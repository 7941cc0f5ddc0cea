/**
 * Everything the editor can show without DNS: TOML errors, every if-block's errors, and
 * plain-words explanations of the classic mistakes. Never throws, for any input.
 */
import { CoreError, type Diagnostic } from "../errors";
import { readIfBlock } from "./if-block";
import { explainParseError, singleEquals } from "./lint-hints";
import { unknownKeys } from "./lint-keys";
import { checkValues } from "./lint-values";
import { checkRelays } from "./relay";
import { SETTING_LIST, type Setting } from "./settings";
import { type LoadedConfig, loadConfig } from "./toml-loader";

export interface Analysis {
  readonly diagnostics: Diagnostic[];
  readonly config?: LoadedConfig;
  /** Why the config could not be loaded at all (then `config` is absent): a 422 for the API. */
  readonly loadError?: CoreError;
}

function tomlHints(text: string, err: CoreError): Diagnostic[] {
  const at = err.range?.start ?? 0;
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  const lineEnd = text.indexOf("\n", at);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const m =
    /^(\s*(?:queue\.outbound\.)?(ip-strategy|v4|v6|source-ip\.v[46])\s*=\s*)([^"'[{\s#][^#]*?)\s*(#.*)?$/.exec(
      line,
    );
  if (m === null) return [];
  const [, prefix = "", name = "", value = ""] = m;
  const start = lineStart + prefix.length;
  const isStrategy = name === "ip-strategy";
  return [
    {
      severity: "error",
      code: isStrategy ? "unquoted_strategy" : "source_ip_unquoted",
      message: isStrategy
        ? `Values must be quoted in TOML: write ip-strategy = "${value}".`
        : `Values must be quoted in TOML, and the string holds an expression in which an address is itself a quoted string: write ${name} = "'${value}'".`,
      start,
      end: start + value.length,
    },
  ];
}

function explainBlock(
  setting: Setting<unknown>,
  config: LoadedConfig,
  errors: readonly Diagnostic[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of errors) {
    if (d.code === "expr_syntax")
      out.push(...explainParseError(setting, d, config.get(d.key ?? "")));
    if (d.code === "if_block_invalid_property") {
      const box = config.container(setting.key);
      const isSourceIp = setting.id === "sourceIpV4" || setting.id === "sourceIpV6";
      out.push({
        severity: "error",
        code: isSourceIp ? "source_ip_toml_array" : "toml_array_not_expression",
        message: isSourceIp
          ? `${setting.key} is an expression, not a TOML array: write one string holding an array expression, e.g. "['192.0.2.10', '192.0.2.11']".`
          : `${setting.key} is an expression, not a TOML array: write one string holding an array expression, e.g. "[2m, 5m]", or a list of { if, then } tables ending in { else }.`,
        key: setting.key,
        ...(box !== undefined
          ? { start: box.valueStart, end: box.valueEnd }
          : { start: d.start ?? 0, end: d.end ?? 0 }),
      });
    }
    if (d.code === "if_block_else_before_if") {
      const sameTable = config
        .keysUnder(setting.keyPrefix)
        .some((k) => k.endsWith(".else") && config.has(k.replace(/\.else$/, ".if")));
      if (sameTable) {
        out.push({
          severity: "error",
          code: "if_block_else_in_same_table",
          message: `Keys are read in sorted order, so an 'else' in the same table as 'if' comes first: put it in its own element, [ { if = …, then = … }, { else = … } ].`,
          key: setting.key,
          ...(d.start !== undefined ? { start: d.start, end: d.end ?? d.start } : {}),
        });
      }
    }
  }
  return out;
}

function analyze(text: string): Analysis {
  let config: LoadedConfig;
  try {
    config = loadConfig(text);
  } catch (err) {
    if (!(err instanceof CoreError)) throw err;
    const d: Diagnostic = {
      severity: "error",
      code: err.code,
      message: err.message,
      ...(err.range ?? {}),
    };
    return { diagnostics: [d, ...tomlHints(text, err)], loadError: err };
  }
  const diagnostics: Diagnostic[] = [];
  for (const setting of SETTING_LIST) {
    const errors: Diagnostic[] = [];
    const block = readIfBlock(config, setting, errors);
    diagnostics.push(
      ...errors,
      ...explainBlock(setting, config, errors),
      ...checkValues(setting, block, config),
    );
    const whole = config.get(setting.key);
    // Appended in place: no array per entry (almost all of them have no '=').
    if (whole !== undefined) singleEquals(whole, diagnostics);
    for (const entry of config.entriesUnder(setting.keyPrefix)) singleEquals(entry, diagnostics);
  }
  diagnostics.push(...unknownKeys(config));
  for (const entry of config.tomlMismatches) {
    if (entry.tomlValue === undefined) continue;
    const key = entry.key;
    diagnostics.push({
      severity: "warning",
      code: "stalwart_string_escape",
      message: `Stalwart's TOML reader decodes this string as ${JSON.stringify(entry.value)}, not ${JSON.stringify(entry.tomlValue)}: it only knows the escapes \\t \\r \\n, drops other backslashes, and reads multi-line strings raw.`,
      key,
      start: entry.valueStart,
      end: entry.valueEnd,
    });
  }
  checkRelays(config, diagnostics);
  return { diagnostics, config };
}

export function analyzeConfig(text: string): Analysis {
  let result: Analysis;
  try {
    result = analyze(typeof text === "string" ? text : String(text));
  } catch (err) {
    // A bug must not take the editor down: say so instead of throwing.
    const message = err instanceof Error ? err.message : String(err);
    result = {
      diagnostics: [
        {
          severity: "error",
          code: "internal_error",
          message: `Internal error while checking the config: ${message}`,
        },
      ],
    };
  }
  result.diagnostics.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  return result;
}

/**
 * Explanations of the if-block errors users meet most (spec §2): a setting written as a
 * TOML array or table instead of an expression, an `else` in the same table as its `if`,
 * and an expression Stalwart refuses (hints.ts).
 */
import type { Diagnostic } from "../../errors";
import type { Setting } from "../settings";
import type { LoadedConfig } from "../toml/loaded-config";
import { explainParseError } from "./hints";

/** What to write for each setting, in a message that shows one way to write it. */
const EXAMPLES: Readonly<Record<string, string>> = {
  ipStrategy: `"ipv6_then_ipv4"`,
  sourceIpV4: `"['192.0.2.10', '192.0.2.11']"`,
  sourceIpV6: `"['2001:db8::10', '2001:db8::11']"`,
  limitsMx: `"5"`,
  limitsMultihomed: `"2"`,
  nextHop: `"'relay-id'"`,
  hostname: `"'mx.example.org'"`,
  retry: `"[2m, 5m, 10m]"`,
  notify: `"[1d, 3d]"`,
  expire: `"5d"`,
};

export function explainBlockErrors(
  setting: Setting<unknown>,
  config: LoadedConfig,
  errors: readonly Diagnostic[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of errors) {
    if (d.code === "expr_syntax") {
      out.push(...explainParseError(setting, d, config.get(d.key ?? ""), config));
    } else if (d.code === "if_block_invalid_property") {
      out.push(notAnExpression(setting, config, d));
    } else if (d.code === "if_block_else_before_if" && elseBesideIf(setting, config)) {
      out.push({
        severity: "error",
        code: "if_block_else_in_same_table",
        message: `Keys are read in sorted order, so an 'else' in the same table as 'if' comes first: put it in its own element, [ { if = …, then = … }, { else = … } ].`,
        key: setting.key,
        ...(d.start !== undefined ? { start: d.start, end: d.end ?? d.start } : {}),
      });
    }
  }
  return out;
}

/**
 * `Invalid property "K.x" found in 'if' block.`: the setting was written as a TOML array
 * (`K = [ … ]`), an inline table or plain keys under it (a `[K]` table), none of which Stalwart
 * reads as an expression.
 */
function notAnExpression(
  setting: Setting<unknown>,
  config: LoadedConfig,
  d: Diagnostic,
): Diagnostic {
  const key = setting.key;
  const box = config.container(key);
  const written = box === undefined ? "" : config.text.slice(box.valueStart, box.valueStart + 1);
  const shape =
    written === "["
      ? "a TOML array"
      : written === "{"
        ? "an inline table"
        : `keys under it (${d.key ?? key})`;
  const isSourceIp = setting.id === "sourceIpV4" || setting.id === "sourceIpV6";
  const instead = isSourceIp
    ? "one string holding an array expression"
    : "one string holding an expression, or a list of { if, then } tables ending in { else }";
  return {
    severity: "error",
    code: isSourceIp ? "source_ip_toml_array" : "toml_array_not_expression",
    message: `${key} is written as ${shape}, but Stalwart reads it as an expression: it stops at ${d.key ?? key} and keeps the built-in default. Write ${instead}, e.g. ${key.split(".").pop()} = ${EXAMPLES[setting.id] ?? '"…"'}.`,
    key,
    ...(box !== undefined
      ? { start: box.valueStart, end: box.valueEnd }
      : { start: d.start ?? 0, end: d.end ?? 0 }),
  };
}

/** Whether some list element holds both `if` and `else` (one inline table). */
function elseBesideIf(setting: Setting<unknown>, config: LoadedConfig): boolean {
  return config
    .keysUnder(`${setting.key}.`)
    .some((k) => k.endsWith(".else") && config.has(k.replace(/\.else$/, ".if")));
}

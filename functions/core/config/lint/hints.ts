/**
 * Plain-words explanations of an expression that Stalwart refuses to parse in one of the
 * outbound settings (spec §1, §4), each with its own code and the spot it is about. The
 * error itself comes from the if-block reader; these say why it happened and what to
 * write instead.
 */
import type { Diagnostic } from "../../errors";
import { parseIp } from "../../ip";
import { relayIds } from "../relay";
import { IP_STRATEGIES, type Setting, settingsAllowing } from "../settings";
import type { ConfigEntry, LoadedConfig } from "../toml/loaded-config";
import { ALL_VARIABLES } from "../variables";

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

/** Where a hint points: the error's spot in the config. */
type At = { readonly key: string; readonly start?: number; readonly end?: number };

/** Hints for a setting's expression parse error `d`, raised reading `entry`. */
export function explainParseError(
  setting: Setting<unknown>,
  d: Diagnostic,
  entry: ConfigEntry | undefined,
  config: LoadedConfig,
): Diagnostic[] {
  const at: At = {
    key: d.key ?? setting.key,
    ...(d.start !== undefined ? { start: d.start, end: d.end ?? d.start } : {}),
  };
  const variable = /^Invalid variable or constant "([^"]*)"/.exec(d.message)?.[1];
  const out: Diagnostic[] = [];
  if (variable !== undefined) {
    const hyphenated = entry === undefined ? undefined : hyphenatedName(entry, d, variable);
    if (hyphenated !== undefined) out.push(hyphenatedHint(hyphenated, at));
    else out.push(...unknownWordHints(setting, variable, config, at));
  }
  const sourceIp = entry === undefined ? undefined : unquotedAddress(setting, entry, d);
  if (sourceIp !== undefined) out.push(sourceIp);
  return out;
}

function unknownWordHints(
  setting: Setting<unknown>,
  variable: string,
  config: LoadedConfig,
  at: At,
): Diagnostic[] {
  if (ALL_VARIABLES.has(variable) && !setting.tokens.variables.has(variable)) {
    const allowed = settingsAllowing(variable).map((s) => s.key);
    return [
      {
        severity: "error",
        code: "variable_not_allowed",
        message: `"${variable}" cannot be used in ${setting.key}: it may only use the ${setting.variableSet} variables (${[...setting.tokens.variables].join(", ")}). Keys that may use "${variable}": ${allowed.join(", ") || "none of the outbound settings"}.`,
        ...at,
      },
    ];
  }
  if (setting.id === "nextHop" && (variable === "local" || relayIds(config).includes(variable))) {
    return [
      {
        severity: "error",
        code: "relay_id_unquoted",
        message: `next-hop is an expression, so ${variable} is read as a variable name, and there is none such: Stalwart refuses the expression and delivers by MX. A relay id is a string inside the expression: write next-hop = "'${variable}'".`,
        ...at,
      },
    ];
  }
  if (setting.id === "ipStrategy" && !ALL_VARIABLES.has(variable)) {
    const guess = closest(variable, IP_STRATEGIES);
    return [
      {
        severity: "error",
        code: "ip_strategy_unknown",
        message: `"${variable}" is not a strategy: use one of ${IP_STRATEGIES.join(", ")}${guess !== undefined ? ` (did you mean ${guess}?)` : ""}. Stalwart falls back to ipv4_then_ipv6.`,
        ...at,
      },
    ];
  }
  return [];
}

/**
 * The name written with hyphens around the refused word `variable`, when its underscore
 * form is a name Stalwart knows (`rcpt-domain`, `ipv4-then-ipv6`): the expression reads
 * `-` as minus.
 */
function hyphenatedName(entry: ConfigEntry, d: Diagnostic, variable: string): string | undefined {
  const value = entry.value;
  let at = -1;
  for (let i = value.indexOf(variable); i >= 0; i = value.indexOf(variable, i + 1)) {
    if (entry.sourceOffset(i) === d.start) at = i;
  }
  if (at < 0) return undefined;
  const word = /[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)+/y;
  let start = at;
  while (start > 0 && /[A-Za-z0-9_-]/.test(value[start - 1] ?? "")) start--;
  word.lastIndex = start;
  const name = word.exec(value)?.[0];
  if (name === undefined || !name.includes("-")) return undefined;
  const underscored = name.replaceAll("-", "_").toLowerCase();
  const known = ALL_VARIABLES.has(underscored) || IP_STRATEGIES.some((s) => s === underscored);
  return known ? name : undefined;
}

function hyphenatedHint(name: string, at: At): Diagnostic {
  const fixed = name.replaceAll("-", "_").toLowerCase();
  return {
    severity: "error",
    code: "hyphenated_name",
    message: `"${name}" is read as a subtraction (${name.split("-").join(" minus ")}), not as a name: Stalwart's names use underscores (older versions wrote them with hyphens). Write ${fixed}.`,
    ...at,
  };
}

/** An address written bare inside a source-ip expression (spec §2). */
function unquotedAddress(
  setting: Setting<unknown>,
  entry: ConfigEntry,
  d: Diagnostic,
): Diagnostic | undefined {
  if (setting.id !== "sourceIpV4" && setting.id !== "sourceIpV6") return undefined;
  const value = entry.value.trim();
  const listed = /^\[[^'"]*\d[^'"]*\]$/.test(value);
  if (parseIp(value) === null && !listed) return undefined;
  const example = listed ? (value.slice(1, -1).split(",")[0]?.trim() ?? value) : value;
  return {
    severity: "error",
    code: "source_ip_unquoted",
    message: `The value is an expression, so an address must be a quoted string inside it: write "'${example}'" (or "['${example}', …]" for several). Unquoted, Stalwart reads it as a number or a name and fails: ${d.message}`,
    key: entry.key,
    start: entry.valueStart,
    end: entry.valueEnd,
  };
}

/** A single `=` outside string literals: Stalwart reads `a='x'` as `a==` plus `x'`. */
export function singleEquals(entry: ConfigEntry): Diagnostic[] {
  const s = entry.value;
  const out: Diagnostic[] = [];
  let quote = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? "";
    if (quote !== "") {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === "=" && i > 0 && !"=!<>".includes(s[i - 1] ?? "") && s[i + 1] !== "=") {
      const start = entry.sourceOffset(i);
      out.push({
        severity: "warning",
        code: "single_equals",
        message: `A single '=' compares too, but Stalwart swallows the character after it (so a='x' fails to parse): write '=='.`,
        key: entry.key,
        start,
        end: Math.max(start + 1, entry.sourceOffset(i + 1)),
      });
    }
  }
  return out;
}

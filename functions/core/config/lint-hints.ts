/**
 * Plain-words explanations of the mistakes users make with the outbound settings
 * (spec §1–§2), each with its own code and the spot in the config it is about.
 */
import type { Diagnostic } from "../errors";
import { parseIp } from "../ip";
import { IP_STRATEGIES, type Setting, settingsAllowing } from "./settings";
import type { ConfigEntry } from "./toml-loader";
import { ALL_VARIABLES } from "./variables";

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

/** Hints for a setting's expression parse error (the error diagnostic itself comes from readIfBlock). */
export function explainParseError(
  setting: Setting<unknown>,
  d: Diagnostic,
  entry: ConfigEntry | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = {
    key: d.key ?? setting.key,
    ...(d.start !== undefined ? { start: d.start, end: d.end ?? d.start } : {}),
  };
  const variable = /^Invalid variable or constant "([^"]*)"/.exec(d.message)?.[1];
  if (
    variable !== undefined &&
    ALL_VARIABLES.has(variable) &&
    !setting.tokens.variables.has(variable)
  ) {
    const allowed = settingsAllowing(variable).map((s) => s.key);
    out.push({
      severity: "error",
      code: "variable_not_allowed",
      message: `"${variable}" cannot be used in ${setting.key}: it may only use the ${setting.variableSet} variables (${[...setting.tokens.variables].join(", ")}). Keys that may use "${variable}": ${allowed.join(", ") || "none of the outbound settings"}.`,
      ...at,
    });
  }
  if (variable !== undefined && setting.id === "ipStrategy" && !ALL_VARIABLES.has(variable)) {
    const guess = closest(variable, IP_STRATEGIES);
    out.push({
      severity: "error",
      code: "ip_strategy_unknown",
      message: `"${variable}" is not a strategy: use one of ${IP_STRATEGIES.join(", ")}${guess !== undefined ? ` (did you mean ${guess}?)` : ""}. Stalwart falls back to ipv4_then_ipv6.`,
      ...at,
    });
  }
  const value = entry?.value.trim() ?? "";
  const family = setting.id === "sourceIpV4" ? 4 : setting.id === "sourceIpV6" ? 6 : 0;
  if (
    family !== 0 &&
    entry !== undefined &&
    (parseIp(value) !== null || /^\[[^'"]*\d[^'"]*\]$/.test(value))
  ) {
    const example =
      parseIp(value) !== null ? value : (value.slice(1, -1).split(",")[0]?.trim() ?? value);
    out.push({
      severity: "error",
      code: "source_ip_unquoted",
      message: `The value is an expression, so an address must be a quoted string inside it: write "'${example}'" (or "['${example}', …]" for several). Unquoted, Stalwart reads it as a number or a name and fails: ${d.message}`,
      key: entry.key,
      start: entry.valueStart,
      end: entry.valueEnd,
    });
  }
  return out;
}

/** A single `=` outside string literals: Stalwart reads `a='x'` as `a==` plus `x'`.
 * Appended to `out` (a new array when none is given), which is returned.
 */
export function singleEquals(entry: ConfigEntry, out: Diagnostic[] = []): Diagnostic[] {
  const s = entry.value;
  if (!hasLoneEquals(s)) return out;
  let quote = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote !== 0) {
      if (c === 0x5c /* \ */) i++;
      else if (c === quote) quote = 0;
      continue;
    }
    if (c === 0x27 || c === 0x22) quote = c;
    else if (
      c === 0x3d /* = */ &&
      // At 0 there is no left side: not reported (as `"=!<>".includes("")` never was).
      i > 0 &&
      !isComparisonStart(s.charCodeAt(i - 1)) &&
      s.charCodeAt(i + 1) !== 0x3d
    ) {
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

/**
 * Whether some `=` of `s` could be reported, quotes aside: found by indexOf, so the
 * common values (no `=`, or only `==`, `!=`, `<=`, `>=`, as in `rcpt_domain == 'x'`)
 * skip singleEquals' walk of every character (hundreds of conditions in the bench
 * profile). The walk reports a subset of these (those outside string literals).
 */
function hasLoneEquals(s: string): boolean {
  for (let i = s.indexOf("="); i >= 0; i = s.indexOf("=", i + 1)) {
    if (i > 0 && !isComparisonStart(s.charCodeAt(i - 1)) && s.charCodeAt(i + 1) !== 0x3d)
      return true;
  }
  return false;
}

/** `=`, `!`, `<`, `>`: an `=` after one of them is part of `==`, `!=`, `<=`, `>=`. */
function isComparisonStart(c: number): boolean {
  return c === 0x3d || c === 0x21 || c === 0x3c || c === 0x3e;
}

/**
 * Plain-words explanations of the mistakes users make with the outbound settings
 * (spec §1–§2), each with its own code and the spot in the config it is about.
 */
import type { Diagnostic } from "../errors";
import { evaluate } from "../expr/evaluator";
import type { EvalEnv, Expression } from "../expr/types";
import type { Value } from "../expr/value";
import { parseIp } from "../ip";
import type { IfBlock } from "./if-block";
import { IP_STRATEGIES, intoArray, SETTING_LIST, type Setting, settingsAllowing } from "./settings";
import type { ConfigEntry, LoadedConfig } from "./toml-loader";
import { ALL_VARIABLES } from "./variables";

/** Keys Stalwart v0.12 reads under `queue.outbound.` and `queue.schedule.` (crates/common/src/config/smtp/queue.rs). */
export const KNOWN_QUEUE_KEYS: readonly string[] = [
  ...SETTING_LIST.map((s) => s.key),
  ...["dane", "mta-sts", "starttls", "allow-invalid-certs"].map((k) => `queue.outbound.tls.${k}`),
  ...["connect", "greeting", "tls", "ehlo", "mail-from", "rcpt-to", "data", "mta-sts"].map(
    (k) => `queue.outbound.timeouts.${k}`,
  ),
];

const KNOWN = new Set(KNOWN_QUEUE_KEYS);

/**
 * The known key that `key` is or is under (`k` or `k.…`), found by looking its
 * dot-prefixes up in a set; undefined for an unknown key.
 */
function knownKeyOf(key: string): string | undefined {
  if (KNOWN.has(key)) return key;
  for (let dot = key.indexOf("."); dot >= 0; dot = key.indexOf(".", dot + 1)) {
    const prefix = key.slice(0, dot);
    if (KNOWN.has(prefix)) return prefix;
  }
  return undefined;
}

class NotConstant extends Error {}

/**
 * An environment in which reading a variable, DNS or the local-domain list fails: made
 * once per block checked, not per value (its closures showed as GC work in the bench
 * profile of a config with hundreds of branches).
 */
function constantEnv(config: LoadedConfig): EvalEnv {
  const fail = (): never => {
    throw new NotConstant();
  };
  return {
    variable: fail,
    isLocalDomain: fail,
    dnsLookup: fail,
    configGet: (k) => config.get(k)?.value,
  };
}

/** The value of an expression that reads no variable, DNS or local-domain list; else undefined. */
function constantValue(expr: Expression, env: EvalEnv): Value | undefined {
  try {
    return evaluate(expr, env);
  } catch {
    return undefined;
  }
}

/** The first element of a source-ip list that is not an address of `family` (no closure per list). */
function wrongFamily(value: Value, family: 4 | 6): Value | undefined {
  for (const v of intoArray(value)) {
    if (v.kind !== "string" || parseIp(v.value)?.family !== family) return v;
  }
  return undefined;
}

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
  if (s.indexOf("=") < 0) return out;
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

/** `=`, `!`, `<`, `>`: an `=` after one of them is part of `==`, `!=`, `<=`, `>=`. */
function isComparisonStart(c: number): boolean {
  return c === 0x3d || c === 0x21 || c === 0x3c || c === 0x3e;
}

/** Static checks on the values of a block that parsed (constant expressions only). */
export function checkValues(
  setting: Setting<unknown>,
  block: IfBlock,
  config: LoadedConfig,
): Diagnostic[] {
  if (block.origin !== "config") return [];
  // Only these settings have checks: the others' constant values were evaluated for
  // nothing (every branch of every setting, in the bench profile of the 2,000-line config).
  const id = setting.id;
  if (
    id !== "sourceIpV4" &&
    id !== "sourceIpV6" &&
    id !== "ipStrategy" &&
    id !== "limitsMultihomed"
  )
    return [];
  const out: Diagnostic[] = [];
  const env = constantEnv(config);
  // The thens, then the default: walked in place (no list of pairs per block).
  const count = block.branches.length;
  for (let i = 0; i <= count; i++) {
    const branch = block.branches[i];
    const expr = branch !== undefined ? branch.then : block.default;
    const key = branch !== undefined ? branch.thenKey : block.defaultKey;
    // A config block's keys are the config's own: the entry is looked up only to report.
    if (expr === null || key === undefined) continue;
    const value = constantValue(expr, env);
    if (value === undefined) continue;
    if (setting.id === "sourceIpV4" || setting.id === "sourceIpV6") {
      const family = setting.id === "sourceIpV4" ? 4 : 6;
      const bad = wrongFamily(value, family);
      if (bad !== undefined) {
        const entry = config.get(key);
        if (entry === undefined) continue;
        const at = { key, start: entry.valueStart, end: entry.valueEnd };
        const text = bad.kind === "string" ? bad.value : String(bad.value);
        const idx = entry.value.indexOf(text);
        out.push({
          severity: "warning",
          code: "source_ip_wrong_family",
          message: `${JSON.stringify(text)} is not an IPv${family} address: Stalwart drops the WHOLE list when any element is not of its family, so connections are unbound (the OS picks the source address).`,
          ...at,
          ...(idx >= 0
            ? { start: entry.sourceOffset(idx), end: entry.sourceOffset(idx + text.length) }
            : {}),
        });
      }
    } else if (setting.id === "ipStrategy" && setting.convert(value) === undefined) {
      const entry = config.get(key);
      if (entry === undefined) continue;
      const at = { key, start: entry.valueStart, end: entry.valueEnd };
      out.push({
        severity: "warning",
        code: "ip_strategy_unknown",
        message: `This evaluates to ${value.kind === "array" ? "an array" : JSON.stringify(String(value.value))}, which is not one of ${IP_STRATEGIES.join(", ")}: Stalwart falls back to ipv4_then_ipv6.`,
        ...at,
      });
    } else if (setting.id === "limitsMultihomed") {
      const entry = config.get(key);
      if (entry === undefined) continue;
      const at = { key, start: entry.valueStart, end: entry.valueEnd };
      const n = setting.convert(value);
      if (typeof n === "number" && n > 0 && n < 2 ** 32) {
        out.push({
          severity: "info",
          code: "multihomed_hides_family",
          message: `At most ${n} address${n === 1 ? "" : "es"} per host are tried, taken from the preferred family first: with ${n} or more addresses of that family, the other family is never tried.`,
          ...at,
        });
      } else if (n === 0) {
        out.push({
          severity: "warning",
          code: "multihomed_zero",
          message: `limits.multihomed = 0 leaves no address to try: every host fails with 'No IP addresses found'.`,
          ...at,
        });
      }
    }
  }
  return out;
}

/** Unknown keys under `queue.outbound.` / `queue.schedule.`, with the closest known key. */
export function unknownKeys(config: LoadedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  let lastKnown = "";
  // Both lists walked in place (no spread copy of ~1,000 keys into a new array).
  const outbound = config.keysUnder("queue.outbound.");
  const schedule = config.keysUnder("queue.schedule.");
  for (let i = 0, total = outbound.length + schedule.length; i < total; i++) {
    const key = i < outbound.length ? (outbound[i] ?? "") : (schedule[i - outbound.length] ?? "");
    // Keys are sorted, so the keys under one known key follow each other: the last known
    // key as a prefix answers for most of them, without slicing and hashing each
    // dot-prefix (that showed in the bench profile of a 2,000-line config). lastIndexOf
    // from 0 is startsWith, at a third of its cost in Node 20.
    const n = lastKnown.length;
    if (n > 0 && key.charCodeAt(n) === 0x2e && key.lastIndexOf(lastKnown, 0) === 0) continue;
    const known = knownKeyOf(key);
    if (known !== undefined) {
      lastKnown = known;
      continue;
    }
    const entry = config.get(key);
    let guess: string | undefined;
    let best = 4;
    for (const k of KNOWN_QUEUE_KEYS) {
      const d = editDistance(key.split(".").slice(0, k.split(".").length).join("."), k);
      if (d < best) [guess, best] = [k, d];
    }
    const name =
      guess !== undefined ? key.split(".").slice(0, guess.split(".").length).join(".") : key;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({
      severity: "warning",
      code: "unknown_key",
      message: `Stalwart does not read "${name}"${guess !== undefined ? `: did you mean "${guess}"?` : "."}`,
      key,
      ...(entry !== undefined ? { start: entry.keyStart, end: entry.keyEnd } : {}),
    });
  }
  return out;
}

/**
 * Values as the migrated config writes them: TOML strings and keys that both Stalwart's
 * own parser (config/toml/, only `\t \r \n` are escapes, a backslash before anything else
 * is dropped) and standard TOML read alike; expression string literals; durations; and
 * where a value came from, in words.
 */
import type { LineColumn } from "../config/positions";
import type { Origin } from "./types";

/** A basic TOML string: `\\`, `"` and the three control escapes both parsers know. */
export function tomlString(s: string): string {
  return `"${s.replace(/[\\"\n\r\t]/g, (c) => (c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : `\\${c}`))}"`;
}

/**
 * A key or table-name segment: bare when Stalwart keeps it as it is (its parser lower-cases
 * unquoted table names, so anything else is quoted to stay verbatim).
 */
export function tomlKey(s: string): string {
  return /^[a-z0-9_-]+$/.test(s) ? s : tomlString(s);
}

/** A string literal of Stalwart's expression language (a backslash escapes the next character). */
export function exprString(s: string): string {
  return `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

const UNITS: readonly (readonly [string, number])[] = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1000],
];

/** Milliseconds as Stalwart's `Duration::parse_value` reads them: one number, one unit. */
export function formatDuration(ms: number): string {
  const unit = UNITS.find(([, size]) => ms % size === 0);
  return unit ? `${ms / unit[1]}${unit[0]}` : `${ms}ms`;
}

/** The setting an origin belongs to: `….next-hop.0001.then` → `….next-hop`. */
function settingKey(key: string): string {
  return key.replace(/\.[0-9]+\.(if|then|else)$/, "");
}

/** Lines and columns of offsets into the input config (`lineLocator`, made once). */
export type Lines = (offset: number) => LineColumn;

/** "queue.outbound.next-hop (line 4), remote.smarthost.address (line 9)"; built-ins left out. */
export function describeOrigins(origins: readonly Origin[], lines: Lines): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const o of origins) {
    if (o.start === undefined) continue;
    const key = settingKey(o.key);
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(`${key} (line ${lines(o.start).line})`);
  }
  return parts.length > 0 ? parts.join(", ") : "≤ v0.12's built-in defaults";
}

/** The first origin under `prefix` that the config wrote (a built-in default has no place). */
export function placedOrigin(origins: readonly Origin[], prefix = ""): Origin | undefined {
  return origins.find((o) => o.start !== undefined && o.key.startsWith(prefix));
}

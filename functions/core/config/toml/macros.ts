/**
 * `%{class:name}%` macros in values, as Stalwart resolves them when it builds its config
 * (crates/utils/src/config/mod.rs `resolve_macros`; boot.rs resolves `env`, then `file`
 * and `cfg`). `%{cfg:key}%` is replaced by that key's value, looked up in the values
 * already resolved in this pass (keys sorted before it) or else as written; an unknown
 * key is replaced by nothing (Stalwart logs `Unknown key "…"`). The playground cannot
 * read the server's environment or files: `%{env:…}%` and `%{file:…}%` keep their text,
 * with a note saying so.
 */
import type { Diagnostic } from "../../errors";
import { rustStrDebug } from "../../expr/rust-debug";
import type { ConfigEntry } from "./parser";
import { MappedText } from "./strings";

const CLOSE = "}%";

/**
 * Resolves the `cfg` macros of `entries` in place: in the map of them and in `sorted`,
 * the same entries sorted as Stalwart's keys.
 */
export function resolveMacros(
  entries: Map<string, ConfigEntry>,
  sorted: ConfigEntry[],
  notes: Diagnostic[],
): void {
  const withMacros = sorted.filter((entry) => entry.value.includes("%{"));
  for (const entry of withMacros) noteUnreadable(entry, notes);
  const replaced = new Map<string, ConfigEntry>();
  const lookup = (name: string) => (replaced.get(name) ?? entries.get(name))?.value;
  for (const entry of withMacros) {
    const key = entry.key;
    const macros = macrosIn(entry.value, "cfg");
    if (macros.length === 0) continue;
    const text = expand(entry, macros, lookup, notes);
    if (text !== undefined) replaced.set(key, entry.withValue(text));
  }
  if (replaced.size === 0) return;
  for (const [key, entry] of replaced) entries.set(key, entry);
  for (const [i, entry] of sorted.entries()) sorted[i] = replaced.get(entry.key) ?? entry;
}

interface Macro {
  /** Offsets in the value of `%{` and of the name. */
  readonly start: number;
  readonly name: number;
  /** Offset of the closing `}%`; -1 when none follows (Stalwart's loop never ends there). */
  readonly close: number;
}

/**
 * The `%{kind:…}%` macros of `value` in the order Stalwart's loop meets them; none unless
 * the value holds both `%{kind:` and `}%` (its test before the loop).
 */
function macrosIn(value: string, kind: "cfg" | "env" | "file"): Macro[] {
  const open = `%{${kind}:`;
  const out: Macro[] = [];
  if (!value.includes(CLOSE)) return out;
  for (let start = value.indexOf(open); start >= 0; ) {
    const name = start + open.length;
    const close = value.indexOf(CLOSE, name);
    out.push({ start, name, close });
    if (close < 0) break;
    start = value.indexOf(open, close + CLOSE.length);
  }
  return out;
}

/**
 * The value with each macro replaced by `lookup(name)`, mapped onto the source (a
 * replacement stands where its macro does); undefined when Stalwart's loop never ends.
 */
function expand(
  entry: ConfigEntry,
  macros: readonly Macro[],
  lookup: (name: string) => string | undefined,
  notes: Diagnostic[],
): MappedText | undefined {
  const value = entry.value;
  const out = new MappedText(entry.sourceOffset(0), entry.sourceOffset(value.length));
  const copy = (from: number, to: number) => {
    for (let i = from; i < to; i++) out.push(value[i] ?? "", entry.sourceOffset(i));
  };
  let done = 0;
  for (const m of macros) {
    if (m.close < 0) {
      notes.push(at(entry, m.start, value.length, "error", "macro_never_ends", neverEnds(entry)));
      return undefined;
    }
    copy(done, m.start);
    const name = value.slice(m.name, m.close);
    const found = lookup(name);
    if (found === undefined) {
      notes.push(at(entry, m.start, m.close + 2, "warning", "macro_unknown_key", unknown(name)));
    }
    for (const ch of found ?? "") out.push(ch, entry.sourceOffset(m.start));
    done = m.close + CLOSE.length;
  }
  copy(done, value.length);
  return out;
}

/** Notes for the `env` and `file` macros, which the playground keeps as written. */
function noteUnreadable(entry: ConfigEntry, notes: Diagnostic[]): void {
  const value = entry.value;
  for (const kind of ["env", "file"] as const) {
    for (const m of macrosIn(value, kind)) {
      if (m.close < 0) {
        notes.push(at(entry, m.start, value.length, "error", "macro_never_ends", neverEnds(entry)));
        break;
      }
      const name = value.slice(m.name, m.close);
      const what =
        kind === "env"
          ? `the environment variable ${name} of the server's process`
          : `the contents of the file ${name.replace(/^\/\//, "")} on the server`;
      const message = `Stalwart replaces ${value.slice(m.start, m.close + 2)} with ${what} when it starts; the playground cannot read it, so it keeps the text as written.`;
      notes.push(at(entry, m.start, m.close + 2, "info", "macro_not_resolved", message));
    }
  }
}

const unknown = (name: string) =>
  `%{cfg:${name}}% names no key of this config: Stalwart logs 'Unknown key ${rustStrDebug(name)}' and replaces the macro with nothing.`;

const neverEnds = (entry: ConfigEntry) =>
  `${entry.key} has a macro with no '}%' after it while another '}%' sits elsewhere in the value: Stalwart's macro loop never ends on such a value, so it hangs at startup. The playground keeps the text as written.`;

function at(
  entry: ConfigEntry,
  from: number,
  to: number,
  severity: Diagnostic["severity"],
  code: string,
  message: string,
): Diagnostic {
  const start = entry.sourceOffset(from);
  return {
    severity,
    code,
    message,
    key: entry.key,
    start,
    end: Math.max(start, entry.sourceOffset(to)),
  };
}

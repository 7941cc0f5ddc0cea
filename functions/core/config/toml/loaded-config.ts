/**
 * A config as Stalwart holds it after reading its file: a map of flattened keys sorted as
 * its `BTreeMap<String, String>` (by UTF-8 bytes, i.e. by code point), each with the
 * place of its key and value in the text. Loading refuses what Stalwart's parser refuses
 * (`CoreError` `toml_syntax`, with Stalwart's message) and what breaks a frozen limit
 * (`config_limit`); `notes` holds what it noticed without refusing the file.
 */
import { CoreError, CoreErrorCode, type Diagnostic } from "../../errors";
import { count, LIMITS, limitMessage } from "../../limits";
import { utf8Exceeds, utf8Length } from "../../utf8";
import { Cursor } from "./cursor";
import type { KeyRule } from "./keys";
import { resolveMacros } from "./macros";
import { type ConfigEntry, type ParsedConfig, parseConfig, type Span } from "./parser";

export type { KeyRule } from "./keys";
export type { ConfigEntry, Span } from "./parser";

export interface LoadedConfig {
  readonly text: string;
  /** Every key, sorted as Stalwart's keys are. */
  readonly keys: readonly string[];
  /** The entries, in the order of `keys`. */
  readonly entries: readonly ConfigEntry[];
  /** Findings of loading that do not stop Stalwart (a missing last line end, macros). */
  readonly notes: readonly Diagnostic[];
  get(key: string): ConfigEntry | undefined;
  has(key: string): boolean;
  /** The keys starting with `prefix`, sorted. */
  keysUnder(prefix: string): readonly string[];
  /** The entries of `keysUnder(prefix)`. */
  entriesUnder(prefix: string): readonly ConfigEntry[];
  /** Where the array or inline table written for `key` sits, if one was. */
  container(key: string): Span | undefined;
}

export interface LoadOptions {
  /** Which unquoted key characters Stalwart accepts (keys.ts); v0.12.5's by default. */
  readonly keyRule?: KeyRule;
}

export function loadConfig(text: string, options: LoadOptions = {}): LoadedConfig {
  if (utf8Exceeds(text, LIMITS.configBytes)) {
    throw new CoreError(
      CoreErrorCode.ConfigLimit,
      limitMessage(
        `The config is ${count(utf8Length(text))} bytes of UTF-8`,
        LIMITS.configBytes,
        "bytes",
      ),
      { start: 0, end: 0 },
    );
  }
  const notes: Diagnostic[] = [];
  const { entries, containers } = parseAsFile(text, options.keyRule ?? "v0.12", notes);
  if (entries.size > LIMITS.configKeys) {
    throw new CoreError(
      CoreErrorCode.ConfigLimit,
      limitMessage(`The config has ${count(entries.size)} keys`, LIMITS.configKeys, "keys"),
      { start: 0, end: 0 },
    );
  }
  const order = keyOrder(text);
  const sorted = [...entries.values()].sort(byKey(order));
  resolveMacros(entries, sorted, notes);
  const get = (key: string) => entries.get(key);
  return indexed(text, sorted, get, order, (key) => containers.get(key), notes);
}

/**
 * A config of entries read some other way (a flat JSON settings export), or `base` with
 * entries added under it (Stalwart's `config.keys.entry(key).or_insert(value)`: a key
 * already there keeps its value). Keys are sorted as Stalwart sorts them.
 */
export function configOf(
  text: string,
  entries: Iterable<ConfigEntry>,
  base?: LoadedConfig,
): LoadedConfig {
  const added = new Map<string, ConfigEntry>();
  for (const entry of entries) {
    if (!base?.has(entry.key) && !added.has(entry.key)) added.set(entry.key, entry);
  }
  const order =
    [...added.keys()].some((k) => WIDE.test(k)) || base?.keys.some((k) => WIDE.test(k))
      ? compareKeys
      : nativeOrder;
  // `base`'s entries are sorted already: the added ones are sorted and merged in.
  const sorted = merge(base?.entries ?? [], [...added.values()].sort(byKey(order)), order);
  const get = (key: string) => base?.get(key) ?? added.get(key);
  const container = (key: string) => base?.container(key);
  return indexed(text, sorted, get, order, container, base?.notes ?? []);
}

/** Two lists of entries sorted by key as one. */
function merge(a: readonly ConfigEntry[], b: readonly ConfigEntry[], order: Order): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    const x = a[i];
    const y = b[j];
    if (x === undefined && y === undefined) return out;
    if (y === undefined || (x !== undefined && order(x.key, y.key) <= 0)) {
      if (x !== undefined) out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
}

/** The lookups of a config over its entries, sorted by key, and a map of them. */
function indexed(
  text: string,
  sorted: readonly ConfigEntry[],
  get: (key: string) => ConfigEntry | undefined,
  order: Order,
  container: (key: string) => Span | undefined,
  notes: readonly Diagnostic[],
): LoadedConfig {
  const keys = sorted.map((entry) => entry.key);
  // The keys under `prefix` are a run of the sorted keys: its two ends, each found by halving.
  const under = (prefix: string): [number, number] => {
    const from = firstIndex(keys, 0, (key) => order(key, prefix) >= 0);
    return [from, firstIndex(keys, from, (key) => !key.startsWith(prefix))];
  };
  return {
    text,
    keys,
    entries: sorted,
    notes,
    get,
    has: (key) => get(key) !== undefined,
    keysUnder: (prefix) => keys.slice(...under(prefix)),
    entriesUnder: (prefix) => sorted.slice(...under(prefix)),
    container,
  };
}

/** The part of a key before its first dot (all of it without one). */
export function firstSegment(key: string): string {
  const dot = key.indexOf(".");
  return dot < 0 ? key : key.slice(0, dot);
}

/**
 * Parses `text` as Stalwart reads a file. Stalwart's parser needs a line end after the
 * last value (`Unexpected EOF at line: N` without one); a file on disk has it, a text
 * pasted into the editor or a JSON string often does not. Such a text is read as if the
 * line end were there, with a warning that says what Stalwart does with it as it is.
 * Adding a line end changes nothing before the end of the text, so it only helps a text
 * that failed for want of one.
 */
function parseAsFile(text: string, rule: KeyRule, notes: Diagnostic[]): ParsedConfig {
  try {
    return parseConfig(new Cursor(text), rule);
  } catch (err) {
    if (!(err instanceof CoreError) || text.endsWith("\n")) throw err;
    let parsed: ParsedConfig;
    try {
      parsed = parseConfig(new Cursor(`${text}\n`), rule);
    } catch {
      throw err;
    }
    notes.push({
      severity: "warning",
      code: "toml_missing_final_newline",
      message: `Stalwart refuses this text as it is (${err.message}): its parser needs a line end after the last value. A file saved by an editor ends with one, so the playground reads the config as if it were there.`,
      start: text.length,
      end: text.length,
    });
    return parsed;
  }
}

/**
 * Code point order of two strings, Stalwart's key order (a BTreeMap of UTF-8 strings).
 * UTF-16 order agrees except where a surrogate (a code point above U+FFFF) meets a unit
 * of U+E000–U+FFFF: at the first differing unit, surrogates are moved above those.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

type Order = (a: string, b: string) => number;

/**
 * The comparison of `text`'s keys: without a character from U+D800 up, the engine's own
 * `<` is code point order. (compareKeys alone took the 300-line config past its 1 ms
 * budget: npm run bench.)
 */
function keyOrder(text: string): Order {
  return WIDE.test(text) ? compareKeys : nativeOrder;
}

/** Characters from U+D800 up, where UTF-16 order and code point order can differ. */
const WIDE = /[\uD800-\uFFFF]/;
const nativeOrder: Order = (a, b) => (a < b ? -1 : a === b ? 0 : 1);

/** Entries compared by their keys. */
const byKey =
  (order: Order) =>
  (a: ConfigEntry, b: ConfigEntry): number =>
    order(a.key, b.key);

/** The first index from `from` on where `past` holds, `past` being false and then true. */
function firstIndex(keys: readonly string[], from: number, past: (key: string) => boolean): number {
  let lo = from;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (past(keys[mid] ?? "")) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Loads a Stalwart TOML config: smol-toml decides whether the text is TOML at all
 * (Stalwart refuses to start on a file it cannot read) unless toml-subset.ts is sure it
 * would accept it, then `Flattener` turns it into Stalwart's sorted map of dotted keys,
 * with the source position of every key and value.
 */
import { parse, TomlError } from "smol-toml";
import { CoreError, CoreErrorCode, type Diagnostic } from "../errors";
import { LIMITS } from "../limits";
import { boundedUtf8Length, utf8Length } from "../utf8";
import type { Container, FlatEntry, KeyValue } from "./flat-entry";
import type { IfBlock } from "./if-block";
import { byKey, keysWithPrefix, prefixEnd, prefixIndex, sortEntries } from "./key-order";
import type { Setting } from "./settings";
import { Flattener } from "./toml-flatten";
import { isCertainlyValidToml, SMOL_MAX_DEPTH } from "./toml-subset";

export interface ConfigEntry extends KeyValue {
  /**
   * Source offset of the i-th UTF-16 unit of `value`. For strings it follows escapes and
   * multi-line strings; a raw scalar is its own text, so it is `valueStart + i`.
   * `i === value.length` gives the end of the content; out-of-range `i` is clamped.
   */
  sourceOffset(i: number): number;
}

/** An if-block read from a config, with the diagnostics its reading reported. */
export interface ReadBlock {
  readonly block: IfBlock;
  readonly diagnostics: readonly Diagnostic[];
}

export interface LoadedConfig {
  readonly text: string;
  /**
   * The if-blocks read from this config so far, by setting (see readIfBlock). Held by the
   * config itself, so they die with it: in a module-level WeakMap keyed by the config,
   * each evaluation's config and blocks (~2 MB for the 2,000-line config) survived every
   * scavenge until a mark-compact, so each scavenge copied and promoted them (V8's
   * --trace-gc-nvp in the bench: promoted 2.2 MB and 6-10 ms per scavenge, against none
   * and 1-4 ms with the map held here).
   */
  readonly readBlocks: Map<Setting<unknown>, ReadBlock>;
  /** Sorted as Stalwart's BTreeMap: by UTF-8 bytes, i.e. by code point. */
  readonly keys: readonly string[];
  /** The entries, in the order of `keys`. */
  readonly entries: readonly ConfigEntry[];
  get(key: string): ConfigEntry | undefined;
  has(key: string): boolean;
  /** Keys that start with `prefix` (sorted). */
  keysUnder(prefix: string): readonly string[];
  /**
   * The same, not remembered: for prefixes asked once (`remote.<id>.`), where keeping
   * the answer would only cost a hash of the fresh prefix string.
   */
  keysStartingWith(prefix: string): readonly string[];
  /** Index in `keys` of the first key not below `prefix` (where its keys start, if any). */
  keyIndex(prefix: string): number;
  /** Index in `keys` just past the keys starting with `prefix`, from `keyIndex(prefix)`. */
  keyEnd(prefix: string, from: number): number;
  /** The entries of `keysUnder(prefix)`, in the same order (remembered too). */
  entriesUnder(prefix: string): readonly ConfigEntry[];
  /** Entries whose string Stalwart reads otherwise than TOML (`tomlValue` set), by key. */
  readonly tomlMismatches: readonly ConfigEntry[];
  /** Where the TOML array or inline table written for `key` sits, if one was. */
  container(key: string): Container | undefined;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** smol-toml reports 1-based line/column, splitting lines at `\r?\n`. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + Math.max(column - 1, 0), text.length);
}

export function loadConfig(text: string): LoadedConfig {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short texts need no count, and an ASCII text
  // is as many bytes as units (then no key has a surrogate either).
  let bytes = -1;
  if (text.length * 3 > LIMITS.configBytes && text.length <= LIMITS.configBytes) {
    bytes = boundedUtf8Length(text, LIMITS.configBytes);
  }
  const ascii = bytes === text.length;
  if (text.length > LIMITS.configBytes || bytes > LIMITS.configBytes) {
    throw new CoreError(
      CoreErrorCode.ConfigLimit,
      `Config too large: at most ${LIMITS.configBytes} bytes allowed, found ${utf8Length(text)}`,
      { start: 0, end: 0 },
    );
  }
  try {
    // smol-toml's parse only judges here (its result is not used), and was ~30% of the
    // core's CPU on the 2,000-line config: a text the subset recognizer is sure smol-toml
    // accepts skips it. Anything else, valid or not, is still judged by smol-toml, so the
    // errors (code, message, position) are the same.
    if (!isCertainlyValidToml(text)) parse(text, { maxDepth: SMOL_MAX_DEPTH });
  } catch (err) {
    if (err instanceof TomlError) {
      const at = offsetOf(text, err.line, err.column);
      const message = (err.message.split("\n")[0] ?? "").replace(/^Invalid TOML document: /, "");
      throw new CoreError(CoreErrorCode.TomlSyntax, `Invalid TOML: ${message}`, {
        start: at,
        end: Math.min(at + 1, text.length),
      });
    }
    // Anything else smol-toml throws (e.g. too deep) is still "cannot be read".
    throw new CoreError(CoreErrorCode.TomlSyntax, "Invalid TOML: the document cannot be read", {
      start: 0,
      end: 0,
    });
  }
  const flattener = new Flattener(text);
  flattener.run();
  // Every key is made of the text's own characters (plus `.` and digits; lower-casing
  // maps no BMP character outside the BMP), so a text without a surrogate has keys
  // without one: one native scan of the text instead of a char loop over every key
  // (that loop showed in the bench profile of the 2,000-line config).
  const plain = ascii || !SURROGATE.test(text);
  const entries: readonly FlatEntry[] = sortEntries(flattener.list, plain);
  const keys: string[] = new Array<string>(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const key = entries[i]?.key ?? "";
    // Sorted, so a key stored twice sits next to itself: reported in text order.
    if (i > 0 && keys[i - 1] === key) flattener.duplicateCheck();
    keys[i] = key;
  }
  if (entries.length > LIMITS.configKeys) {
    throw new CoreError(
      CoreErrorCode.ConfigLimit,
      `Too many config keys: at most ${LIMITS.configKeys} allowed, found ${entries.length}`,
      { start: 0, end: 0 },
    );
  }
  // A key's entry by binary search in the sorted keys: few lookups per evaluation (walks
  // use `entries` by index), so no map is built for them.
  const get = (key: string): ConfigEntry | undefined => {
    const i = prefixIndex(keys, key, plain);
    return keys[i] === key ? entries[i] : undefined;
  };
  let containers: Map<string, Container> | undefined;
  // Settings, the lint and relays ask for the same prefixes again; a config never changes.
  const under = new Map<string, readonly string[]>();
  const keysUnder = (prefix: string): readonly string[] => {
    let found = under.get(prefix);
    if (found === undefined) {
      found = keysWithPrefix(keys, prefix, plain);
      under.set(prefix, found);
    }
    return found;
  };
  // The lint and the if-block reader both walk a setting's entries: sliced once.
  const entriesByPrefix = new Map<string, readonly ConfigEntry[]>();
  const tomlMismatches = flattener.tomlMismatches.sort(byKey);
  return {
    text,
    readBlocks: new Map(),
    keys,
    tomlMismatches,
    entries,
    get,
    has: (key) => get(key) !== undefined,
    keysUnder,
    entriesUnder: (prefix) => {
      let found = entriesByPrefix.get(prefix);
      if (found === undefined) {
        // The same index range as the keys: no lookup per key, no list of keys.
        const from = prefixIndex(keys, prefix, plain);
        found = entries.slice(from, prefixEnd(keys, prefix, from));
        entriesByPrefix.set(prefix, found);
      }
      return found;
    },
    keysStartingWith: (prefix) => keysWithPrefix(keys, prefix, plain),
    keyIndex: (prefix) => prefixIndex(keys, prefix, plain),
    keyEnd: (prefix, from) => prefixEnd(keys, prefix, from),
    container: (key) => {
      if (containers === undefined) {
        // Asked by error hints only: the same text flattened again, recording them.
        const again = new Flattener(text, true);
        again.run();
        containers = new Map();
        for (const c of again.containers) containers.set(c.key, c);
      }
      return containers.get(key);
    },
  };
}

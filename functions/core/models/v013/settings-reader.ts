/**
 * Stalwart v0.13–v0.15's way of reading its settings (`Config` in
 * crates/utils/src/config/utils.rs @v0.15.5): `property` (absent is fine, a bad value is
 * logged and ignored), `property_require` (absent is logged as "Missing property"),
 * `properties` (every key under a prefix parsed on its own), `sub_keys` and
 * `sub_keys_with_suffixes` (how named definitions are discovered). Each error Stalwart
 * would log becomes a diagnostic with Stalwart's text, placed at the value (keys from the
 * database's defaults have no place).
 */
import type { ConfigEntry, LoadedConfig } from "../../config/toml/loaded-config";
import type { Diagnostic } from "../../errors";
import type { Written } from "../strategy-config";

/** A Stalwart `ParseValue`: the value, or Stalwart's error text. */
export type ParseValue<T> = (value: string) => { readonly value: T } | { readonly error: string };

/** Codes of what Stalwart logs while reading v0.13 settings. */
export const SettingsCode = {
  /** `Missing property`: a required key is absent (or, for `type`, empty). */
  Missing: "setting_missing",
  /** A value `ParseValue` refuses (`Invalid IP address value "…".` and the like). */
  Invalid: "setting_invalid",
} as const;

export class SettingsReader {
  constructor(
    readonly config: LoadedConfig,
    /** Keys that come from the database's defaults: no place in the text. */
    private readonly defaulted: ReadonlySet<string>,
    readonly diagnostics: Diagnostic[],
  ) {}

  value(key: string): string | undefined {
    return this.config.get(key)?.value;
  }

  has(key: string): boolean {
    return this.config.has(key);
  }

  /** Where `key`'s value was written; undefined for a database default or an absent key. */
  written(key: string): Written | undefined {
    const entry = this.config.get(key);
    if (entry === undefined || this.defaulted.has(key)) return undefined;
    return { key, start: entry.valueStart, end: entry.valueEnd };
  }

  /** Where a definition was written: the first of its keys written in the text. */
  writtenUnder(prefix: string): Written | undefined {
    for (const entry of this.config.entriesUnder(prefix)) {
      if (!this.defaulted.has(entry.key))
        return { key: prefix.slice(0, -1), start: entry.keyStart, end: entry.keyEnd };
    }
    return undefined;
  }

  /**
   * A diagnostic about `key`, placed at its value when it was written, else (a missing
   * key) at the first written key of the nearest block holding it.
   */
  report(severity: Diagnostic["severity"], code: string, key: string, message: string): void {
    const at = this.written(key) ?? this.nearest(key);
    this.diagnostics.push({
      severity,
      code,
      message,
      key,
      ...(at ? { start: at.start, end: at.end } : {}),
    });
  }

  private nearest(key: string): Written | undefined {
    const segments = key.split(".");
    for (let n = segments.length - 1; n >= 2; n--) {
      const at = this.writtenUnder(`${segments.slice(0, n).join(".")}.`);
      if (at !== undefined) return at;
    }
    return undefined;
  }

  /**
   * `Config::property`: absent → undefined; a bad value is logged and ignored.
   * `consequence` says what Stalwart does then ("it uses 25").
   */
  property<T>(key: string, parse: ParseValue<T>, consequence: string): T | undefined {
    const value = this.value(key);
    return value === undefined ? undefined : this.parsed(key, value, parse, consequence);
  }

  /** `Config::property_require`: like `property`, but an absent key is logged. */
  propertyRequire<T>(key: string, parse: ParseValue<T>, consequence: string): T | undefined {
    const value = this.value(key);
    if (value === undefined) {
      this.report("error", SettingsCode.Missing, key, `Missing property: ${consequence}`);
      return undefined;
    }
    return this.parsed(key, value, parse, consequence);
  }

  /** `Config::properties`: the key itself and every key under it, each parsed on its own. */
  properties<T>(
    key: string,
    parse: ParseValue<T>,
    consequence: string,
  ): { key: string; value: T }[] {
    return this.parseEach(this.entries(key), parse, consequence);
  }

  /** The entry of `key` and those under `key.`, in key order (what `properties` reads). */
  entries(key: string): ConfigEntry[] {
    const under = `${key}.`;
    return this.config
      .entriesUnder(key)
      .filter((entry) => entry.key === key || entry.key.startsWith(under));
  }

  /** Each entry parsed on its own; a bad one is logged and left out. */
  parseEach<T>(
    entries: readonly ConfigEntry[],
    parse: ParseValue<T>,
    consequence: string,
  ): { key: string; value: T }[] {
    const out: { key: string; value: T }[] = [];
    for (const entry of entries) {
      const value = this.parsed(entry.key, entry.value, parse, consequence);
      if (value !== undefined) out.push({ key: entry.key, value });
    }
    return out;
  }

  /** `Config::sub_keys(prefix, suffix)`: the ids of `prefix.<id><suffix>` keys, in key order. */
  subKeys(prefix: string, suffix: string): string[] {
    return this.subKeysWithSuffixes(prefix, [suffix]);
  }

  /** `Config::sub_keys_with_suffixes`: the first suffix that ends a key gives its id. */
  subKeysWithSuffixes(prefix: string, suffixes: readonly string[]): string[] {
    const ids: string[] = [];
    let last: string | undefined;
    for (const key of this.config.keysUnder(`${prefix}.`)) {
      const rest = key.slice(prefix.length + 1);
      const suffix = suffixes.find((s) => rest.endsWith(s));
      if (suffix === undefined) continue;
      const id = rest.slice(0, rest.length - suffix.length);
      if (id !== last) ids.push(id);
      last = id;
    }
    return ids;
  }

  private parsed<T>(
    key: string,
    value: string,
    parse: ParseValue<T>,
    consequence: string,
  ): T | undefined {
    const result = parse(value);
    if ("value" in result) return result.value;
    this.report(
      "error",
      SettingsCode.Invalid,
      key,
      `${result.error} Stalwart logs it: ${consequence}`,
    );
    return undefined;
  }
}

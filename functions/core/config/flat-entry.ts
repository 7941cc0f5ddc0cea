/**
 * A flattened config key and where it sits in the TOML text (toml-flatten.ts makes them).
 */
/** Where a flattened key, and the value written for it, sit in the TOML text. */
export interface KeySpan {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** A flattened key with its value as Stalwart's reader stores it. */
export interface KeyValue extends KeySpan {
  readonly value: string;
  readonly isString: boolean;
  /** Set when a TOML parser would read this string differently from Stalwart. */
  readonly tomlValue?: string;
}

/**
 * A flattened key, with `sourceOffset` (see ConfigEntry). Most strings have no escape and
 * no `\r`, so their unit i sits at `linearStart + i` and need no offset array (one per
 * string showed in the bench profile); the others carry the map their decoding built.
 */
export class FlatEntry implements KeyValue {
  tomlValue?: string;

  constructor(
    readonly key: string,
    readonly value: string,
    readonly keyStart: number,
    readonly keyEnd: number,
    readonly valueStart: number,
    readonly valueEnd: number,
    readonly isString: boolean,
    /** Offset of unit 0 when units map one to one onto the source, else -1. */
    private readonly linearStart: number,
    private readonly offsets?: readonly number[],
  ) {}

  sourceOffset(i: number): number {
    const idx = Math.max(0, Math.min(Number.isFinite(i) ? Math.trunc(i) : 0, this.value.length));
    if (this.offsets === undefined) return this.linearStart + idx;
    return this.offsets[idx] ?? this.valueEnd;
  }
}

/** Where an array or inline table (`k = [ … ]`, `k = { … }`) sits. */
export type Container = KeySpan;

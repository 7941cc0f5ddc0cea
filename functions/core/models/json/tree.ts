/**
 * A JSON value with the place of every node in the submitted text (UTF-16 offsets, as
 * everywhere in the core), made by `json/parse.ts` from jsonc-parser's tree. Readers keep
 * these nodes so a diagnostic can point at the object, the field or the very character of
 * an expression string that it is about.
 */

export interface JsonSpan {
  readonly start: number;
  readonly end: number;
}

export interface JsonMember {
  readonly key: string;
  /** The key token, quotes included. */
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: JsonNode;
}

export interface JsonObject extends JsonSpan {
  readonly kind: "object";
  /** In source order; a repeated key appears twice (the last one is the one read). */
  readonly members: readonly JsonMember[];
}

export interface JsonArray extends JsonSpan {
  readonly kind: "array";
  readonly items: readonly JsonNode[];
}

export interface JsonNumber extends JsonSpan {
  readonly kind: "number";
  readonly value: number;
}

export interface JsonLiteral extends JsonSpan {
  readonly kind: "boolean" | "null";
  readonly value: boolean | null;
}

/**
 * A string token (`start`/`end` include the quotes) and its decoded value. `sourceOffset(i)`
 * is where unit `i` of the value was written, escapes included, so a column inside an
 * expression maps back to the text; `sourceOffset(value.length)` is the closing quote.
 */
export class JsonString implements JsonSpan {
  readonly kind = "string";

  constructor(
    readonly value: string,
    readonly start: number,
    readonly end: number,
    /** Offset of each unit when the token has escapes; absent when unit i is at start+1+i. */
    private readonly offsets?: readonly number[],
  ) {}

  sourceOffset(i: number): number {
    const idx = Math.max(0, Math.min(Number.isFinite(i) ? Math.trunc(i) : 0, this.value.length));
    if (this.offsets === undefined) return this.start + 1 + idx;
    return this.offsets[idx] ?? this.end - 1;
  }
}

export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonLiteral;

/** The member `key` of an object as JSON readers see it: the last one written. */
export function member(node: JsonNode | undefined, key: string): JsonMember | undefined {
  if (node?.kind !== "object") return undefined;
  for (let i = node.members.length - 1; i >= 0; i--) {
    const m = node.members[i];
    if (m?.key === key) return m;
  }
  return undefined;
}

/** The string value of member `key`, if it is a string. */
export function memberString(node: JsonNode | undefined, key: string): string | undefined {
  const value = member(node, key)?.value;
  return value?.kind === "string" ? value.value : undefined;
}

/**
 * The node at `path` (object keys; array indices as numbers or numeric strings), as a
 * validator's issue path names it.
 */
export function nodeAt(node: JsonNode, path: readonly PropertyKey[]): JsonNode | undefined {
  let current: JsonNode | undefined = node;
  for (const step of path) {
    if (current === undefined) return undefined;
    if (current.kind === "object") current = member(current, String(step))?.value;
    else if (current.kind === "array") current = current.items[Number(step)];
    else return undefined;
  }
  return current;
}

/**
 * The plain value (what `JSON.parse` gives). Objects are built with `Object.fromEntries`,
 * so a `"__proto__"` key is an own property and the last of repeated keys wins.
 */
export function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case "object":
      return Object.fromEntries(node.members.map((m) => [m.key, toPlain(m.value)]));
    case "array":
      return node.items.map(toPlain);
    default:
      return node.value;
  }
}

/** The JSON text of a node, cut to `max` characters, for "found …" in messages. */
export function excerpt(text: string, node: JsonSpan, max = 60): string {
  const raw = text.slice(node.start, node.end).replace(/\s+/g, " ");
  return raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
}

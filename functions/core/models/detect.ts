/**
 * Which Stalwart version a config is written for, from what it holds (issue 14, design
 * "Auto-detection"), with the evidence named and placed:
 * - TOML (or web-admin keys): v0.13 when any key is under `queue.strategy`, `queue.route`,
 *   `queue.connection` or `queue.source-ip` (read only by v0.13–v0.15), else v0.12;
 * - JSON: v0.16 for registry objects (bare, in arrays, plan lines, JMAP responses); for a
 *   flat key → value settings export, v0.13 when it holds a v0.13 key, v0.12 when it holds
 *   only ≤ v0.12 outbound keys (a v0.13+ server's export always holds v0.13 keys: the
 *   boot defaults are in its database), v0.13 otherwise (the export format of v0.13–v0.15).
 * Pure: the TOML keys come from whichever parser read them (with their positions).
 */
import { lineColumn } from "../config/positions";
import { type JsonDocument, parseJsonValues } from "./json/parse";
import type { JsonNode } from "./json/tree";
import { member } from "./json/tree";
import { isV012Key, isV013Key, type KeyPosition, type Model } from "./model-keys";
import { readFlatJson } from "./v013/flat-json";

export type { KeyPosition, Model } from "./model-keys";
export { textKind } from "./text-kind";

export type DetectInput =
  | { readonly kind: "toml"; readonly text: string; readonly keys: readonly KeyPosition[] }
  /** `doc`: the text already parsed (the readers then use the same parse). */
  | { readonly kind: "json"; readonly text: string; readonly doc?: JsonDocument };

export interface Detection {
  readonly model: Model;
  /** One sentence naming the evidence and its line. */
  readonly reason: string;
  readonly evidence?: { readonly key?: string; readonly start: number; readonly end: number };
}

export function detectModel(input: DetectInput): Detection {
  return input.kind === "toml"
    ? fromKeys(input.text, input.keys, "")
    : fromJson(input.text, input.doc ?? parseJsonValues(input.text));
}

const line = (text: string, offset: number): number => lineColumn(text, offset).line;

function firstKey(
  keys: readonly KeyPosition[],
  test: (key: string) => boolean,
): KeyPosition | undefined {
  let first: KeyPosition | undefined;
  for (const k of keys)
    if (test(k.key) && (first === undefined || k.keyStart < first.keyStart)) first = k;
  return first;
}

function evidence(k: KeyPosition) {
  return { key: k.key, start: k.keyStart, end: k.keyEnd };
}

/** `source` names the form of a flat JSON export ("" for TOML). */
function fromKeys(text: string, keys: readonly KeyPosition[], source: string): Detection {
  const v013 = firstKey(keys, isV013Key);
  if (v013 !== undefined) {
    return {
      model: "v0.13",
      reason: `${source}\`${v013.key}\` at line ${line(text, v013.keyStart)} is read only by Stalwart v0.13–v0.15`,
      evidence: evidence(v013),
    };
  }
  const v012 = firstKey(keys, isV012Key);
  if (v012 !== undefined) {
    return {
      model: "v0.12",
      reason: `${source}\`${v012.key}\` at line ${line(text, v012.keyStart)} is a Stalwart ≤ v0.12 key, and no key is under queue.strategy, queue.route, queue.connection or queue.source-ip`,
      evidence: evidence(v012),
    };
  }
  if (source !== "") {
    return {
      model: "v0.13",
      reason: `${source}no outbound key either way: read as v0.13–v0.15, whose settings exports have this form`,
    };
  }
  return {
    model: "v0.12",
    reason:
      "No key under queue.strategy, queue.route, queue.connection or queue.source-ip (read only by Stalwart v0.13–v0.15): read as ≤ v0.12",
  };
}

/**
 * Whether a JSON value is a flat settings map (or an export envelope holding one). Setting
 * keys are dotted names; registry fields are not (`{"defaultHostname": …}` is a bare
 * SystemSettings, `{"@type":"destroy",…}` a plan line), so a map of scalars is a
 * settings export only when a key has a dot.
 */
function isFlatSettings(root: JsonNode): boolean {
  if (member(root, "@type") !== undefined) return false;
  const items = member(member(root, "data")?.value ?? root, "items")?.value;
  if (items?.kind === "object" || items?.kind === "array") return true;
  if (root.kind === "array")
    return root.items.length > 0 && root.items.every((i) => member(i, "_id") !== undefined);
  return (
    root.kind === "object" &&
    root.members.some((m) => m.key.includes(".")) &&
    root.members.every((m) => m.value.kind !== "object" && m.value.kind !== "array")
  );
}

function fromJson(text: string, doc: JsonDocument): Detection {
  const values = doc.values;
  const root = values[0];
  if (root === undefined) {
    return {
      model: "v0.16",
      reason:
        "JSON text with no readable value: read as Stalwart v0.16 registry objects, the JSON-only version",
    };
  }
  const at = { start: root.start, end: root.start + 1 };
  // Several values back to back are NDJSON plan lines; an export is one object.
  if (values.length === 1 && isFlatSettings(root)) {
    const flat = readFlatJson(text, doc);
    return fromKeys(text, flat.entries, "A flat settings export (key → value JSON): ");
  }
  return {
    model: "v0.16",
    reason: `JSON registry objects at line ${line(text, root.start)}: only Stalwart v0.16 is configured with them`,
    evidence: at,
  };
}

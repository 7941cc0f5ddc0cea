/**
 * Stalwart v0.13–v0.15 settings as flat key/value JSON, the forms users export them in
 * (spec stalwart-strategy.md §1.4) → the flattened, sorted entries the TOML reader gives:
 * - `settings.json` of `migrate_v016.py dump`: `{"queue.route.mx.type": "mx", …}`, full
 *   keys (resources/scripts/migrate_v016.py @v0.16.18:128-167, 235-300);
 * - `GET /api/settings/list?prefix=…`: `{"data":{"total":N,"items":{…}}}`, or its `items`
 *   alone, keys with the prefix and its dot stripped (crates/http/src/management/
 *   settings.rs @v0.15.5:188-222; `?prefix=queue` gives `strategy.route.0.if`);
 * - the same list as `[{"_id": key, "_value": value}, …]` (settings.rs:150-176).
 * A stripped prefix is added back (`queue.`, or `queue.strategy.` when the keys are the
 * four selectors), with an info diagnostic. Keys are sorted as Stalwart's BTreeMap sorts
 * them: by UTF-8 bytes.
 */
import { compareKeys } from "../../config/toml/loaded-config";
import type { Diagnostic } from "../../errors";
import { ModelCode } from "../codes";
import { type JsonDocument, parseJsonValues } from "../json/parse";
import { excerpt, type JsonNode, JsonString, member } from "../json/tree";

/** One setting with where its key and value were written (as config/flat-entry.ts has). */
export interface FlatJsonEntry {
  readonly key: string;
  readonly value: string;
  /** The key token, quotes included; for a re-prefixed key, the part written. */
  readonly keyStart: number;
  readonly keyEnd: number;
  /** The value token (a string's quotes included). */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** Whether the value was a JSON string (Stalwart stores strings only). */
  readonly isString: boolean;
  /** Where unit i of `value` was written, escapes included. */
  sourceOffset(i: number): number;
}

export interface FlatJson {
  readonly entries: readonly FlatJsonEntry[];
  /** The prefix added back to every key, if the export had stripped one. */
  readonly prefixAdded: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** The first segment of every key under `queue.` that v0.12–v0.15 read. */
const QUEUE_SUBKEYS = new Set([
  "strategy",
  "route",
  "connection",
  "tls",
  "schedule",
  "source-ip",
  "virtual",
  "limiter",
  "quota",
  "outbound",
  "throttle",
  "hash",
  "path",
]);

const SELECTOR_KEY = /^(route|connection|tls|schedule)(\.\d+\.(if|then|else))?$/;

interface RawEntry {
  readonly key: string;
  readonly keyNode: { start: number; end: number };
  readonly value: JsonNode;
}

/** `doc`: the text already parsed, if it was. */
export function readFlatJson(text: string, doc: JsonDocument = parseJsonValues(text)): FlatJson {
  const diagnostics = [...doc.diagnostics];
  const [root, extra] = doc.values;
  if (extra !== undefined) {
    diagnostics.push(
      shapeError(extra, "A settings export is one JSON object; this second value is not read"),
    );
  }
  const raw = root === undefined ? [] : rawEntries(text, root, diagnostics);
  const prefix = strippedPrefix(raw.map((e) => e.key));
  if (prefix !== undefined && raw.length > 0) {
    diagnostics.push({
      severity: "info",
      code: ModelCode.FlatPrefixAdded,
      message: `No key starts with "queue.": read as an /api/settings/list export of the "${prefix.slice(0, -1)}" prefix, whose keys Stalwart returns without it; "${prefix}" is added back (e.g. "${raw[0]?.key}" is read as "${prefix}${raw[0]?.key}")`,
      start: root?.start,
      end: root === undefined ? undefined : root.start + 1,
    });
  }
  const entries = raw.flatMap((e) => entry(text, e, prefix ?? "", diagnostics));
  entries.sort((a, b) => compareKeys(a.key, b.key));
  return { entries, prefixAdded: prefix, diagnostics };
}

/** The map of settings inside whichever envelope holds it. */
function rawEntries(text: string, root: JsonNode, out: Diagnostic[]): RawEntry[] {
  const data = member(root, "data")?.value;
  const items = member(data ?? root, "items")?.value;
  const map = items ?? root;
  if (map.kind === "array") return map.items.flatMap((item) => idValue(text, item, out));
  if (map.kind !== "object") {
    out.push(
      shapeError(
        map,
        `Expected settings as a JSON object of key → value; found ${excerpt(text, map)}`,
      ),
    );
    return [];
  }
  return map.members.map((m) => ({
    key: m.key,
    keyNode: { start: m.keyStart, end: m.keyEnd },
    value: m.value,
  }));
}

/** One `{"_id": key, "_value": value}` item. */
function idValue(text: string, item: JsonNode, out: Diagnostic[]): RawEntry[] {
  const id = member(item, "_id")?.value;
  const value = member(item, "_value")?.value;
  if (id?.kind === "string" && value !== undefined) return [{ key: id.value, keyNode: id, value }];
  out.push(
    shapeError(item, `Expected {"_id": key, "_value": value}; found ${excerpt(text, item)}`),
  );
  return [];
}

/** `queue.` or `queue.strategy.` when every key lacks it and fits under it. */
function strippedPrefix(keys: readonly string[]): string | undefined {
  if (keys.length === 0 || keys.some((k) => k.startsWith("queue."))) return undefined;
  if (keys.every((k) => SELECTOR_KEY.test(k))) return "queue.strategy.";
  return keys.every((k) => QUEUE_SUBKEYS.has(k.split(".", 1)[0] ?? "")) ? "queue." : undefined;
}

function entry(text: string, raw: RawEntry, prefix: string, out: Diagnostic[]): FlatJsonEntry[] {
  const v = raw.value;
  const key = prefix + raw.key;
  const at = {
    keyStart: raw.keyNode.start,
    keyEnd: raw.keyNode.end,
    valueStart: v.start,
    valueEnd: v.end,
  };
  if (v instanceof JsonString) {
    return [{ key, value: v.value, ...at, isString: true, sourceOffset: (i) => v.sourceOffset(i) }];
  }
  if (v.kind === "object" || v.kind === "array" || v.kind === "null") {
    out.push({
      ...shapeError(
        v,
        `"${key}" must be a string: Stalwart's settings are strings; ${v.kind === "null" ? "null" : `an ${v.kind}`} is not read`,
      ),
      key,
    });
    return [];
  }
  // The number as written (`5.0` stays "5.0"), or `true`/`false`.
  const value = text.slice(v.start, v.end);
  out.push({
    severity: "info",
    code: ModelCode.FlatNonString,
    message: `"${key}" is a JSON ${v.kind}: Stalwart stores every setting as a string, so it is read as "${value}"`,
    key,
    start: v.start,
    end: v.end,
  });
  return [
    {
      key,
      value,
      ...at,
      isString: false,
      sourceOffset: (i) => v.start + Math.max(0, Math.min(i, value.length)),
    },
  ];
}

function shapeError(node: { start: number; end: number }, message: string): Diagnostic {
  return {
    severity: "error",
    code: ModelCode.FlatShape,
    message,
    start: node.start,
    end: node.end,
  };
}

/**
 * Keys Stalwart does not read under `queue.outbound.` / `queue.schedule.` (a typo is the
 * usual cause), each with the closest key it does read.
 */
import type { Diagnostic } from "../../errors";
import type { Meter } from "../../meter";
import { SETTING_LIST } from "../settings";
import { TRANSPORT_SETTINGS } from "../settings-transport";
import type { LoadedConfig } from "../toml/loaded-config";
import { editDistance } from "./hints";

/** Keys Stalwart v0.12 reads under `queue.outbound.` and `queue.schedule.` (crates/common/src/config/smtp/queue.rs). */
const KNOWN_QUEUE_KEYS: readonly string[] = [
  ...SETTING_LIST.map((s) => s.key),
  ...Object.values(TRANSPORT_SETTINGS).map((s) => s.key),
];

const KNOWN_CELLS = KNOWN_QUEUE_KEYS.reduce((n, k) => n + k.length + 1, 0);

const KNOWN = new Set(KNOWN_QUEUE_KEYS);

/** Whether `key` is a known key or under one (`k` or `k.…`): its dot-prefixes looked up. */
function isKnown(key: string): boolean {
  for (let dot = key.indexOf("."); dot >= 0; dot = key.indexOf(".", dot + 1)) {
    if (KNOWN.has(key.slice(0, dot))) return true;
  }
  return KNOWN.has(key);
}

/**
 * Unknown keys under `queue.outbound.` / `queue.schedule.`, with the closest known key.
 * The search for it is charged to `meter`; past the budget the remaining keys are only
 * counted, in one `cost_limit` note.
 */
export function unknownKeys(config: LoadedConfig, meter: Meter): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const prefix of ["queue.outbound.", "queue.schedule."]) {
    for (const entry of config.entriesUnder(prefix)) {
      if (isKnown(entry.key)) continue;
      const cost = suggestionCost(entry.key);
      if (!meter.allows(cost)) {
        skipped++;
        continue;
      }
      meter.charge(cost, "looking for the closest known key");
      const { name, guess } = closestKnown(entry.key);
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({
        severity: "warning",
        code: "unknown_key",
        message: `Stalwart does not read "${name}"${guess !== undefined ? `: did you mean "${guess}"?` : "."}`,
        key: entry.key,
        start: entry.keyStart,
        end: entry.keyEnd,
      });
    }
  }
  if (skipped > 0) {
    out.push({
      severity: "info",
      code: "cost_limit",
      message: `${skipped} more unknown keys were not checked: looking for the closest known key of each would go over the request's cost limit.`,
    });
  }
  return out;
}

/**
 * Cost units of finding the closest known key of `key` (meter.ts): the cells of its edit
 * distances to every known key, about 12 ns each on the bench machine.
 */
function suggestionCost(key: string): number {
  return (key.length + 1) * KNOWN_CELLS * 12;
}

/** The known key closest to `key` (compared on as many segments), and that part of `key`. */
function closestKnown(key: string): { name: string; guess?: string } {
  const head = (k: string, n: number) => k.split(".").slice(0, n).join(".");
  let guess: string | undefined;
  let best = 4;
  for (const k of KNOWN_QUEUE_KEYS) {
    const d = editDistance(head(key, k.split(".").length), k);
    if (d < best) [guess, best] = [k, d];
  }
  return guess === undefined ? { name: key } : { name: head(key, guess.split(".").length), guess };
}

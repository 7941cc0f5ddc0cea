/**
 * Keys Stalwart does not read under `queue.outbound.` / `queue.schedule.` (a typo is the
 * usual cause), each with the closest key it does read.
 */
import type { Diagnostic } from "../../errors";
import { SETTING_LIST } from "../settings";
import type { LoadedConfig } from "../toml/loaded-config";
import { editDistance } from "./hints";

/** Keys Stalwart v0.12 reads under `queue.outbound.` and `queue.schedule.` (crates/common/src/config/smtp/queue.rs). */
const KNOWN_QUEUE_KEYS: readonly string[] = [
  ...SETTING_LIST.map((s) => s.key),
  ...["dane", "mta-sts", "starttls", "allow-invalid-certs"].map((k) => `queue.outbound.tls.${k}`),
  ...["connect", "greeting", "tls", "ehlo", "mail-from", "rcpt-to", "data", "mta-sts"].map(
    (k) => `queue.outbound.timeouts.${k}`,
  ),
];

/** Whether `key` is a known key or under one (`k` or `k.…`). */
function isKnown(key: string): boolean {
  return KNOWN_QUEUE_KEYS.some(
    (k) => key.startsWith(k) && (key.length === k.length || key[k.length] === "."),
  );
}

/** Unknown keys under `queue.outbound.` / `queue.schedule.`, with the closest known key. */
export function unknownKeys(config: LoadedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const prefix of ["queue.outbound.", "queue.schedule."]) {
    for (const entry of config.entriesUnder(prefix)) {
      if (isKnown(entry.key)) continue;
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
  return out;
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

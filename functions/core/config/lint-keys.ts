/**
 * Keys Stalwart does not read under `queue.outbound.` / `queue.schedule.` (a typo is the
 * usual cause), each with the closest key it does read.
 */
import type { Diagnostic } from "../errors";
import { editDistance } from "./lint-hints";
import { SETTING_LIST } from "./settings";
import type { LoadedConfig } from "./toml-loader";

/** Keys Stalwart v0.12 reads under `queue.outbound.` and `queue.schedule.` (crates/common/src/config/smtp/queue.rs). */
const KNOWN_QUEUE_KEYS: readonly string[] = [
  ...SETTING_LIST.map((s) => s.key),
  ...["dane", "mta-sts", "starttls", "allow-invalid-certs"].map((k) => `queue.outbound.tls.${k}`),
  ...["connect", "greeting", "tls", "ehlo", "mail-from", "rcpt-to", "data", "mta-sts"].map(
    (k) => `queue.outbound.timeouts.${k}`,
  ),
];

const KNOWN = new Set(KNOWN_QUEUE_KEYS);

/**
 * The known key that `key` is or is under (`k` or `k.…`), found by looking its
 * dot-prefixes up in a set; undefined for an unknown key.
 */
function knownKeyOf(key: string): string | undefined {
  if (KNOWN.has(key)) return key;
  for (let dot = key.indexOf("."); dot >= 0; dot = key.indexOf(".", dot + 1)) {
    const prefix = key.slice(0, dot);
    if (KNOWN.has(prefix)) return prefix;
  }
  return undefined;
}

/** Unknown keys under `queue.outbound.` / `queue.schedule.`, with the closest known key. */
export function unknownKeys(config: LoadedConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // Both ranges of the sorted keys walked in place (no copy of ~1,000 keys).
  for (const prefix of ["queue.outbound.", "queue.schedule."]) {
    const from = config.keyIndex(prefix);
    unknownIn(config, from, config.keyEnd(prefix, from), seen, out);
  }
  return out;
}

function unknownIn(
  config: LoadedConfig,
  from: number,
  to: number,
  seen: Set<string>,
  out: Diagnostic[],
): void {
  const keys = config.keys;
  let lastKnown = "";
  let lastKnownDot = "";
  for (let i = from; i < to; i++) {
    const key = keys[i] ?? "";
    // Keys are sorted, so the keys under one known key follow each other: the first of
    // them under the last known key skips them all, to the end found by a binary search
    // (not a prefix test per key, nor a slice and hash of each dot-prefix: both showed
    // in the bench profile of a 2,000-line config). lastIndexOf from 0 is startsWith.
    const n = lastKnown.length;
    if (n > 0 && key.charCodeAt(n) === 0x2e && key.lastIndexOf(lastKnown, 0) === 0) {
      i = Math.min(config.keyEnd(lastKnownDot, i), to) - 1;
      continue;
    }
    const known = knownKeyOf(key);
    if (known !== undefined) {
      lastKnown = known;
      lastKnownDot = `${known}.`;
      continue;
    }
    const entry = config.entries[i];
    let guess: string | undefined;
    let best = 4;
    for (const k of KNOWN_QUEUE_KEYS) {
      const d = editDistance(key.split(".").slice(0, k.split(".").length).join("."), k);
      if (d < best) [guess, best] = [k, d];
    }
    const name =
      guess !== undefined ? key.split(".").slice(0, guess.split(".").length).join(".") : key;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({
      severity: "warning",
      code: "unknown_key",
      message: `Stalwart does not read "${name}"${guess !== undefined ? `: did you mean "${guess}"?` : "."}`,
      key,
      ...(entry !== undefined ? { start: entry.keyStart, end: entry.keyEnd } : {}),
    });
  }
}

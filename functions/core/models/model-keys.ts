/**
 * Which keys belong to which Stalwart version of the outbound settings, and what a key
 * the chosen version does not read should become. v0.13.0 stopped reading
 * `queue.outbound.*` and `remote.<id>` without a word (unread-key warnings exist only in
 * debug builds, @v0.13.0 crates/utils/src/config/utils.rs:373-390; UPGRADING/v0_13.md:
 * "manually reconfigure"); the replacements are those of spec stalwart-strategy.md §6.
 */
import type { Diagnostic } from "../errors";
import { ModelCode } from "./codes";

export type Model = "v0.12" | "v0.13" | "v0.16";

/** A flattened key and where it was written (TOML or flat JSON). */
export interface KeyPosition {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
}

/** Read only by v0.13–v0.15 (crates/common/src/config/smtp/queue.rs @v0.13.0). */
export const V013_PREFIXES = [
  "queue.strategy.",
  "queue.route.",
  "queue.connection.",
  "queue.source-ip.",
];

/** Outbound keys read only by ≤ v0.12 (@v0.12.5 queue.rs, remote.rs). */
export const V012_PREFIXES = ["queue.outbound.", "remote."];

export const isV013Key = (key: string): boolean => V013_PREFIXES.some((p) => key.startsWith(p));
export const isV012Key = (key: string): boolean => V012_PREFIXES.some((p) => key.startsWith(p));

/** What replaces a ≤ v0.12 outbound key in v0.13+, by key prefix (first match wins). */
const REPLACEMENTS: readonly (readonly [string, string])[] = [
  [
    "queue.outbound.ip-strategy",
    'set `ip-lookup` on the `[queue.route.<id>]` of type "mx" that `queue.strategy.route` selects',
  ],
  [
    "queue.outbound.source-ip.",
    "list the addresses in `queue.connection.<id>.source-ips` (with a `timeout.connect` or `ehlo-hostname` beside it, or the connection is never registered)",
  ],
  [
    "queue.outbound.hostname",
    "set `queue.connection.<id>.ehlo-hostname` (a plain name, not an expression)",
  ],
  [
    "queue.outbound.next-hop",
    "select a route with `queue.strategy.route` and define it as `[queue.route.<id>]`",
  ],
  [
    "queue.outbound.limits.",
    'set `limits.mx` / `limits.multihomed` on the `[queue.route.<id>]` of type "mx"',
  ],
  ["queue.outbound.timeouts.tls", "set `timeout.tls` on a `[queue.tls.<id>]`"],
  ["queue.outbound.timeouts.mta-sts", "set `timeout.mta-sts` on a `[queue.tls.<id>]`"],
  [
    "queue.outbound.timeouts.",
    "set `timeout.*` on the `[queue.connection.<id>]` that `queue.strategy.connection` selects",
  ],
  ["queue.outbound.tls.", "define a `[queue.tls.<id>]` and select it with `queue.strategy.tls`"],
  [
    "queue.outbound.",
    "its replacement lives under `queue.strategy`, `queue.route`, `queue.connection` or `queue.tls`",
  ],
];

function replacement(key: string): string {
  const remote = /^remote\.([^.]+)\./.exec(key);
  if (remote !== null) return `define \`[queue.route.${remote[1]}]\` with \`type = "relay"\``;
  return REPLACEMENTS.find(([prefix]) => key.startsWith(prefix))?.[1] ?? "";
}

/**
 * A warning at each key the chosen model does not read: ≤ v0.12 outbound keys under
 * v0.13, v0.13 keys under v0.12. (v0.16 reads no key: its input is JSON objects.)
 */
export function ignoredKeys(model: Model, keys: readonly KeyPosition[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const k of keys) {
    let message: string | undefined;
    if (model === "v0.13" && isV012Key(k.key)) {
      message = `Stalwart v0.13+ does not read \`${k.key}\` (it ignores it without a word): ${replacement(k.key)}`;
    } else if (model === "v0.12" && isV013Key(k.key)) {
      message = `Stalwart ≤ v0.12 does not read \`${k.key}\`: it is a v0.13–v0.15 key (choose the v0.13 model, or Auto)`;
    }
    if (message !== undefined) {
      out.push({
        severity: "warning",
        code: ModelCode.IgnoredKey,
        message,
        key: k.key,
        start: k.keyStart,
        end: k.keyEnd,
      });
    }
  }
  return out;
}

/**
 * Keys under `queue.route`, `queue.connection`, `queue.tls`, `queue.schedule` and
 * `queue.strategy` that Stalwart v0.13–v0.15 never reads (crates/common/src/config/smtp/
 * queue.rs @v0.15.5: the `property` calls of each `parse_*`), with the field meant. It
 * ignores them without a word (unread-key warnings exist only in debug builds), so
 * `source-ip = [...]` for `source-ips` leaves a connection unbound and nobody is told.
 */
import { firstSegment } from "../../config/toml/loaded-config";
import type { Diagnostic } from "../../errors";
import { didYouMean } from "../suggest";
import type { SettingsReader } from "./settings-reader";

export const UnknownFieldCode = "unknown_key";

const TIMEOUTS = ["connect", "greeting", "ehlo", "mail-from", "rcpt-to", "data"];

/** The fields each kind of definition has; a list field also takes `<field>.<n>`. */
const FIELDS: Readonly<Record<string, { fields: readonly string[]; lists: readonly string[] }>> = {
  "queue.route.": {
    fields: [
      ...["type", "address", "port", "protocol", "auth.username", "auth.secret"],
      ...["tls.implicit", "tls.allow-invalid-certs", "limits.mx", "limits.multihomed"],
      ...["ip-lookup", "description"],
    ],
    lists: [],
  },
  "queue.connection.": {
    fields: ["ehlo-hostname", "description", ...TIMEOUTS.map((t) => `timeout.${t}`)],
    lists: ["source-ips"],
  },
  "queue.tls.": {
    fields: [
      ...["dane", "mta-sts", "starttls", "allow-invalid-certs", "timeout.tls"],
      ...["timeout.mta-sts", "description"],
    ],
    lists: [],
  },
  "queue.schedule.": {
    // `expire-type` is written by the boot defaults and read by nothing.
    fields: ["queue-name", "expire", "max-attempts", "expire-type", "description"],
    lists: ["retry", "notify"],
  },
};

/** `<id>.<field>` (or `<id>.<list>.<n>`) for a known field, as a pattern. */
const PATTERNS = Object.entries(FIELDS).map(([prefix, kind]) => {
  const literal = (f: string) => f.replace(/[.]/g, "\\.");
  const fields = kind.fields.map(literal).join("|");
  const lists = kind.lists.map(literal).join("|");
  const alternatives = [fields, lists === "" ? "" : `(?:${lists})(?:\\.[^.]+)?`].filter((a) => a);
  return {
    prefix,
    pattern: new RegExp(`\\.(?:${alternatives.join("|")})$`),
    candidates: [...kind.fields, ...kind.lists],
  };
});

const SELECTORS = new Set(["route", "connection", "tls", "schedule"]);

export function unknownFields(s: SettingsReader): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const { prefix, pattern, candidates } of PATTERNS) {
    for (const entry of s.config.entriesUnder(prefix)) {
      const rest = entry.key.slice(prefix.length);
      const dot = rest.indexOf(".");
      if (dot < 0 || pattern.test(rest) || s.written(entry.key) === undefined) continue;
      // A list written under the wrong name (`source-ip = [..]`) is one mistake.
      const field = rest.slice(dot + 1).replace(/\.\d+$/, "");
      const id = `${prefix}${rest.slice(0, dot)}.${field}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({
        severity: "warning",
        code: UnknownFieldCode,
        message: `Stalwart v0.13–v0.15 does not read "${field}" in ${prefix}${rest.slice(0, dot)}${didYouMean(field, candidates)}: it ignores the key without a word`,
        key: entry.key,
        start: entry.keyStart,
        end: entry.keyEnd,
      });
    }
  }
  for (const entry of s.config.entriesUnder("queue.strategy.")) {
    const name = firstSegment(entry.key.slice("queue.strategy.".length));
    if (SELECTORS.has(name) || seen.has(name) || s.written(entry.key) === undefined) continue;
    seen.add(name);
    out.push({
      severity: "warning",
      code: UnknownFieldCode,
      message: `Stalwart v0.13–v0.15 has no selector queue.strategy.${name}${didYouMean(name, SELECTORS)}: it ignores the key without a word`,
      key: entry.key,
      start: entry.keyStart,
      end: entry.keyEnd,
    });
  }
  return out;
}

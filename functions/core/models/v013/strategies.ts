/**
 * `queue.tls.<id>`, `queue.schedule.<id>` and `queue.virtual.<name>` as Stalwart
 * v0.13.1–v0.15 read them (crates/common/src/config/smtp/queue.rs @v0.15.5: schedules
 * 281-379, TLS 448-497). Both are discovered by key suffix: a TLS strategy by
 * `.allow-invalid-certs .dane .starttls .timeout.tls .timeout.mta-sts` (v0.13.0 also took
 * `.mta-sts`, #1830), a schedule by `.queue-name .retry .notify .expire .max-attempts`
 * (so a TOML array `retry = [..]`, flattened to `retry.0000`, does not discover one).
 */
import type { ScheduleDef, TlsDef } from "../strategy-config";
import {
  parseBool,
  parseDurationMs,
  parseQueueName,
  parseRequireOptional,
  parseU32,
} from "./parse-value";
import { SettingsCode, type SettingsReader } from "./settings-reader";

const TLS_DISCOVERY = [
  ".allow-invalid-certs",
  ".dane",
  ".starttls",
  ".timeout.tls",
  ".timeout.mta-sts",
];

export function readTlsStrategies(s: SettingsReader): Map<string, TlsDef> {
  const out = new Map<string, TlsDef>();
  for (const id of s.subKeysWithSuffixes("queue.tls", TLS_DISCOVERY)) {
    const base = `queue.tls.${id}`;
    const option = (name: string) =>
      s.property(`${base}.${name}`, parseRequireOptional, "it uses optional") ?? "optional";
    const at = s.writtenUnder(`${base}.`);
    out.set(id, {
      name: id,
      dane: option("dane"),
      mtaSts: option("mta-sts"),
      startTls: option("starttls"),
      allowInvalidCerts:
        s.property(`${base}.allow-invalid-certs`, parseBool, "it uses false") ?? false,
      timeoutTls: s.property(`${base}.timeout.tls`, parseDurationMs, "it uses 3m") ?? 180_000,
      timeoutMtaSts:
        s.property(`${base}.timeout.mta-sts`, parseDurationMs, "it uses 5m") ?? 300_000,
      origin: at === undefined ? "default" : "config",
      ...(at ? { at } : {}),
    });
  }
  return out;
}

/** `queue.virtual.<name>` with `threads-per-node`: the virtual queues that exist. */
function virtualQueues(s: SettingsReader): Set<string> {
  const names = new Set<string>();
  for (const name of s.subKeys("queue.virtual", ".threads-per-node")) {
    const bytes = new TextEncoder().encode(name).length;
    if (bytes >= 1 && bytes <= 8) names.add(name);
    else
      s.report(
        "error",
        SettingsCode.Invalid,
        `queue.virtual.${name}.threads-per-node`,
        `Invalid virtual queue name: ${JSON.stringify(name)}. Must be 1-8 bytes long.`,
      );
  }
  return names;
}

const SCHEDULE_DISCOVERY = [".queue-name", ".retry", ".notify", ".expire", ".max-attempts"];

export function readSchedules(s: SettingsReader): Map<string, ScheduleDef> {
  const queues = virtualQueues(s);
  const out = new Map<string, ScheduleDef>();
  for (const id of s.subKeysWithSuffixes("queue.schedule", SCHEDULE_DISCOVERY)) {
    const schedule = readSchedule(s, id, queues);
    if (schedule !== undefined) out.set(id, schedule);
  }
  return out;
}

function readSchedule(
  s: SettingsReader,
  id: string,
  queues: ReadonlySet<string>,
): ScheduleDef | undefined {
  const base = `queue.schedule.${id}`;
  const queue =
    s.propertyRequire(`${base}.queue-name`, parseQueueName, 'it uses the queue "default"') ??
    "default";
  if (queue !== "default" && !queues.has(queue)) {
    s.report(
      "error",
      SettingsCode.Invalid,
      `${base}.queue-name`,
      `Virtual queue '${queue}' does not exist. Stalwart drops schedule "${id}"`,
    );
    return undefined;
  }
  const intervals = (name: string) =>
    s.properties(`${base}.${name}`, parseDurationMs, "this interval is skipped").map(
      (p) =>
        // Stalwart keeps whole seconds (`as_secs()`).
        Math.floor(p.value / 1000) * 1000,
    );
  let retry = intervals("retry");
  if (retry.length === 0) {
    s.report(
      "error",
      SettingsCode.Missing,
      `${base}.retry`,
      "At least one 'retry' duration must be specified. Stalwart retries every hour",
    );
    retry = [3_600_000];
  }
  const notify = intervals("notify");
  const expire = s.property(`${base}.expire`, parseDurationMs, "it is ignored");
  const attempts = s.property(`${base}.max-attempts`, parseU32, "it is ignored");
  if (expire !== undefined && attempts !== undefined) {
    s.report(
      "error",
      SettingsCode.Invalid,
      `${base}.expire`,
      `Cannot specify both 'expire' and 'max-attempts'. Stalwart drops schedule "${id}"`,
    );
    return undefined;
  }
  const at = s.writtenUnder(`${base}.`);
  return {
    name: id,
    retry,
    // No notify interval: Stalwart sets 10,000 days, i.e. never.
    notify: notify.length > 0 ? notify : [10_000 * 86_400_000],
    expiry:
      attempts !== undefined
        ? { kind: "attempts", max: attempts }
        : { kind: "ttl", ms: Math.floor((expire ?? 259_200_000) / 1000) * 1000 },
    queue,
    origin: at === undefined ? "default" : "config",
    ...(at ? { at } : {}),
  };
}

/**
 * `queue.connection.<id>` and `queue.source-ip.<ip>` as Stalwart v0.13–v0.15 read them
 * (`parse_connection_strategies`, `parse_connection`, crates/common/src/config/smtp/
 * queue.rs @v0.15.5:499-560). A connection is registered only when one of its keys ends
 * in `.timeout.<phase>` or `.ehlo-hostname`: a block holding nothing but `source-ips` is
 * never registered (spec §1.2, the quirk), and selecting it gives the built-in connection,
 * unbound. Source addresses are parsed one by one (a bad one is skipped), split by family
 * in list order; each takes the EHLO name of `queue.source-ip.<ip>` with `<ip>` in Rust's
 * printed form.
 */
import type { ConfigEntry } from "../../config/toml/loaded-config";
import { parseIp } from "../../ip";
import type { ConnectionDef, SourceIpDef } from "../strategy-config";
import { parseDurationMs, parseIpAddr, parseString } from "./parse-value";
import type { SettingsReader } from "./settings-reader";

export const ConnectionCode = {
  /** A `queue.connection.<id>` with source addresses that Stalwart never registers. */
  NotRegistered: "connection_not_registered",
  /** A source address written as a v0.12 expression (`"['192.0.2.1']"`, `"'192.0.2.1'"`). */
  ExpressionSource: "source_ip_expression",
  /** A `queue.source-ip.<ip>` key that no registered connection reads. */
  SourceIpUnread: "source_ip_unread",
} as const;

const DISCOVERY = [
  ".timeout.connect",
  ".timeout.greeting",
  ".timeout.ehlo",
  ".timeout.mail-from",
  ".timeout.rcpt-to",
  ".timeout.data",
  ".ehlo-hostname",
];

export interface Connections {
  readonly connections: Map<string, ConnectionDef>;
  /** Ids with `source-ips` that were never registered, and where their addresses are. */
  readonly unregistered: Map<string, { key: string; start?: number; end?: number }>;
}

export function readConnections(s: SettingsReader): Connections {
  const connections = new Map<string, ConnectionDef>();
  for (const id of s.subKeysWithSuffixes("queue.connection", DISCOVERY)) {
    connections.set(id, readConnection(s, id));
  }
  const unregistered = unregisteredBlocks(s, connections);
  unreadSourceIps(s, connections);
  return { connections, unregistered };
}

function readConnection(s: SettingsReader, id: string): ConnectionDef {
  const base = `queue.connection.${id}`;
  const v4: SourceIpDef[] = [];
  const v6: SourceIpDef[] = [];
  const entries = s.entries(`${base}.source-ips`);
  const sources = s.parseEach(
    entries,
    parseIpAddr,
    "this entry is skipped, the others are kept (no CIDR ranges: list each address)",
  );
  for (const { key, value: ip } of sources) {
    const ehlo = s.property(`queue.source-ip.${ip}.ehlo-hostname`, parseString, "");
    const at = s.written(key);
    const def = { ip, ...(ehlo === undefined ? {} : { ehlo }), ...(at ? { at } : {}) };
    // Rust's printed form: an IPv6 address has a colon, IPv4 none.
    (ip.includes(":") ? v6 : v4).push(def);
  }
  expressionSources(s, entries);
  const timeout = (name: string, fallback: number) =>
    s.property(`${base}.timeout.${name}`, parseDurationMs, `it uses ${fallback / 60_000}m`) ??
    fallback;
  const ehlo = s.value(`${base}.ehlo-hostname`);
  const at = s.writtenUnder(`${base}.`);
  return {
    name: id,
    v4,
    v6,
    ...(ehlo === undefined ? {} : { ehlo }),
    timeouts: {
      connect: timeout("connect", 300_000),
      greeting: timeout("greeting", 300_000),
      ehlo: timeout("ehlo", 300_000),
      mailFrom: timeout("mail-from", 300_000),
      rcptTo: timeout("rcpt-to", 300_000),
      data: timeout("data", 600_000),
    },
    origin: at === undefined ? "default" : "config",
    ...(at ? { at } : {}),
  };
}

/** Source entries written the v0.12 way, as an expression: Stalwart skips them. */
function expressionSources(s: SettingsReader, entries: readonly ConfigEntry[]): void {
  for (const entry of entries) {
    if (!/^\s*[['"]/.test(entry.value) || parseIp(entry.value) !== null) continue;
    s.report(
      "warning",
      ConnectionCode.ExpressionSource,
      entry.key,
      `${JSON.stringify(entry.value)} is a v0.12 source-ip expression: from v0.13 source-ips is a plain list of addresses (source-ips = ["192.0.2.1", "2001:db8::1"]), so Stalwart skips this entry`,
    );
  }
}

/** Blocks with `source-ips` and no key that registers them: the v0.13–v0.15 quirk. */
function unregisteredBlocks(
  s: SettingsReader,
  connections: ReadonlyMap<string, ConnectionDef>,
): Connections["unregistered"] {
  const found: Connections["unregistered"] = new Map();
  for (const entry of s.config.entriesUnder("queue.connection.")) {
    const id = /^queue\.connection\.(.+?)\.source-ips(\.[^.]+)?$/.exec(entry.key)?.[1];
    if (id === undefined || connections.has(id) || found.has(id)) continue;
    const at = s.written(entry.key);
    found.set(id, { key: entry.key, ...(at ? { start: at.start, end: at.end } : {}) });
    s.report(
      "warning",
      ConnectionCode.NotRegistered,
      entry.key,
      `Stalwart v0.13–v0.15 never registers connection "${id}": a connection block needs a timeout.* or ehlo-hostname key beside source-ips. Selecting "${id}" gives the built-in connection, with no source address (the OS picks it). Add e.g. timeout.connect = "5m" under [queue.connection.${id}]`,
    );
  }
  return found;
}

/** `queue.source-ip.<ip>` keys no registered connection reads (not canonical, or unlisted). */
function unreadSourceIps(s: SettingsReader, connections: ReadonlyMap<string, ConnectionDef>): void {
  const listed = new Set<string>();
  for (const c of connections.values()) for (const src of [...c.v4, ...c.v6]) listed.add(src.ip);
  for (const entry of s.config.entriesUnder("queue.source-ip.")) {
    const ip = /^queue\.source-ip\.(.+)\.ehlo-hostname$/.exec(entry.key)?.[1];
    if (ip === undefined || listed.has(ip)) continue;
    const canonical = parseIp(ip)?.canonical;
    const why =
      canonical !== undefined && canonical !== ip && listed.has(canonical)
        ? `Stalwart looks up queue.source-ip.${canonical} (the address as Rust prints it), never this key`
        : `${ip} is a source address of no registered connection`;
    s.report(
      "warning",
      ConnectionCode.SourceIpUnread,
      entry.key,
      `This EHLO name is never used: ${why}`,
    );
  }
}

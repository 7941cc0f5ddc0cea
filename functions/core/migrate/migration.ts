/**
 * A ≤ v0.12 config → what v0.13+ needs to deliver the same way (types.ts), with a note for
 * everything that cannot be carried or behaves differently. Target-neutral: the writers
 * (toml-writer.ts for v0.13, registry-objects.ts for v0.16) turn it into text.
 */
import { type ServerHostname, serverHostname } from "../config/server-hostname";
import { SETTING_LIST } from "../config/settings";
import { TRANSPORT_SETTINGS } from "../config/settings-transport";
import type { LoadedConfig } from "../config/toml/loaded-config";
import { constantEnv } from "../expr/constant";
import type { Meter } from "../meter";
import { behaviourNotes } from "./behaviour";
import type { ChoiceSources } from "./choices";
import { MigrateCode } from "./codes";
import { migrateConnections } from "./rules/connection";
import { migrateRoutes } from "./rules/route";
import { migrateSchedules } from "./rules/schedule";
import { migrateTls } from "./rules/tls";
import { OUTBOUND_PREFIXES, readV012, type V012Config } from "./source";
import type { CarriedKey, Migration, Note, Target } from "./types";

export interface MigrationResult {
  readonly migration: Migration;
  readonly notes: Note[];
}

/** `meter`: the request's (meter.ts), charged by the analysis and every value worked out. */
export function buildMigration(text: string, target: Target, meter: Meter): MigrationResult {
  const notes: Note[] = [];
  const { config, blocks } = readV012(text, notes, meter);
  const server = serverHostname(config);
  const env = constantEnv(
    // `config_get('server.hostname')` reads the server's name (Setting::Hostname).
    (key) => (key === "server.hostname" ? server.value : config.get(key)?.written),
    meter,
  );
  const sources: ChoiceSources = { config, blocks, env, notes };
  const routes = migrateRoutes(sources);
  const connections = migrateConnections(sources, server.value);
  const tls = migrateTls(sources);
  const schedules = migrateSchedules(sources);
  const migration: Migration = {
    selectors: {
      route: routes.selector,
      connection: connections.selector,
      tls: tls.selector,
      schedule: schedules.selector,
    },
    routes: routes.routes,
    connections: connections.connections,
    tls: tls.tls,
    schedules: schedules.schedules,
    server: carriedServerKeys(config),
    serverName: server.from === "machine" ? null : server.value,
  };
  const starttlsSet = blocks.get("tlsStarttls")?.origin === "config";
  notes.push(...behaviourNotes(migration, target, starttlsSet), ...leftOver(config, blocks));
  notes.push(...serverNote(server, migration.server, target));
  return { migration, notes };
}

/** The keys the EHLO name falls back to, which v0.13+ reads as ≤ v0.12 did. */
function carriedServerKeys(config: LoadedConfig): CarriedKey[] {
  return ["server.hostname", "lookup.default.hostname"].flatMap((key) => {
    const entry = config.get(key);
    if (entry === undefined) return [];
    return [
      { key, value: entry.value, origin: { key, start: entry.keyStart, end: entry.valueEnd } },
    ];
  });
}

function serverNote(
  server: ServerHostname,
  carried: readonly CarriedKey[],
  target: Target,
): Note[] {
  const first = carried[0];
  if (first === undefined || server.from === "machine") return [];
  return [
    {
      severity: "info",
      code: MigrateCode.ServerHostname,
      message:
        target === "v0.16"
          ? `The server's name (${server.value}, from ${server.from}) is the EHLO name where no connection names one: it is carried over as SystemSettings.defaultHostname`
          : `The server's name (${server.value}, from ${server.from}) is the EHLO name where no connection names one; v0.13 reads ${server.from} as ≤ v0.12 did: keep it where it is`,
      ...first.origin,
    },
  ];
}

/** Relay fields Stalwart v0.12 reads (queue.rs `parse_relay_host`). */
const RELAY_FIELDS = [
  "address",
  "port",
  "protocol",
  "auth.username",
  "auth.secret",
  "tls.implicit",
  "tls.allow-invalid-certs",
];

/**
 * Every outbound key of the input that nothing carried over, each with a note: keys
 * Stalwart does not read, and the keys of an if-block it refuses (its built-in default is
 * what ran, and what is carried over).
 */
function leftOver(config: LoadedConfig, blocks: V012Config["blocks"]): Note[] {
  const settings = [...SETTING_LIST, ...Object.values(TRANSPORT_SETTINGS)];
  const refused = (key: string) => {
    const s = settings.find((s) => key === s.key || key.startsWith(`${s.key}.`));
    return s === undefined ? undefined : blocks.get(s.id)?.origin !== "config";
  };
  const read = (key: string): boolean => {
    const setting = refused(key);
    if (setting !== undefined) return !setting;
    const field = RELAY_FIELDS.find((f) => key.startsWith("remote.") && key.endsWith(`.${f}`));
    if (field === undefined) return false;
    const id = key.slice("remote.".length, -field.length - 1);
    return id !== "" && id !== "local" && config.has(`remote.${id}.address`);
  };
  return config.entries
    .filter((e) => OUTBOUND_PREFIXES.some((p) => e.key.startsWith(p)) && !read(e.key))
    .map((e) => ({
      severity: "warning",
      code: MigrateCode.KeyNotCarried,
      message: e.key.startsWith("remote.")
        ? `${e.key} is not carried over: Stalwart v0.12 reads only ${RELAY_FIELDS.join(", ")} of a relay that has an address (and replaces remote.local with its own)`
        : refused(e.key)
          ? `${e.key} is not carried over: Stalwart v0.12 refuses this setting as written and runs its built-in default, which is what is carried over`
          : `${e.key} is not carried over: Stalwart v0.12 does not read it`,
      key: e.key,
      start: e.keyStart,
      end: e.keyEnd,
    }));
}

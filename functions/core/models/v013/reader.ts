/**
 * Stalwart v0.13–v0.15 settings (load.ts: the text with the boot defaults under it) →
 * the StrategyConfig Stalwart would run, and what it would log reading it (spec
 * stalwart-strategy.md §1): the four selectors, the routes, connections, TLS strategies
 * and schedules it registers, and the server hostname. Then what a reader of the config
 * should know before any delivery: names a selector can give that nothing defines,
 * connection blocks never registered, relay surprises, stale `local_ip`.
 */
import { serverHostname, type ServerHostname as V012Hostname } from "../../config/server-hostname";
import type { Diagnostic } from "../../errors";
import { checkTargets } from "../selector-targets";
import type { ReadStrategy, ServerHostname, StrategyConfig } from "../strategy-config";
import { relayNotes, staleAddresses } from "../strategy-notes";
import { readConnections } from "./connections";
import type { V013Settings } from "./load";
import { readRoutes } from "./routes";
import { readSelectors } from "./selectors";
import { SettingsReader } from "./settings-reader";
import { readSchedules, readTlsStrategies } from "./strategies";
import { unknownFields } from "./unknown-fields";

export function readV013(settings: V013Settings): ReadStrategy {
  const diagnostics: Diagnostic[] = [...settings.diagnostics];
  const s = new SettingsReader(settings.config, settings.defaulted, diagnostics);
  const selectors = readSelectors(settings.config, diagnostics);
  const { routes, dropped } = readRoutes(s);
  const { connections, unregistered } = readConnections(s);
  const config: StrategyConfig = {
    model: "v0.13",
    selectors,
    routes,
    connections,
    tls: readTlsStrategies(s),
    schedules: readSchedules(s),
    hostname: hostname(s, serverHostname(settings.config)),
  };
  const place = (key: string) => {
    const entry = settings.config.get(key);
    if (entry === undefined || settings.defaulted.has(key)) return undefined;
    return { start: entry.valueStart, end: entry.valueEnd };
  };
  diagnostics.push(
    ...checkTargets(config, {
      droppedRoutes: dropped,
      unregistered: new Set(unregistered.keys()),
      place,
    }),
    ...relayNotes(
      config,
      (route, field) => `queue.route.${route.name}.${field === "tls" ? "tls.implicit" : field}`,
      (key) => settings.submitted.has(key),
      place,
    ),
    ...staleAddresses([selectors.connection, selectors.tls], place),
    ...unknownFields(s),
  );
  return { config, diagnostics };
}

function hostname(s: SettingsReader, found: V012Hostname): ServerHostname {
  const at = found.from === "machine" ? undefined : s.written(found.from);
  return { value: found.value, from: found.from, ...(at ? { at } : {}) };
}

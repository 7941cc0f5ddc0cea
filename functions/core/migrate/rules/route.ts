/**
 * Routes (spec stalwart-strategy.md §6, M2, M5, M6): `queue.outbound.next-hop` becomes the
 * route selector; its `false` (and a relay id that does not exist, which v0.12 logs and
 * ignores) the MX route, refined by `ip-strategy` × `limits.mx` × `limits.multihomed`
 * (all RCPT-or-narrower variables, so they fit the RCPT selector); `'local'` the local
 * route; a relay id the relay route carried over from `remote.<id>`, whose protocol
 * http/https meant local delivery.
 */
import { readRelay, relayIds } from "../../config/relay";
import { SETTINGS } from "../../config/settings";
import { type ChoiceSources, choicesOf } from "../choices";
import { MigrateCode } from "../codes";
import { always, mapChoices, Names, product, productOf, select } from "../selector";
import type { Choices, MxRoute, Note, Origin, RelayRoute, RouteDef, Selector } from "../types";

type MxDraft = Omit<MxRoute, "name" | "origins">;
type RouteDraft =
  | MxDraft
  | { readonly kind: "relay"; readonly id: string }
  | { readonly kind: "local"; readonly id: string };

export interface Routes {
  readonly selector: Selector;
  readonly routes: readonly RouteDef[];
}

export function migrateRoutes(sources: ChoiceSources): Routes {
  const relays = readRelays(sources);
  const names = new Names();
  names.reserve("local");
  for (const relay of relays.values()) names.reserve(relay.name);

  const limits = productOf<Omit<MxDraft, "kind">>("route", {
    ipLookup: choicesOf(SETTINGS.ipStrategy, sources),
    maxMx: choicesOf(SETTINGS.limitsMx, sources),
    multihomed: choicesOf(SETTINGS.limitsMultihomed, sources),
  });
  const mx = mapChoices(limits, (l): MxDraft => ({ kind: "mx", ...l }));
  const hops = mapChoices(choicesOf(SETTINGS.nextHop, sources), (hop) =>
    hopDraft(hop, relays, sources),
  );
  const chosen = product(
    "route",
    hops,
    (hop): Choices<RouteDraft> => (hop === null ? mx : always(hop)),
    (hop, refined): RouteDraft => hop ?? refined,
  );
  const { selector, defs } = select(
    "route",
    chosen,
    (d) => (d.kind === "mx" ? `mx ${d.ipLookup} ${d.maxMx} ${d.multihomed}` : `${d.kind} ${d.id}`),
    (d) => (d.kind === "mx" ? names.take("mx") : (relays.get(d.id)?.name ?? d.id)),
  );
  const routes: RouteDef[] = [];
  for (const { name, value, origins } of defs) {
    if (value.kind === "mx") routes.push({ ...value, name, origins });
    else if (value.kind === "local") routes.push({ kind: "local", name, origins });
    else {
      const relay = relays.get(value.id);
      if (relay) routes.push({ ...relay, origins: [...relay.origins, ...origins] });
    }
  }
  for (const [id, relay] of relays) {
    if (routes.some((r) => r.name === relay.name)) continue;
    routes.push(relay);
    sources.notes.push({
      severity: "info",
      code: MigrateCode.RelayUnused,
      message: `No next-hop branch selects remote.${id}: it is carried over as route "${relay.name}", which no route selector branch selects either`,
      ...relay.origins[0],
    });
  }
  return { selector, routes };
}

/** What a next-hop value leads to; null: MX delivery, to be refined by the MX keys. */
function hopDraft(
  hop: string | false,
  relays: ReadonlyMap<string, RouteDef>,
  sources: ChoiceSources,
): RouteDraft | null {
  if (hop === false) return null;
  if (hop === "local") return { kind: "local", id: "local" };
  const relay = relays.get(hop);
  if (relay !== undefined)
    return relay.kind === "local" ? { kind: "local", id: hop } : { kind: "relay", id: hop };
  const entry = sources.config.get(SETTINGS.nextHop.key);
  sources.notes.push({
    severity: "warning",
    code: MigrateCode.RelayUnknown,
    message: `next-hop can be ${JSON.stringify(hop)}, but there is no remote.${hop}.address: Stalwart v0.12 ignores it and resolves MX records, so the migration routes it to the MX route`,
    key: SETTINGS.nextHop.key,
    ...(entry ? { start: entry.keyStart, end: entry.valueEnd } : {}),
  });
  return null;
}

/** Every `remote.<id>` Stalwart v0.12 lists (not `local`, which it replaces), as a route. */
function readRelays(sources: ChoiceSources): Map<string, RouteDef> {
  const { config, notes } = sources;
  const out = new Map<string, RouteDef>();
  for (const id of relayIds(config)) {
    // Bad values were reported by the v0.12 analysis already (lint/relays.ts).
    const relay = readRelay(config, id, []);
    if (relay === undefined || id === "local") continue;
    const address = config.get(`remote.${id}.address`);
    const origin: Origin = address
      ? { key: address.key, start: address.keyStart, end: address.valueEnd }
      : { key: `remote.${id}` };
    if (relay.protocol === "http") {
      notes.push({
        severity: "info",
        code: MigrateCode.RelayHttpLocal,
        message: `remote.${id} has protocol http, which Stalwart v0.12 treats as local delivery: it becomes a route of type "local"`,
        ...origin,
      });
      out.set(id, { kind: "local", name: routeName(id, origin, notes), origins: [origin] });
      continue;
    }
    out.set(id, { ...relayRoute(id, relay, origin, sources), name: routeName(id, origin, notes) });
  }
  return out;
}

/**
 * The route name of `remote.<id>`: its id, but for `mx`, the name of v0.13+'s own MX route
 * (a fresh v0.16 has an `mx` route, which a relay plan matched on names would update).
 */
function routeName(id: string, origin: Origin, notes: Note[]): string {
  if (id !== "mx") return id;
  notes.push({
    severity: "info",
    code: MigrateCode.RelayRenamed,
    message: `remote.mx becomes the route "mx-relay": v0.13+ names its own MX route "mx" (Stalwart writes one at first start)`,
    ...origin,
  });
  return "mx-relay";
}

function relayRoute(
  id: string,
  relay: NonNullable<ReturnType<typeof readRelay>>,
  origin: Origin,
  { config, notes }: ChoiceSources,
): RelayRoute {
  const username = config.get(`remote.${id}.auth.username`)?.value;
  const secret = config.get(`remote.${id}.auth.secret`)?.value;
  if (relay.protocol !== "smtp" && relay.protocol !== "lmtp") {
    notes.push({
      severity: "warning",
      code: MigrateCode.RelayProtocolLmtp,
      message: `remote.${id} has protocol ${relay.protocol}: Stalwart v0.12 spoke LMTP to it (anything but smtp), and v0.13+ relays are smtp or lmtp, so it becomes lmtp`,
      ...origin,
    });
  }
  return {
    kind: "relay",
    name: id,
    address: relay.address,
    port: relay.port,
    protocol: relay.protocol === "smtp" ? "smtp" : "lmtp",
    implicitTls: relay.tlsImplicit,
    allowInvalidCerts: relay.tlsAllowInvalidCerts,
    auth: username !== undefined && secret !== undefined ? { username, secret } : null,
    origins: [origin],
  };
}

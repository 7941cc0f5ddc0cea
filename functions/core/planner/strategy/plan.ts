/**
 * StrategyConfig + context + resolver + random → the delivery plan of one recipient
 * domain as Stalwart v0.13–v0.16 would run it (crates/smtp/src/outbound/delivery.rs), in
 * the steps of spec stalwart-strategy.md §2: routeRecipients → the target group's route
 * and schedule → routeHosts (MX or relay, then addresses) → deliveryLoop (per host the
 * TLS strategy, per address the connection, source address and EHLO name). The plan
 * keeps every v0.12 field, so a client of the v0.12 plan reads it unchanged.
 */
import type { LoadedConfig } from "../../config/toml/loaded-config";
import type { Plan } from "../../contract/plan";
import type { Diagnostic } from "../../errors";
import type { RouteDef, ScheduleDef, StrategyConfig } from "../../models/strategy-config";
import { systemValues } from "../../models/v016/system-values";
import type { DeliveryContext, Envelope } from "../envelope";
import { outcomeOf, type PlanBody, type PlanDeps } from "../planner";
import { makeEnv } from "../settings-eval";
import { deliveryLoop } from "./attempts";
import type { Chooser, Chosen } from "./choose";
import { routeHosts } from "./hosts";
import { type Group, routeRecipients, targetGroup } from "./route";

export interface StrategyPlanOptions {
  /** v0.13: the settings `config_get()` reads. */
  readonly settings?: LoadedConfig;
  /** Where the expression at a branch key was written (for placed diagnostics). */
  readonly place?: (key: string) => { start: number; end: number } | undefined;
}

export async function planStrategy(
  config: StrategyConfig,
  ctx: DeliveryContext,
  deps: PlanDeps,
  diagnostics: Diagnostic[],
  options: StrategyPlanOptions = {},
): Promise<PlanBody> {
  const ch: Chooser = {
    resolver: deps.resolver,
    diagnostics,
    place: options.place ?? (() => undefined),
  };
  const note = (code: string, message: string) =>
    diagnostics.push({ severity: "warning", code, message });
  const system =
    config.model === "v0.16" ? { system: systemValues(config.hostname.value, note) } : {};
  const envOf = (envelope: Envelope) =>
    makeEnv(
      {
        ...(options.settings ? { config: options.settings } : {}),
        resolver: deps.resolver,
        localDomains: deps.localDomains ?? [],
        ...(deps.meter ? { meter: deps.meter } : {}),
        ...system,
        note,
      },
      (name) => envelope.get(name),
    );
  const groups = await routeRecipients(config, ctx, ch, envOf);
  const group = targetGroup(groups, ctx);
  const first = group?.members[0];
  if (group === undefined || first === undefined) throw new Error("a message has a recipient");
  const route = group.route;
  const base = start(config, deps.seed, route, first.schedule, ctx.retry_num ?? 0, groups);
  if (route.def.kind === "local") {
    return {
      ...base,
      mx: { status: "skipped", records: [] },
      hosts: [],
      attempts: [],
      outcome: {
        kind: "local_delivery",
        message: `${config.selectors.route.key} chose the local route "${route.name}": the message is delivered locally, no remote host is tried.`,
      },
    };
  }
  const found = await routeHosts(route.def, group.domain, config.model, deps);
  if ("outcome" in found) {
    return { ...base, mx: found.mx, hosts: [], attempts: [], outcome: found.outcome };
  }
  const loop = {
    config,
    ch,
    envelope: first.envelope,
    env: envOf(first.envelope),
    random: deps.random,
  };
  const { hosts, attempts } = await deliveryLoop(loop, found.hosts);
  if (attempts.some((a) => a.ehlo?.from === "server")) hostnameNote(config, diagnostics);
  return { ...base, mx: found.mx, hosts, attempts, outcome: outcomeOf(hosts, attempts) };
}

type Base = Omit<PlanBody, "mx" | "hosts" | "attempts" | "outcome">;

/** The fields settled before any lookup: route, limits, schedule, server hostname. */
function start(
  config: StrategyConfig,
  seed: number,
  route: Chosen<RouteDef>,
  schedule: Group["members"][number]["schedule"],
  retryNum: number,
  groups: readonly Group[],
): Base {
  const def = route.def;
  return {
    model: config.model,
    seed,
    strategy: {
      value: def.kind === "mx" ? def.ipLookup : "ipv4_then_ipv6",
      key: strategyKey(config, route),
      branch: { index: "default" },
    },
    limits:
      def.kind === "mx"
        ? { mx: def.maxMx, multihomed: def.multihomed }
        : def.kind === "relay"
          ? { mx: 1, multihomed: 10 }
          : { mx: 0, multihomed: 0 },
    nextHop: nextHop(def),
    retry: retryOf(schedule.def, retryNum),
    hostname: config.hostname.value,
    route: routeChoice(route),
    schedule: {
      name: schedule.name,
      branch: schedule.branch,
      fallback: schedule.fallback,
      queue: schedule.def.queue,
    },
    ...(groups.length > 1
      ? {
          groups: groups.map((g) => ({
            domain: g.domain,
            route: g.route.name,
            recipients: g.members.map((m) => m.rcpt.address),
          })),
        }
      : {}),
  };
}

/**
 * Where the IP strategy comes from: the mx route's ip-lookup, a relay's definition (whose
 * strategy is fixed), or the route selector when Stalwart's built-in route is used.
 */
function strategyKey(config: StrategyConfig, route: Chosen<RouteDef>): string {
  if (route.fallback) return config.selectors.route.key;
  const name = route.def.name;
  const v016 = config.model === "v0.16";
  if (route.def.kind !== "mx") return v016 ? `MtaRoute[${name}]` : `queue.route.${name}`;
  return v016 ? `MtaRoute[${name}].ipLookupStrategy` : `queue.route.${name}.ip-lookup`;
}

/**
 * When the next attempt is due (`retry[min(n, len - 1)]`, delivery.rs @v0.15.5:1398-1401)
 * and when the message expires: after its TTL, or after `max` attempts (manager.rs:351),
 * which take the sum of their waits.
 */
function retryOf(schedule: ScheduleDef, retryNum: number): Plan["retry"] {
  const wait = (n: number) => schedule.retry[Math.min(n, schedule.retry.length - 1)] ?? 3_600_000;
  const expiry = schedule.expiry;
  return {
    retryNum,
    schedule: schedule.retry,
    nextInMs: wait(retryNum),
    ...(expiry.kind === "ttl"
      ? { expireMs: expiry.ms }
      : {
          expireMs: Array.from({ length: expiry.max }, (_, n) => wait(n)).reduce(
            (a, b) => a + b,
            0,
          ),
          expireAttempts: expiry.max,
        }),
  };
}

function nextHop(def: RouteDef): Plan["nextHop"] {
  if (def.kind !== "relay") return { kind: def.kind };
  return {
    kind: "relay",
    relay: def.name,
    address: def.address,
    port: def.port,
    protocol: def.protocol,
  };
}

function routeChoice(route: Chosen<RouteDef>): NonNullable<Plan["route"]> {
  const def = route.def;
  const common = {
    name: route.name,
    kind: def.kind,
    branch: route.branch,
    fallback: route.fallback,
    ...(def.at ? { key: def.at.key } : {}),
  };
  if (def.kind === "mx") {
    return {
      ...common,
      limits: { mx: def.maxMx, multihomed: def.multihomed },
      ipLookup: def.ipLookup,
    };
  }
  if (def.kind === "local") return common;
  const { address, port, protocol, implicitTls, allowInvalidCerts, auth } = def;
  return { ...common, relay: { address, port, protocol, implicitTls, allowInvalidCerts, auth } };
}

function hostnameNote(config: StrategyConfig, diagnostics: Diagnostic[]): void {
  if (config.hostname.from !== "machine") return;
  const where =
    config.model === "v0.16"
      ? "SystemSettings.defaultHostname is not given (Stalwart sets it to the machine's hostname when it first starts)"
      : "Neither server.hostname nor lookup.default.hostname is set";
  diagnostics.push({
    severity: "info",
    code: "hostname_from_machine",
    message: `${where}, so an attempt with no EHLO name of its own says EHLO with the machine's hostname, which the playground cannot know: the plan shows ${config.hostname.value} in its place.`,
  });
}

/**
 * Config + context + resolver + random → the delivery plan of one recipient domain, as
 * Stalwart v0.12 would run it (crates/smtp/src/outbound/delivery.rs, lookup.rs), told in
 * the steps of spec §3: nextHop → mxHosts → hostIps → sourceIps → attempts, then the EHLO
 * name and the retry schedule.
 */
import type { Analysis } from "../config/analysis";
import { MACHINE_HOSTNAME } from "../config/server-hostname";
import { type IpStrategy, SETTINGS, type Setting } from "../config/settings";
import type { Attempt, Plan, PlannedHost } from "../contract/plan";
import type { LookupResult, QueryType, Resolver } from "../dns/types";
import type { Diagnostic } from "../errors";
import type { Random } from "../io";
import { parseIp } from "../ip";
import type { Meter } from "../meter";
import { type DeliveryContext, Envelope } from "./envelope";
import { hostIps } from "./ip-lookup";
import { mxHosts } from "./mx";
import { resolveNextHop } from "./next-hop";
import { type Evaluated, evaluateSetting, makeEnv, type SettingSources } from "./settings-eval";
import { sourceIps } from "./source-ip";

export interface PlanDeps {
  readonly resolver: Resolver & { peek(name: string, type: QueryType): LookupResult | undefined };
  readonly random: Random;
  readonly seed: number;
  readonly localDomains?: readonly string[];
  /** The request's cost meter, shared with the config analysis (meter.ts). */
  readonly meter?: Meter;
}

/** A config Stalwart starts on: what `analyzeConfig` gives when it loads. */
export type ReadConfig = Required<Pick<Analysis, "config" | "blocks">>;

export type PlanBody = Omit<Plan, "diagnostics" | "dns">;

/** What the steps found. */
type Steps = Pick<PlanBody, "nextHop" | "mx" | "hosts" | "attempts" | "outcome">;

/** What was settled before the steps. */
interface Start {
  readonly seed: number;
  readonly strategy: Evaluated<IpStrategy>;
  readonly limits: PlanBody["limits"];
}

export async function planDelivery(
  read: ReadConfig,
  ctx: DeliveryContext,
  deps: PlanDeps,
  diagnostics: Diagnostic[],
): Promise<PlanBody> {
  const envelope = new Envelope(ctx);
  const note = (code: string, message: string) =>
    diagnostics.push({ severity: "warning", code, message });
  const env = makeEnv(
    {
      config: read.config,
      resolver: deps.resolver,
      localDomains: deps.localDomains ?? [],
      ...(deps.meter ? { meter: deps.meter } : {}),
      note,
    },
    (name) => envelope.get(name),
  );
  const sources: SettingSources = { ...read, env, resolver: deps.resolver, diagnostics };
  const evaluate = <T>(setting: Setting<T>) => evaluateSetting(sources, setting);

  const strategy = await evaluate(SETTINGS.ipStrategy);
  const limits = {
    mx: (await evaluate(SETTINGS.limitsMx)).value,
    multihomed: (await evaluate(SETTINGS.limitsMultihomed)).value,
  };
  const plan = (steps: Steps) =>
    finish(sources, envelope, { seed: deps.seed, strategy, limits }, steps);

  const hop = resolveNextHop(read.config, (await evaluate(SETTINGS.nextHop)).value, diagnostics);
  if (hop.kind === "local") {
    const why =
      hop.relay === undefined
        ? "next-hop is 'local'"
        : `next-hop names remote.${hop.relay.id}, whose protocol is ${hop.relay.protocol}`;
    return plan({
      nextHop: { kind: "local" },
      mx: { status: "skipped", records: [] },
      hosts: [],
      attempts: [],
      outcome: {
        kind: "local_delivery",
        message: `${why}: the message is delivered locally, no remote host is tried.`,
      },
    });
  }
  const nextHop: Plan["nextHop"] =
    hop.kind === "relay"
      ? {
          kind: "relay",
          relay: hop.id,
          address: hop.address,
          port: hop.port,
          protocol: hop.protocol,
          implicitTls: hop.implicitTls,
        }
      : { kind: "mx" };

  const found = await mxHosts(hop, ctx.domain, limits.mx, deps.resolver, deps.random);
  if ("outcome" in found) {
    return plan({ nextHop, mx: found.mx, hosts: [], attempts: [], outcome: found.outcome });
  }

  const resolved = await hostIps(sources, envelope, found.slots, limits.multihomed);
  const hosts = await sourceIps(sources, envelope, resolved, deps.random);
  const attempts = attemptsOf(hosts);
  return plan({ nextHop, mx: found.mx, hosts, attempts, outcome: outcomeOf(hosts, attempts) });
}

/** One connection per address of each host, in order, from the pick of its family. */
function attemptsOf(hosts: readonly PlannedHost[]): Attempt[] {
  const attempts: Attempt[] = [];
  for (const host of hosts) {
    for (const ip of host.ips) {
      const family = parseIp(ip)?.family === 6 ? "ipv6" : "ipv4";
      attempts.push({
        n: attempts.length + 1,
        host: host.name,
        preference: host.preference,
        ip,
        family,
        sourceIp: family === "ipv4" ? host.source.v4.picked : host.source.v6.picked,
      });
    }
  }
  return attempts;
}

/** Null while there is an address to try; else the last host's error decides (delivery.rs). */
export function outcomeOf(
  hosts: readonly PlannedHost[],
  attempts: readonly Attempt[],
): Plan["outcome"] {
  if (attempts.length > 0) return null;
  const last = hosts[hosts.length - 1];
  if (last === undefined) return { kind: "temporary_failure", message: "No host to try." };
  return {
    kind: last.error?.permanent ? "permanent_failure" : "temporary_failure",
    message: last.error?.message ?? "No IP addresses to try.",
  };
}

/**
 * The plan, with what Stalwart evaluates last: the EHLO name (when it connects) and the
 * retry schedule (when the attempt has failed, `mx` still the last host's).
 */
async function finish(
  sources: SettingSources,
  envelope: Envelope,
  start: Start,
  steps: Steps,
): Promise<PlanBody> {
  const hostname = await ehloName(sources);
  const schedule = (await evaluateSetting(sources, SETTINGS.retry)).value;
  const expireMs = (await evaluateSetting(sources, SETTINGS.expire)).value;
  const retryNum = envelope.retryNum;
  const { value, branch } = start.strategy;
  return {
    model: "v0.12",
    seed: start.seed,
    strategy: { value, key: SETTINGS.ipStrategy.key, branch },
    limits: start.limits,
    retry: {
      retryNum,
      schedule,
      nextInMs: schedule[Math.min(retryNum, schedule.length - 1)] ?? 60_000,
      expireMs,
    },
    hostname,
    ...steps,
    // Every connection says EHLO with the one name (its variables cannot depend on the host).
    attempts: steps.attempts.map((a) => ({ ...a, ehlo: { name: hostname, from: "hostname" } })),
  };
}

/** `queue.outbound.hostname`; empty falls back to `local.host` (delivery.rs, with a warning). */
async function ehloName(sources: SettingSources): Promise<string> {
  const hostname = (await evaluateSetting(sources, SETTINGS.hostname)).value;
  if (hostname.includes(MACHINE_HOSTNAME)) {
    sources.diagnostics.push({
      severity: "info",
      code: "hostname_from_machine",
      key: "server.hostname",
      message: `Neither server.hostname nor lookup.default.hostname is set, so Stalwart names itself after the machine it runs on (its hostname, lower-cased), which the playground cannot know: the plan shows ${MACHINE_HOSTNAME} in its place.`,
    });
  }
  if (hostname !== "") return hostname;
  sources.diagnostics.push({
    severity: "info",
    code: "hostname_missing",
    key: SETTINGS.hostname.key,
    message:
      "The EHLO name (queue.outbound.hostname) evaluates to an empty string, so Stalwart says EHLO local.host.",
  });
  return "local.host";
}

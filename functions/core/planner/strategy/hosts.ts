/**
 * Steps 2–3 of a strategy plan (spec §2.3–2.6): the hosts of the route and their
 * addresses. An mx route takes the MX records exactly as v0.12 does (mx.ts, with the
 * route's `limits.mx`) and resolves each host with the route's ip-lookup and
 * `limits.multihomed`; a relay is one host resolved ipv4_then_ipv6, at most 10 addresses
 * (outbound/mod.rs @v0.15.5:259-272). v0.16 uses a relay address that is an IP as it is,
 * without DNS (`HostOrIp::Ip`, lookup.rs @v0.16.18:146); v0.13–v0.15 look it up as a name.
 * All lookups start together; the answers are combined in Stalwart's order (ip-lookup.ts).
 */
import type { Plan, Strategy } from "../../contract/plan";
import type { Random } from "../../io";
import { isLoopback, parseIp } from "../../ip";
import type { RouteDef, StrategyModel } from "../../models/strategy-config";
import { combine, type HostIps, noAddresses, startLookups } from "../ip-lookup";
import { mxHosts, type Slot } from "../mx";
import type { PlanDeps } from "../planner";

export type RemoteRoute = Exclude<RouteDef, { kind: "local" }>;

export type RouteHosts =
  | { readonly mx: Plan["mx"]; readonly hosts: readonly HostIps[] }
  | { readonly mx: Plan["mx"]; readonly outcome: NonNullable<Plan["outcome"]> };

/** The strategy and address limit a route resolves its hosts with. */
export function lookupOf(route: RemoteRoute): { strategy: Strategy; max: number } {
  return route.kind === "mx"
    ? { strategy: route.ipLookup, max: route.multihomed }
    : { strategy: "ipv4_then_ipv6", max: 10 };
}

export async function routeHosts(
  route: RemoteRoute,
  domain: string,
  model: StrategyModel,
  deps: Pick<PlanDeps, "resolver"> & { readonly random: Random },
): Promise<RouteHosts> {
  if (route.kind === "relay") {
    const slot: Slot = { name: route.address, preference: null, shuffled: false, implicit: false };
    const literal = model === "v0.16" ? route.addressIp : null;
    const host = literal === null ? (await resolve(route, [slot], deps))[0] : ipHost(slot, literal);
    return { mx: { status: "skipped", records: [] }, hosts: host ? [host] : [] };
  }
  const found = await mxHosts({ kind: "mx" }, domain, route.maxMx, deps.resolver, deps.random);
  if ("outcome" in found) return { mx: found.mx, outcome: found.outcome };
  return { mx: found.mx, hosts: await resolve(route, found.slots, deps) };
}

/** Every host's lookups at once, then combined host by host. */
async function resolve(
  route: RemoteRoute,
  slots: readonly Slot[],
  deps: Pick<PlanDeps, "resolver">,
): Promise<HostIps[]> {
  const { strategy, max } = lookupOf(route);
  const started = slots.map((slot) => ({
    slot,
    lookups: startLookups(deps.resolver, slot.name, strategy),
  }));
  const hosts: HostIps[] = [];
  for (const { slot, lookups } of started) {
    const a = await lookups.a;
    const aaaa = await lookups.aaaa;
    const resolved = combine(slot.name, strategy, a, aaaa, max, slot.implicit, noAddresses);
    hosts.push({ ...slot, strategy, ...resolved });
  }
  return hosts;
}

/** A relay given as an IP (v0.16): that address only, still refused when it is loopback. */
function ipHost(slot: Slot, ip: string): HostIps {
  const parsed = parseIp(ip);
  const loopback = parsed !== null && isLoopback(parsed);
  return {
    ...slot,
    strategy: "ipv4_then_ipv6",
    ips: loopback ? [] : [ip],
    dropped: loopback ? [{ ip, reason: "loopback" }] : [],
    error: loopback ? { permanent: true, message: "host resolves loopback address" } : null,
  };
}

/**
 * Step 1 of a strategy plan (spec §2.1–2.2): every recipient's route, and the groups
 * Stalwart delivers together (delivery.rs @v0.15.5:218-256). The route selector sees one
 * recipient's envelope (mx empty, remote_ip and local_ip 0.0.0.0); recipients are grouped
 * by (domain, route) where routes compare by value, and an mx route's value is only its
 * two limits (`MxConfig`'s Hash/Eq skip the ip-lookup strategy, queue.rs:897-910): two mx
 * routes that differ only in ip-lookup make one group, under the first recipient's route.
 * The schedule selector is evaluated per recipient too: it names the recipient's queue.
 */
import type { EvalEnv } from "../../expr/types";
import { builtinRoute, DEFAULT_SCHEDULE } from "../../models/strategy-builtins";
import type { RouteDef, ScheduleDef, StrategyConfig } from "../../models/strategy-config";
import type { DeliveryContext, Envelope } from "../envelope";
import { type Chooser, type Chosen, choose } from "./choose";
import { queueEnvelope, type Recipient, recipientsOf } from "./envelope";

export interface Routed {
  readonly rcpt: Recipient;
  readonly route: Chosen<RouteDef>;
  readonly schedule: Chosen<ScheduleDef>;
  readonly envelope: Envelope;
}

export interface Group {
  readonly domain: string;
  /** The first recipient's route: the one the group is delivered by. */
  readonly route: Chosen<RouteDef>;
  readonly members: readonly Routed[];
}

/** Route equality as Stalwart's `RoutingStrategy` derives it. */
function routeValue(route: RouteDef): string {
  switch (route.kind) {
    case "local":
      return "local";
    case "mx":
      return `mx ${route.maxMx} ${route.multihomed}`;
    case "relay":
      return JSON.stringify([
        "relay",
        route.address,
        route.port,
        route.protocol,
        route.auth,
        route.implicitTls,
        route.allowInvalidCerts,
      ]);
  }
}

export async function routeRecipients(
  config: StrategyConfig,
  ctx: DeliveryContext,
  ch: Chooser,
  envOf: (envelope: Envelope) => EvalEnv,
): Promise<Group[]> {
  const groups = new Map<string, { domain: string; route: Chosen<RouteDef>; members: Routed[] }>();
  for (const rcpt of recipientsOf(ctx)) {
    // The queue the message sits in is the one its schedule names (when it was queued,
    // the schedule saw the default queue).
    const queued = queueEnvelope(ctx, rcpt, "default");
    const schedule = await choose(
      ch,
      config.selectors.schedule,
      envOf(queued),
      config.schedules,
      () => DEFAULT_SCHEDULE,
    );
    const envelope = queueEnvelope(ctx, rcpt, schedule.def.queue);
    const route = await choose(
      ch,
      config.selectors.route,
      envOf(envelope),
      config.routes,
      builtinRoute,
    );
    const key = `${rcpt.domain}\u0000${routeValue(route.def)}`;
    const group = groups.get(key) ?? { domain: rcpt.domain, route, members: [] };
    group.members.push({ rcpt, route, schedule, envelope });
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The group a plan is about: the one of `rcpt`, else the first of the context's domain. */
export function targetGroup(groups: readonly Group[], ctx: DeliveryContext): Group | undefined {
  const rcpt = ctx.rcpt?.toLowerCase();
  return (
    (rcpt === undefined
      ? undefined
      : groups.find((g) => g.members.some((m) => m.rcpt.address === rcpt))) ??
    groups.find((g) => g.domain === ctx.domain) ??
    groups[0]
  );
}

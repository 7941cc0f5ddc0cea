/**
 * What a config shows before any evaluation: each name a selector can give (a `then` or
 * `else` that is a string literal) checked against the definitions Stalwart registers.
 * A missing name is not an error to Stalwart: it logs an event when the name is chosen
 * and falls back (crates/common/src/core.rs @v0.15.5:193-335, network/mta.rs @v0.16.18:
 * 236-375; spec §1.3). The route fallback is the classic upgrade failure: a relay that is
 * silently bypassed, the mail leaving by MX from the server's own address.
 */
import type { IfBlock } from "../config/if-block";
import type { Diagnostic } from "../errors";
import { stringLiteral } from "../expr/parser";
import type { Expression } from "../expr/types";
import { NOT_FOUND_EVENT, quietFallback } from "./strategy-builtins";
import type { SelectorName, StrategyConfig } from "./strategy-config";

export const TargetCode = {
  RouteNotFound: "route_not_found",
  ConnectionNotFound: "connection_not_found",
  TlsNotFound: "tls_not_found",
  ScheduleNotFound: "schedule_not_found",
} as const;

export interface TargetContext {
  /** Routes Stalwart dropped while reading them, with why. */
  readonly droppedRoutes: ReadonlyMap<string, string>;
  /** v0.13–v0.15: connection blocks never registered (source-ips alone). */
  readonly unregistered: ReadonlySet<string>;
  /** Where the expression at a branch key (`….0.then`, `….else`) was written. */
  readonly place: (key: string) => { start: number; end: number } | undefined;
}

/** The string literals a written block evaluates to, with the key of each. */
function literals(block: IfBlock): { name: string; key: string }[] {
  if (block.origin === "builtin") return [];
  const out: { name: string; key: string }[] = [];
  const add = (expr: Expression, key: string | undefined) => {
    const name = stringLiteral(expr);
    if (name !== undefined && key !== undefined) out.push({ name, key });
  };
  for (const b of block.branches) add(b.then, b.thenKey);
  if (block.default !== null) add(block.default, block.defaultKey);
  return out;
}

/**
 * Whether `block` writes `name` as a literal: checkTargets has then reported it already,
 * where it is written and with why it is missing, so a plan that chooses it says no more.
 */
export function writesName(block: IfBlock, name: string): boolean {
  return literals(block).some((l) => l.name === name);
}

/** What Stalwart does when a selector gives a name nothing defines. */
export const FALLBACKS: Readonly<Record<SelectorName, { code: string; outcome: string }>> = {
  route: {
    code: TargetCode.RouteNotFound,
    outcome: "delivers by MX, from this server's own addresses: a relay meant here is bypassed",
  },
  connection: {
    code: TargetCode.ConnectionNotFound,
    outcome:
      "connects with the built-in connection: no source address (the OS picks one), the server hostname as EHLO name",
  },
  tls: {
    code: TargetCode.TlsNotFound,
    outcome: "uses the built-in TLS strategy (STARTTLS, DANE and MTA-STS optional)",
  },
  schedule: {
    code: TargetCode.ScheduleNotFound,
    outcome: "uses the built-in schedule (retries after 2m, 5m, 10m, 15m, 30m, 1h, 2h)",
  },
};

const REGISTRY_TYPES: Readonly<Record<SelectorName, string>> = {
  route: "MtaRoute",
  connection: "MtaConnectionStrategy",
  tls: "MtaTlsStrategy",
  schedule: "MtaDeliverySchedule",
};

export function checkTargets(config: StrategyConfig, ctx: TargetContext): Diagnostic[] {
  const defined: Readonly<Record<SelectorName, ReadonlyMap<string, unknown>>> = {
    route: config.routes,
    connection: config.connections,
    tls: config.tls,
    schedule: config.schedules,
  };
  const out: Diagnostic[] = [];
  for (const selector of Object.values(config.selectors)) {
    const seen = new Set<string>();
    for (const { name, key } of literals(selector.block)) {
      if (defined[selector.name].has(name) || quietFallback(selector.name, name)) continue;
      if (seen.has(name)) continue;
      seen.add(name);
      const { code, outcome } = FALLBACKS[selector.name];
      const event = NOT_FOUND_EVENT[selector.name];
      const why = missingWhy(config, selector.name, name, ctx);
      out.push({
        severity: "warning",
        code,
        message: `${selector.key} can choose "${name}", but ${why}: Stalwart logs "${event}" and ${outcome}`,
        key,
        ...(ctx.place(key) ?? {}),
      });
    }
  }
  return out;
}

function missingWhy(
  config: StrategyConfig,
  selector: SelectorName,
  name: string,
  ctx: TargetContext,
): string {
  const dropped = selector === "route" ? ctx.droppedRoutes.get(name) : undefined;
  if (dropped !== undefined) return `route "${name}" is dropped (${dropped})`;
  if (selector === "connection" && ctx.unregistered.has(name))
    return `connection "${name}" is never registered (it has source-ips, but no timeout.* or ehlo-hostname)`;
  if (config.model === "v0.16") {
    return `no ${REGISTRY_TYPES[selector]} is named "${name}"`;
  }
  return `no [queue.${selector}.${name}] is defined`;
}

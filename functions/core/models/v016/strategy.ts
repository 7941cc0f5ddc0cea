/**
 * Stalwart v0.16 registry objects (load.ts: read, validated, safe defaults added) → the
 * StrategyConfig Stalwart would run (`QueueConfig::parse`, crates/common/src/config/smtp/
 * queue.rs @v0.16.18:209-420): the four expressions compiled with v0.16's language and
 * rules (compile.ts), routes (a relay address that parses as an IP used without DNS),
 * connection strategies (source addresses split by family in list order, each with its
 * own EHLO name), TLS strategies, schedules, and `SystemSettings.defaultHostname`.
 */
import { builtinIfBlock, type IfBlock } from "../../config/if-block";
import type { Diagnostic } from "../../errors";
import { member } from "../json/tree";
import { checkTargets } from "../selector-targets";
import type { RouteDef, Selector, SelectorName, StrategyConfig, Written } from "../strategy-config";
import { relayNotes, staleAddresses } from "../strategy-notes";
import { SELECTOR_VARIABLES, selectorTokens } from "../strategy-tokens";
import { compileExpression, type Places } from "./compile";
import { connection, hostname, route, schedule, tls } from "./definitions";
import { expressionSource } from "./expression-source";
import type { Registry, RegistryObject } from "./load";
import { OUTBOUND_DEFAULTS } from "./registry";

export interface V016Strategy {
  readonly config: StrategyConfig;
  readonly diagnostics: readonly Diagnostic[];
  /** Where each expression string was written, by branch key (`…route.match.0.then`). */
  readonly places: Places;
}

/** Each selector's default (`OUTBOUND_DEFAULTS`), parsed once: the expressions never change. */
const builtin = (name: SelectorName): IfBlock =>
  builtinIfBlock(
    `MtaOutboundStrategy.${name}`,
    { branches: OUTBOUND_DEFAULTS[name].match, else: OUTBOUND_DEFAULTS[name].else },
    selectorTokens("v0.16", name),
  );

const BUILTIN_BLOCKS: Readonly<Record<SelectorName, IfBlock>> = {
  route: builtin("route"),
  connection: builtin("connection"),
  tls: builtin("tls"),
  schedule: builtin("schedule"),
};

export function strategyOf(registry: Registry): V016Strategy {
  const diagnostics: Diagnostic[] = [];
  const places: Places = new Map();
  const selector = (name: SelectorName): Selector => {
    const key = `MtaOutboundStrategy.${name}`;
    const tokens = selectorTokens("v0.16", name);
    const source = expressionSource(registry.outbound, name);
    const written = registry.outbound.value[name];
    const block =
      (source === undefined
        ? undefined
        : compileExpression(key, written, source, tokens, { diagnostics, places })) ??
      BUILTIN_BLOCKS[name];
    return { name, key, block, variables: SELECTOR_VARIABLES[name] };
  };
  const config: StrategyConfig = {
    model: "v0.16",
    selectors: {
      route: selector("route"),
      connection: selector("connection"),
      tls: selector("tls"),
      schedule: selector("schedule"),
    },
    routes: mapOf(registry.routes, route),
    connections: mapOf(registry.connections, connection),
    tls: mapOf(registry.tls, tls),
    schedules: mapOf(registry.schedules, schedule),
    hostname: hostname(registry),
  };
  const place = (key: string) => places.get(key);
  diagnostics.push(
    ...checkTargets(config, { droppedRoutes: new Map(), unregistered: new Set(), place }),
    ...relayNotes(
      config,
      (r, field) => `MtaRoute[${r.name}].${field === "tls" ? "implicitTls" : field}`,
      (key) => writtenField(registry, key),
      place,
    ),
    ...staleAddresses([config.selectors.connection, config.selectors.tls], place),
  );
  return { config, diagnostics, places };
}

function mapOf<V, D>(
  objects: ReadonlyMap<string, RegistryObject<V>>,
  convert: (o: RegistryObject<V>, origin: Pick<RouteDef, "origin" | "at">) => D,
): Map<string, D> {
  const out = new Map<string, D>();
  for (const [name, o] of objects) out.set(name, convert(o, originOf(o)));
  return out;
}

function originOf(o: RegistryObject<unknown>): Pick<RouteDef, "origin" | "at"> {
  if (o.node === undefined) return { origin: "default" };
  const at: Written = { key: o.key, start: o.node.start, end: o.node.end };
  return { origin: "config", at };
}

/** Whether `MtaRoute[name].field` is written in the text. */
function writtenField(registry: Registry, key: string): boolean {
  const m = /^MtaRoute\[(.*)\]\.([^.]+)$/.exec(key);
  const node = m?.[1] === undefined ? undefined : registry.routes.get(m[1])?.node;
  return node !== undefined && member(node, m?.[2] ?? "") !== undefined;
}

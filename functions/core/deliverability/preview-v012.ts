/**
 * The source addresses and EHLO name a v0.12 plan will most likely use, read from the
 * config before any lookup, so that the checks' lookups start at once beside the plan's
 * MX lookup instead of after its two round trips. Only settings whose value cannot
 * depend on the MX host or on DNS are read (`mx` is unknown yet, `dns_query()` would
 * wait); the others are left to the pass over the finished plan, which is what counts:
 * a preview only starts lookups early.
 */
import { builtinBlock, evalIfBlock, type IfBlock } from "../config/if-block";
import { SETTINGS, type Setting } from "../config/settings";
import { CoreError } from "../errors";
import { mentions } from "../expr/parser";
import { type ParsedIp, parseIp } from "../ip";
import { type DeliveryContext, Envelope } from "../planner/envelope";
import type { ReadConfig } from "../planner/planner";
import { makeEnv } from "../planner/settings-eval";
import { LOCAL_HOST } from "./pass";

export interface SourcePreview {
  readonly ips: readonly ParsedIp[];
  readonly ehlos: readonly string[];
}

function fixed(block: IfBlock): boolean {
  const exprs = block.branches.flatMap((b) => [b.condition, b.then]);
  if (block.default !== null) exprs.push(block.default);
  return exprs.every((e) => !mentions(e, "var", "mx") && !mentions(e, "fn", "dns_query"));
}

export function previewV012(read: ReadConfig, ctx: DeliveryContext): SourcePreview {
  const envelope = new Envelope(ctx);
  const unused = { peek: () => undefined };
  const env = makeEnv(
    { config: read.config, resolver: unused, localDomains: [], note: () => {} },
    (name) => envelope.get(name),
  );
  // A fixed block needs no lookup: it evaluates at once, with Stalwart's fall-backs.
  const value = <T>(setting: Setting<T>): T | undefined => {
    const block = read.blocks.get(setting.id) ?? builtinBlock(setting);
    if (!fixed(block)) return undefined;
    try {
      return setting.convert(evalIfBlock(block, env).value) ?? setting.fallback;
    } catch (e) {
      if (e instanceof CoreError) return setting.fallback;
      throw e;
    }
  };
  const hostname = value(SETTINGS.hostname);
  const ips: ParsedIp[] = [];
  for (const setting of [SETTINGS.sourceIpV4, SETTINGS.sourceIpV6]) {
    for (const ip of value(setting) ?? []) {
      const parsed = parseIp(ip);
      if (parsed) ips.push(parsed);
    }
  }
  return { ips, ehlos: hostname === undefined ? [] : [hostname || LOCAL_HOST] };
}

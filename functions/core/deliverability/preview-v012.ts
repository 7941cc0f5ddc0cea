/**
 * The source addresses and EHLO name a v0.12 plan will most likely use, read from the
 * config before any lookup, so that the checks' lookups start at once beside the plan's
 * MX lookup instead of after its two round trips. Only settings whose value cannot
 * depend on the MX host or on DNS are read (`mx` is unknown yet, `dns_query()` would
 * wait); the others are left to the pass over the finished plan, which is what counts:
 * a preview only starts lookups early.
 */
import { type IfBlock, readIfBlock } from "../config/if-block";
import { SETTINGS } from "../config/settings";
import type { LoadedConfig } from "../config/toml-loader";
import type { Diagnostic } from "../errors";
import { mentions } from "../expr/parser";
import { type ParsedIp, parseIp } from "../ip";
import { type DeliveryContext, Envelope } from "../planner/envelope";
import { evalSetting, type SettingId } from "../planner/setting-values";
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

export function previewV012(config: LoadedConfig, ctx: DeliveryContext): SourcePreview {
  const envelope = new Envelope(ctx);
  const unused = {
    peek: () => undefined,
    lookup: () => Promise.resolve({ status: "error" as const, message: "preview" }),
  };
  const env = makeEnv({ config, resolver: unused, localDomains: [], note: () => {} }, (name) =>
    envelope.get(name),
  );
  const blocks = new Map<SettingId, IfBlock>();
  // Findings belong to the plan's own evaluation of these settings, not to the preview.
  const ignored: Diagnostic[] = [];
  const value = <T>(id: SettingId): T | undefined => {
    const block = readIfBlock(config, SETTINGS[id], ignored);
    if (!fixed(block)) return undefined;
    blocks.set(id, block);
    const r = evalSetting<T>(id, config, blocks, env, unused, ignored);
    return r instanceof Promise ? undefined : r.value;
  };
  const hostname = value<string>("hostname");
  const ips: ParsedIp[] = [];
  for (const id of ["sourceIpV4", "sourceIpV6"] as const) {
    for (const ip of value<readonly string[]>(id) ?? []) {
      const parsed = parseIp(ip);
      if (parsed) ips.push(parsed);
    }
  }
  return { ips, ehlos: hostname === undefined ? [] : [hostname || LOCAL_HOST] };
}

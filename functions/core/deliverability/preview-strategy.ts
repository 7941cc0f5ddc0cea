/**
 * The source addresses and EHLO names a v0.13+ plan will most likely use, read from its
 * StrategyConfig before any lookup, so the checks' lookups start beside the plan's (as
 * preview-v012.ts does for v0.12): the connections the connection selector names with a
 * string literal (`default` too, the name of a failed evaluation). The pass over the
 * finished plan is what counts; a preview only starts lookups early.
 */
import { stringLiteral } from "../expr/parser";
import { type ParsedIp, parseIp } from "../ip";
import type { StrategyConfig } from "../models/strategy-config";
import type { SourcePreview } from "./preview-v012";

export function previewStrategy(config: StrategyConfig): SourcePreview {
  const block = config.selectors.connection.block;
  const names = new Set(["default"]);
  for (const e of [...block.branches.map((b) => b.then), block.default]) {
    const name = e === null ? undefined : stringLiteral(e);
    if (name !== undefined) names.add(name);
  }
  const ips: ParsedIp[] = [];
  const ehlos = new Set<string>();
  for (const name of names) {
    const conn = config.connections.get(name);
    if (conn === undefined) continue;
    for (const source of [...conn.v4, ...conn.v6]) {
      const ip = parseIp(source.ip);
      if (ip) ips.push(ip);
      ehlos.add(source.ehlo ?? conn.ehlo ?? config.hostname.value);
    }
  }
  return { ips, ehlos: [...ehlos] };
}

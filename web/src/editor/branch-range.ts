/**
 * Where in the config text the branch that chose the strategy (or the route) is written,
 * so the editor can highlight it. Uses the core's TOML loader, which keeps every key's
 * position.
 */
import { lineColumnRange, loadConfigText, type Plan } from "../core-adapter";

export interface TextRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export async function branchRange(
  config: string,
  key: string,
  index: number | string,
): Promise<TextRange | null> {
  let loaded: Awaited<ReturnType<typeof loadConfigText>>;
  try {
    loaded = await loadConfigText(config);
  } catch {
    return null;
  }
  const span = (start: number, end: number) => lineColumnRange(config, start, end);
  const own = loaded.get(key);
  if (index === "default" || own) return own ? span(own.keyStart, own.valueEnd) : null;
  const keys = loaded.keysUnder(`${key}.`);
  const positions = [...new Set(keys.map((k) => k.slice(key.length + 1).split(".")[0] ?? ""))];
  const pos =
    index === "else"
      ? positions.find((p) => loaded.has(`${key}.${p}.else`))
      : positions[Number(index)];
  if (pos === undefined) return null;
  const parts = keys
    .filter((k) => k.startsWith(`${key}.${pos}.`))
    .map((k) => loaded.get(k))
    .filter((e) => e !== undefined);
  if (parts.length === 0) return null;
  return span(Math.min(...parts.map((e) => e.keyStart)), Math.max(...parts.map((e) => e.valueEnd)));
}

/**
 * The branch to highlight for a plan: the one that chose the strategy (v0.12), or the
 * route (v0.13 TOML); none for v0.16's JSON.
 */
export function highlightOf(plan: Plan | null): { key: string; index: number | string } | null {
  if (!plan || plan.model === "v0.16") return null;
  if (plan.route) return { key: "queue.strategy.route", index: plan.route.branch.index };
  return { key: plan.strategy.key, index: plan.strategy.branch.index };
}

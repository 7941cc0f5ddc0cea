/**
 * Where in the config text the branch that chose the strategy is written, so the editor
 * can highlight it. Uses the core's TOML loader, which keeps every key's position.
 */
import { lineColumnRange, loadConfigText } from "../core-adapter";

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

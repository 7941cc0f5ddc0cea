/** Calls to POST /api/migrate in process, and readers of what it writes. */
import { parse as parseToml } from "smol-toml";
import { expect } from "vitest";
import { loadConfig } from "../../../functions/core/config/toml/loaded-config";
import type { MigrateNote, MigrateResponse } from "../../../functions/core/contract";
import { loadRegistry } from "../../../functions/core/models/v016/load";
import { post } from "../../support/api";

export async function migrate(
  config: string,
  target: "v0.13" | "v0.16",
  extra: Record<string, unknown> = {},
): Promise<MigrateResponse> {
  const res = await post("/api/migrate", { config, target, ...extra });
  const body: unknown = await res.json();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body)}`);
  return body as MigrateResponse;
}

/**
 * The v0.13 TOML as Stalwart v0.13.1+ flattens it (key → value), after checking that a
 * standard TOML parser reads it too.
 */
export function tomlKeys(text: string): Map<string, string> {
  expect(() => parseToml(text)).not.toThrow();
  const config = loadConfig(text, { keyRule: "v0.13" });
  return new Map(config.keys.map((k) => [k, config.get(k)?.value ?? ""]));
}

/** The keys under `prefix`, with the prefix cut off. */
export function under(keys: Map<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(
    [...keys].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]),
  );
}

export interface PlanLine {
  readonly "@type": string;
  readonly object: string;
  readonly matchOn?: readonly string[];
  readonly value: Record<string, Record<string, unknown>>;
}

/** The NDJSON plan, one parsed line each; the v0.16 reader must read it without an error. */
export function planLines(text: string): PlanLine[] {
  const errors = loadRegistry(text).diagnostics.filter((d) => d.severity === "error");
  expect(errors).toEqual([]);
  return text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as PlanLine);
}

/** The object named `name` of type `object` in a plan. */
export function planObject(
  lines: PlanLine[],
  object: string,
  name: string,
): Record<string, unknown> {
  const line = lines.find((l) => l.object === object);
  const found = Object.values(line?.value ?? {}).find((o) => o.name === name);
  if (found === undefined) throw new Error(`no ${object} named ${name}`);
  return found;
}

/** The update of a singleton in a plan. */
export function singleton(lines: PlanLine[], object: string): Record<string, unknown> {
  const line = lines.find((l) => l.object === object && l["@type"] === "update");
  if (line === undefined) throw new Error(`no update of ${object}`);
  return line.value;
}

export const codes = (notes: readonly MigrateNote[]): string[] => notes.map((n) => n.code);

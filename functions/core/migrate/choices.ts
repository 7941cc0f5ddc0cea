/**
 * A ≤ v0.12 setting's if-block as the values it can take (spec stalwart-strategy.md §6):
 * each branch's condition kept as written, each `then` worked out now, since a v0.13+
 * definition holds a plain value, not an expression. Where v0.12 would fall back (the value
 * fails or cannot be converted) the fallback is what the server really did, so that is what
 * is carried over, with a note. A value that depends on the message cannot be carried.
 */
import { builtinBlock, type IfBlock } from "../config/if-block";
import type { Setting, SettingId } from "../config/settings";
import type { LoadedConfig } from "../config/toml/loaded-config";
import { SERVER_FUNCTIONS } from "../expr/catalog";
import { evaluateConstant } from "../expr/constant";
import { valueQuoted } from "../expr/format";
import type { EvalEnv, Expression } from "../expr/types";
import { MigrateCode } from "./codes";
import type { Choices, Note, Origin } from "./types";

const SERVER_FUNCTION_NAMES = new Set(SERVER_FUNCTIONS.map(([name]) => name));

/** Whether a value can only be known from the message (variables, captures, the server). */
function readsMessage(expr: Expression): boolean {
  for (let i = 0; i < expr.names.length; i += 2) {
    const name = expr.names[i + 1] ?? "";
    if (expr.names[i] === "var" || SERVER_FUNCTION_NAMES.has(name)) return true;
  }
  return expr.items.some((i) => i.k === "capture");
}

export interface ChoiceSources {
  readonly config: LoadedConfig;
  readonly blocks: ReadonlyMap<SettingId, IfBlock>;
  /** Evaluates without a message: `config_get()` only (expr/constant.ts). */
  readonly env: EvalEnv;
  readonly notes: Note[];
}

/** The values `setting` takes in the config (its built-in block where it has none). */
export function choicesOf<T>(setting: Setting<T>, sources: ChoiceSources): Choices<T> {
  const block = sources.blocks.get(setting.id) ?? builtinBlock(setting);
  const builtin = block.origin === "builtin";
  const place = (key: string, start: number, end: number): Origin =>
    builtin ? { key: setting.key } : { key, start, end };
  const out: { when: Choices<T>[number]["when"]; value: T; origins: Origin[] }[] = [];
  for (const b of block.branches) {
    const origin = place(b.conditionKey, b.start, b.end);
    out.push({
      when: [{ source: b.conditionSource, tokens: setting.tokens, origin }],
      value: settingValue(setting, b.then, place(b.thenKey, b.start, b.end), sources),
      origins: [origin],
    });
  }
  const entry = builtin ? undefined : sources.config.get(block.defaultKey ?? setting.key);
  const origin: Origin = entry
    ? { key: entry.key, start: entry.keyStart, end: entry.valueEnd }
    : { key: setting.key };
  const value =
    block.default === null
      ? setting.fallback
      : settingValue(setting, block.default, origin, sources);
  out.push({ when: [], value, origins: [origin] });
  return out;
}

/** A `then` as the value v0.12 would use, or its fallback with a note saying why. */
function settingValue<T>(
  setting: Setting<T>,
  expr: Expression,
  origin: Origin,
  sources: ChoiceSources,
): T {
  const note = (severity: Note["severity"], code: MigrateCode, why: string) => {
    sources.notes.push({
      severity,
      code,
      message: `${origin.key} = ${JSON.stringify(expr.source)} ${why}; the migration carries over ${describe(setting.fallback)}`,
      ...origin,
    });
    return setting.fallback;
  };
  if (readsMessage(expr)) {
    return note(
      "error",
      MigrateCode.ValueNotStatic,
      "depends on the message, and a v0.13+ definition holds a plain value: move the condition into an if/then branch",
    );
  }
  const r = evaluateConstant(expr, sources.env);
  if ("reads" in r) return note("error", MigrateCode.ValueNotStatic, "depends on the message");
  if ("error" in r) {
    return note(
      "warning",
      MigrateCode.ValueFails,
      `fails in Stalwart v0.12 (${r.error}), which then uses its fallback`,
    );
  }
  const converted = setting.convert(r.value);
  if (converted !== undefined) return converted;
  return note(
    "warning",
    MigrateCode.ValueUnusable,
    `gives ${valueQuoted(r.value)}, which Stalwart v0.12 cannot use here and replaces with its fallback`,
  );
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return v.length === 0 ? "an empty list" : JSON.stringify(v);
  return JSON.stringify(v);
}

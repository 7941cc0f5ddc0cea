/**
 * One setting's value for the current envelope: read its if-block once, evaluate it,
 * convert it, and fall back to Stalwart's value on failure with a diagnostic that says
 * so (spec §1: "If it fails to evaluate or convert").
 */
import { type IfBlock, readIfBlock } from "../config/if-block";
import { SETTINGS, type Setting, type SettingId } from "../config/settings";
import type { LoadedConfig } from "../config/toml-loader";
import type { Branch } from "../contract/plan";
import type { Resolver } from "../dns/types";
import type { Diagnostic } from "../errors";
import { valueDisplay } from "../expr/format";
import type { EvalEnv } from "../expr/types";
import type { Value } from "../expr/value";
import { type Evaluated, evalBlock } from "./settings-eval";

export type { SettingId };

function push(diagnostics: Diagnostic[], d: Diagnostic): void {
  if (!diagnostics.some((x) => x.code === d.code && x.key === d.key && x.message === d.message)) {
    diagnostics.push(d);
  }
}

function describeFallback(v: unknown): string {
  if (Array.isArray(v)) return v.length === 0 ? "an empty list" : JSON.stringify(v);
  return JSON.stringify(v);
}

/**
 * The setting's value for the current envelope: synchronous unless a `dns_query()`
 * lookup is pending (then a promise), so plans do not pay a promise per setting.
 */
export function evalSetting<T>(
  id: SettingId,
  config: LoadedConfig,
  blocks: Map<SettingId, IfBlock>,
  env: EvalEnv,
  resolver: Resolver,
  diagnostics: Diagnostic[],
): Evaluated<T> | Promise<Evaluated<T>> {
  const setting = SETTINGS[id] as Setting<unknown> as Setting<T>;
  let block = blocks.get(id);
  if (block === undefined) {
    block = readIfBlock(config, setting as Setting<unknown>, diagnostics);
    blocks.set(id, block);
  }
  const r = evalBlock(block, env, resolver);
  return r instanceof Promise
    ? r.then((x) => settle(setting, x, config, diagnostics))
    : settle(setting, r, config, diagnostics);
}

/** Converts an evaluated block, or falls back with a diagnostic (spec §1). */
function settle<T>(
  setting: Setting<T>,
  r: { value: Value; branch: Branch } | { error: string },
  config: LoadedConfig,
  diagnostics: Diagnostic[],
): Evaluated<T> {
  const entry = config.get(setting.key);
  const at = entry ? { start: entry.valueStart, end: entry.valueEnd } : {};
  if ("error" in r) {
    push(diagnostics, {
      severity: "warning",
      code: "eval_failed",
      key: setting.key,
      message: `${setting.key} failed to evaluate (${r.error}); Stalwart uses ${describeFallback(setting.fallback)}.`,
      ...at,
    });
    return { value: setting.fallback, raw: null, branch: { index: "default" }, converted: false };
  }
  const converted = setting.convert(r.value);
  if (converted === undefined) {
    push(diagnostics, convertDiagnostic(setting as Setting<unknown>, r.value, at));
    return { value: setting.fallback, raw: r.value, branch: r.branch, converted: false };
  }
  return { value: converted, raw: r.value, branch: r.branch, converted: true };
}

function convertDiagnostic(
  setting: Setting<unknown>,
  value: Value,
  at: { start?: number; end?: number },
): Diagnostic {
  const shown = valueDisplay(value);
  if (setting.id === "sourceIpV4" || setting.id === "sourceIpV6") {
    const family = setting.id === "sourceIpV4" ? "IPv4" : "IPv6";
    return {
      severity: "warning",
      code: "source_ip_list_dropped",
      key: setting.key,
      message: `${setting.key} evaluated to ${shown}, which is not a list of ${family} addresses: Stalwart drops the whole list silently, so connections are unbound (the OS picks the source address).`,
      ...at,
    };
  }
  return {
    severity: "warning",
    code: "convert_failed",
    key: setting.key,
    message: `${setting.key} evaluated to ${shown}, which Stalwart cannot use here; it falls back to ${describeFallback(setting.fallback)}.`,
    ...at,
  };
}

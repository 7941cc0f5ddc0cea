/**
 * Evaluating one setting's if-block for an envelope, with Stalwart's fall-back: when the
 * expression fails to evaluate or its value fails to convert, the built-in fallback
 * applies and a diagnostic says so (spec §1, last column). Also the `EvalEnv` that plans
 * and the expression console share.
 */
import type { Blocks } from "../config/analysis";
import {
  builtinBlock,
  evalIfBlock,
  type IfBlock,
  IfBlockEvalError,
  valueKey,
} from "../config/if-block";
import { serverHostname } from "../config/server-hostname";
import type { Setting } from "../config/settings";
import type { LoadedConfig } from "../config/toml/loaded-config";
import type { Branch } from "../contract/plan";
import type { QueryType, Resolver } from "../dns/types";
import { CoreError, type Diagnostic } from "../errors";
import { tooManyLookups } from "../expr/evaluator";
import { valueQuoted } from "../expr/format";
import type { EvalEnv } from "../expr/types";
import { PendingDns } from "../expr/types";
import type { Value } from "../expr/value";
import { LIMITS, limitMessage } from "../limits";
import type { Meter } from "../meter";

export interface Evaluated<T> {
  readonly value: T;
  readonly raw: Value | null;
  readonly branch: Branch;
  /** False when the fallback was used because evaluation or conversion failed. */
  readonly converted: boolean;
}

/** Where the server-backed functions get their answers, for plans and the console alike. */
export interface EnvSources {
  /** For `config_get()`; absent: every key reads as ''. */
  readonly config?: LoadedConfig;
  /** For `dns_query()`: answers of lookups already made in this evaluation. */
  readonly resolver: { peek(name: string, type: QueryType): ReturnType<EvalEnv["dnsLookup"]> };
  /** For `is_local_domain()`: ASCII domain names. */
  readonly localDomains: readonly string[];
  /** The request's cost meter (meter.ts); absent: each evaluation has a budget of its own. */
  readonly meter?: Meter;
  /** v0.16 `system('…')` / `metric('…')`. */
  readonly system?: (variable: string) => Value;
  /** Receives each distinct note (e.g. "the playground has no store") once. */
  readonly note: (code: string, message: string) => void;
}

export function makeEnv(
  sources: EnvSources,
  variable: (name: string) => Value | undefined,
): EvalEnv {
  const local = new Set(sources.localDomains.map((d) => d.toLowerCase()));
  const seen = new Set<string>();
  return {
    variable,
    isLocalDomain: (_dir, domain) => local.has(domain.toLowerCase()),
    // `Setting::Hostname` is the server's name; any other key is read as the file wrote
    // it (Stalwart's local config, before macros).
    configGet: (key) =>
      key === "server.hostname"
        ? serverHostname(sources.config).value
        : sources.config?.get(key)?.written,
    dnsLookup: (name, type) => sources.resolver.peek(name, type),
    ...(sources.meter ? { meter: sources.meter } : {}),
    ...(sources.system ? { system: sources.system } : {}),
    note: (code, message) => {
      if (seen.has(message)) return;
      seen.add(message);
      sources.note(code, message);
    },
  };
}

/** What evaluating a setting needs: the blocks read by the analysis, and the envelope's env. */
export interface SettingSources {
  readonly config: LoadedConfig;
  readonly blocks: Blocks;
  readonly env: EvalEnv;
  readonly resolver: Resolver;
  readonly diagnostics: Diagnostic[];
}

/** The setting's value for the current envelope, or its fallback with a diagnostic. */
export async function evaluateSetting<T>(
  sources: SettingSources,
  setting: Setting<T>,
): Promise<Evaluated<T>> {
  const block = sources.blocks.get(setting.id) ?? builtinBlock(setting);
  const r = await evaluateBlock(block, sources.env, sources.resolver);
  const at = placeOf(sources.config, setting.key);
  if ("error" in r) {
    push(sources.diagnostics, {
      severity: "warning",
      code: "eval_failed",
      key: setting.key,
      message: `${setting.key} failed to evaluate (${r.error}); Stalwart uses ${describe(setting.fallback)}.`,
      // At the expression that failed; the setting's value when that is not known.
      ...(r.key !== undefined ? placeOf(sources.config, r.key) : at),
    });
    return { value: setting.fallback, raw: null, branch: { index: "default" }, converted: false };
  }
  const converted = setting.convert(r.value);
  if (converted === undefined) {
    const key = valueKey(block, r.branch);
    const place = key !== undefined ? placeOf(sources.config, key) : at;
    push(sources.diagnostics, { ...convertDiagnostic(setting, r.value), ...place });
    return { value: setting.fallback, raw: r.value, branch: r.branch, converted: false };
  }
  return { value: converted, raw: r.value, branch: r.branch, converted: true };
}

/** `key`: where the expression that failed is written (see IfBlockEvalError). */
export type BlockResult = { value: Value; branch: Branch } | { error: string; key?: string };

/**
 * Evaluates, resolving `dns_query()` lookups as they are met: the evaluator is synchronous
 * and throws `PendingDns`; the lookup is made and the block evaluated again (expressions
 * are pure, so the rerun is exact). Bounded by the per-evaluation DoH budget.
 */
export async function evaluateBlock(
  block: IfBlock,
  env: EvalEnv,
  resolver: Resolver,
): Promise<BlockResult> {
  for (let round = 0; round <= LIMITS.dohQueries; round++) {
    try {
      const r = evalIfBlock(block, env);
      const b = r.branch.index;
      const branch: Branch =
        typeof b === "number" ? { index: b, condition: r.condition ?? "" } : { index: b };
      return { value: r.value, branch };
    } catch (e) {
      if (e instanceof PendingDns) {
        await resolver.lookup(e.name, e.type);
        continue;
      }
      if (e instanceof CoreError) {
        const key = e instanceof IfBlockEvalError ? e.key : undefined;
        return { error: e.message, ...(key !== undefined ? { key } : {}) };
      }
      throw e;
    }
  }
  return { error: limitMessage(tooManyLookups(), LIMITS.dohQueries, "lookups") };
}

/** The value span of `key` in the config, or nothing when it is not written there. */
function placeOf(config: LoadedConfig, key: string): { start?: number; end?: number } {
  const entry = config.get(key);
  return entry ? { start: entry.valueStart, end: entry.valueEnd } : {};
}

function push(diagnostics: Diagnostic[], d: Diagnostic): void {
  if (!diagnostics.some((x) => x.code === d.code && x.key === d.key && x.message === d.message)) {
    diagnostics.push(d);
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return v.length === 0 ? "an empty list" : JSON.stringify(v);
  return JSON.stringify(v);
}

function convertDiagnostic<T>(setting: Setting<T>, value: Value): Diagnostic {
  const shown = valueQuoted(value);
  if (setting.id === "sourceIpV4" || setting.id === "sourceIpV6") {
    const family = setting.id === "sourceIpV4" ? "IPv4" : "IPv6";
    return {
      severity: "warning",
      code: "source_ip_list_dropped",
      key: setting.key,
      message: `${setting.key} evaluated to ${shown}, which is not a list of ${family} addresses: Stalwart drops the whole list silently, so connections are unbound (the OS picks the source address).`,
    };
  }
  return {
    severity: "warning",
    code: "convert_failed",
    key: setting.key,
    message: `${setting.key} evaluated to ${shown}, which Stalwart cannot use here; it falls back to ${describe(setting.fallback)}.`,
  };
}

/**
 * Static checks on the values of the if-blocks that parsed (constant expressions only):
 * source addresses of the wrong family, unknown strategies, `limits.multihomed` effects.
 */
import type { Diagnostic } from "../errors";
import { evaluate } from "../expr/evaluator";
import type { EvalEnv, Expression } from "../expr/types";
import type { Value } from "../expr/value";
import { parseIp } from "../ip";
import type { IfBlock } from "./if-block";
import { IP_STRATEGIES, intoArray, type Setting } from "./settings";
import type { LoadedConfig } from "./toml-loader";

class NotConstant extends Error {}

/**
 * An environment in which reading a variable, DNS or the local-domain list fails: made
 * once per block checked, not per value (its closures showed as GC work in the bench
 * profile of a config with hundreds of branches).
 */
function constantEnv(config: LoadedConfig): EvalEnv {
  const fail = (): never => {
    throw new NotConstant();
  };
  return {
    variable: fail,
    isLocalDomain: fail,
    dnsLookup: fail,
    configGet: (k) => config.get(k)?.value,
  };
}

/** The value of an expression that reads no variable, DNS or local-domain list; else undefined. */
function constantValue(expr: Expression, env: EvalEnv): Value | undefined {
  try {
    return evaluate(expr, env);
  } catch {
    return undefined;
  }
}

/** The first element of a source-ip list that is not an address of `family` (no closure per list). */
function wrongFamily(value: Value, family: 4 | 6): Value | undefined {
  for (const v of intoArray(value)) {
    if (v.kind !== "string" || parseIp(v.value)?.family !== family) return v;
  }
  return undefined;
}

/** Static checks on the values of a block that parsed (constant expressions only). */
export function checkValues(
  setting: Setting<unknown>,
  block: IfBlock,
  config: LoadedConfig,
): Diagnostic[] {
  if (block.origin !== "config") return [];
  // Only these settings have checks: the others' constant values were evaluated for
  // nothing (every branch of every setting, in the bench profile of the 2,000-line config).
  const id = setting.id;
  if (
    id !== "sourceIpV4" &&
    id !== "sourceIpV6" &&
    id !== "ipStrategy" &&
    id !== "limitsMultihomed"
  )
    return [];
  const out: Diagnostic[] = [];
  const env = constantEnv(config);
  // The thens, then the default: walked in place (no list of pairs per block).
  const count = block.branches.length;
  for (let i = 0; i <= count; i++) {
    const branch = block.branches[i];
    const expr = branch !== undefined ? branch.then : block.default;
    const key = branch !== undefined ? branch.thenKey : block.defaultKey;
    // A config block's keys are the config's own: the entry is looked up only to report.
    if (expr === null || key === undefined) continue;
    const value = constantValue(expr, env);
    if (value === undefined) continue;
    if (setting.id === "sourceIpV4" || setting.id === "sourceIpV6") {
      const family = setting.id === "sourceIpV4" ? 4 : 6;
      const bad = wrongFamily(value, family);
      if (bad !== undefined) {
        const entry = config.get(key);
        if (entry === undefined) continue;
        const at = { key, start: entry.valueStart, end: entry.valueEnd };
        const text = bad.kind === "string" ? bad.value : String(bad.value);
        const idx = entry.value.indexOf(text);
        out.push({
          severity: "warning",
          code: "source_ip_wrong_family",
          message: `${JSON.stringify(text)} is not an IPv${family} address: Stalwart drops the WHOLE list when any element is not of its family, so connections are unbound (the OS picks the source address).`,
          ...at,
          ...(idx >= 0
            ? { start: entry.sourceOffset(idx), end: entry.sourceOffset(idx + text.length) }
            : {}),
        });
      }
    } else if (setting.id === "ipStrategy" && setting.convert(value) === undefined) {
      const entry = config.get(key);
      if (entry === undefined) continue;
      const at = { key, start: entry.valueStart, end: entry.valueEnd };
      out.push({
        severity: "warning",
        code: "ip_strategy_unknown",
        message: `This evaluates to ${value.kind === "array" ? "an array" : JSON.stringify(String(value.value))}, which is not one of ${IP_STRATEGIES.join(", ")}: Stalwart falls back to ipv4_then_ipv6.`,
        ...at,
      });
    } else if (setting.id === "limitsMultihomed") {
      const entry = config.get(key);
      if (entry === undefined) continue;
      const at = { key, start: entry.valueStart, end: entry.valueEnd };
      const n = setting.convert(value);
      if (typeof n === "number" && n > 0 && n < 2 ** 32) {
        out.push({
          severity: "info",
          code: "multihomed_hides_family",
          message: `At most ${n} address${n === 1 ? "" : "es"} per host are tried, taken from the preferred family first: with ${n} or more addresses of that family, the other family is never tried.`,
          ...at,
        });
      } else if (n === 0) {
        out.push({
          severity: "warning",
          code: "multihomed_zero",
          message: `limits.multihomed = 0 leaves no address to try: every host fails with 'No IP addresses found'.`,
          ...at,
        });
      }
    }
  }
  return out;
}

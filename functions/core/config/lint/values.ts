/**
 * Static checks on the values of the if-blocks that parsed (constant expressions only):
 * source addresses of the wrong family, unknown strategies, `limits.multihomed` effects.
 */
import type { Diagnostic } from "../../errors";
import { constantEnv, constantValue } from "../../expr/constant";
import type { Expression } from "../../expr/types";
import type { Value } from "../../expr/value";
import { parseIp } from "../../ip";
import type { Meter } from "../../meter";
import type { IfBlock } from "../if-block";
import { IP_STRATEGIES, intoArray, SETTINGS, type Setting, type SettingId } from "../settings";
import type { ConfigEntry, LoadedConfig } from "../toml/loaded-config";

type Check = (value: Value, entry: ConfigEntry) => Diagnostic | undefined;

const at = (entry: ConfigEntry) => ({
  key: entry.key,
  start: entry.valueStart,
  end: entry.valueEnd,
});

const sourceIps =
  (family: 4 | 6): Check =>
  (value, entry) => {
    const bad = intoArray(value).find(
      (v) => v.kind !== "string" || parseIp(v.value)?.family !== family,
    );
    if (bad === undefined) return undefined;
    const text = bad.kind === "string" ? bad.value : String(bad.value);
    const idx = entry.value.indexOf(text);
    return {
      severity: "warning",
      code: "source_ip_wrong_family",
      message: `${JSON.stringify(text)} is not an IPv${family} address: Stalwart drops the WHOLE list when any element is not of its family, so connections are unbound (the OS picks the source address).`,
      ...at(entry),
      ...(idx >= 0
        ? { start: entry.sourceOffset(idx), end: entry.sourceOffset(idx + text.length) }
        : {}),
    };
  };

const strategy: Check = (value, entry) =>
  SETTINGS.ipStrategy.convert(value) !== undefined
    ? undefined
    : {
        severity: "warning",
        code: "ip_strategy_unknown",
        message: `This evaluates to ${value.kind === "array" ? "an array" : JSON.stringify(String(value.value))}, which is not one of ${IP_STRATEGIES.join(", ")}: Stalwart falls back to ipv4_then_ipv6.`,
        ...at(entry),
      };

const multihomed: Check = (value, entry) => {
  const n = SETTINGS.limitsMultihomed.convert(value);
  if (n === 0) {
    return {
      severity: "warning",
      code: "multihomed_zero",
      message: `limits.multihomed = 0 leaves no address to try: every host fails with 'No IP addresses found'.`,
      ...at(entry),
    };
  }
  if (n === undefined || n >= 2 ** 32) return undefined;
  return {
    severity: "info",
    code: "multihomed_hides_family",
    message: `At most ${n} address${n === 1 ? "" : "es"} per host are tried, taken from the preferred family first: with ${n} or more addresses of that family, the other family is never tried.`,
    ...at(entry),
  };
};

const CHECKS: Partial<Record<SettingId, Check>> = {
  sourceIpV4: sourceIps(4),
  sourceIpV6: sourceIps(6),
  ipStrategy: strategy,
  limitsMultihomed: multihomed,
};

/** The checks of `setting` on every constant value its block can take. */
export function checkValues(
  setting: Setting<unknown>,
  block: IfBlock,
  config: LoadedConfig,
  meter: Meter,
): Diagnostic[] {
  const check = CHECKS[setting.id];
  if (block.origin !== "config" || check === undefined) return [];
  const env = constantEnv((k) => config.get(k)?.value, meter);
  const values: [Expression | null, string | undefined][] = [
    ...block.branches.map((b): [Expression, string] => [b.then, b.thenKey]),
    [block.default, block.defaultKey],
  ];
  const out: Diagnostic[] = [];
  for (const [expr, key] of values) {
    const entry = key === undefined ? undefined : config.get(key);
    const value = expr === null ? undefined : constantValue(expr, env);
    const d = value === undefined || entry === undefined ? undefined : check(value, entry);
    if (d !== undefined) out.push(d);
  }
  return out;
}

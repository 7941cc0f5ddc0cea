/**
 * The core's names and settings as the editor and the panels show them (the core has the
 * behaviour, this is the prose), and its config analysis for the live diagnostics.
 */
import { lineColumn, lineColumnRange } from "../../../functions/core/config/positions";
import {
  VARIABLE_SETS as CORE_VARIABLE_SETS,
  IP_STRATEGIES,
  SETTING_LIST,
  type Setting,
} from "../../../functions/core/config/settings";
import {
  CHECK_NAMES,
  type CheckName,
  LAST_ERRORS,
  QUERY_TYPES,
  type QueryType,
  WHATIF_RCODES,
  type WhatIfRcode,
} from "../../../functions/core/contract/names";
import type { ModelName, RequestedModel } from "../../../functions/core/contract/strategy";
import { RESOLVER_NAMES } from "../../../functions/core/dns/resolvers";
import type { Diagnostic } from "../../../functions/core/errors";
import {
  ALL_VARIABLES as CORE_ALL_VARIABLES,
  FUNCTION_ARITY as CORE_FUNCTION_ARITY,
} from "../../../functions/core/expr/parser";
import { LIMITS } from "../../../functions/core/limits";
import { textKind } from "../../../functions/core/models/text-kind";
import { SPF_RESULTS, type SpfResult } from "../../../functions/core/spf/types";

export type { CheckName, Diagnostic, ModelName, QueryType, RequestedModel, SpfResult, WhatIfRcode };

/** The versions the picker offers (the contract's `model`), in its order, with their names. */
export const MODEL_LABELS: Readonly<Record<RequestedModel, string>> = {
  auto: "Auto",
  "v0.12": "≤ 0.12",
  "v0.13": "0.13–0.15",
  "v0.16": "0.16",
};
export const MODEL_CHOICES = Object.keys(MODEL_LABELS) as readonly RequestedModel[];

/** Each version's name in prose. */
export const MODEL_NAMES: Readonly<Record<ModelName, string>> = {
  "v0.12": "Stalwart ≤ v0.12",
  "v0.13": "Stalwart v0.13–v0.15",
  "v0.16": "Stalwart v0.16",
};
export {
  CHECK_NAMES,
  LAST_ERRORS,
  LIMITS,
  lineColumn,
  lineColumnRange,
  QUERY_TYPES,
  RESOLVER_NAMES,
  SPF_RESULTS,
  textKind,
  WHATIF_RCODES,
};

export interface SettingInfo {
  readonly key: string;
  readonly description: string;
  /** Stalwart's built-in default, as an expression or value. */
  readonly defaultValue: string;
  /** Variables an expression at this key may use; empty for plain values. */
  readonly variables: readonly string[];
  /** Key-specific constants (the four strategies for ip-strategy). */
  readonly constants: readonly string[];
  readonly expression: boolean;
  /** Stalwart's documentation page of the setting. */
  readonly docs: string;
}

/**
 * The page of Stalwart's docs that documents each setting. stalw.art serves only the
 * v0.13+ pages now: the v0.7–v0.12 `queue.outbound.*` pages (../shared/seed/ip-strategy.md
 * is one of them) were deleted from stalwartlabs/website in its "v0.13.0" commit (78b8e97),
 * so these link to them as they last were, at its parent commit, where GitHub renders them.
 */
const DOCS =
  "https://github.com/stalwartlabs/website/blob/90ddc5854c1033a0419b1f9b542ee688519b8b5c/docs/mta";
const DOCS_PAGES: Readonly<Record<string, string>> = {
  "queue.outbound.ip-strategy": `${DOCS}/outbound/ip-strategy.md`,
  "queue.outbound.source-ip.v4": `${DOCS}/outbound/ip-strategy.md`,
  "queue.outbound.source-ip.v6": `${DOCS}/outbound/ip-strategy.md`,
  "queue.outbound.limits.mx": `${DOCS}/outbound/limits.md`,
  "queue.outbound.limits.multihomed": `${DOCS}/outbound/limits.md`,
  "queue.outbound.next-hop": `${DOCS}/outbound/routing.md`,
  "queue.outbound.hostname": `${DOCS}/outbound/routing.md#ehlo-hostname`,
  "queue.schedule.retry": `${DOCS}/queue/schedule.md`,
  "queue.schedule.notify": `${DOCS}/queue/schedule.md`,
  "queue.schedule.expire": `${DOCS}/queue/schedule.md`,
};

/** UI descriptions of the settings (the core has the behaviour, this is the prose). */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  "queue.outbound.ip-strategy":
    "Which remote address families are tried, and in which order. Evaluated once per MX host.",
  "queue.outbound.source-ip.v4":
    "Local IPv4 addresses to bind: one is picked at random per host (per connection only from v0.13). An expression string, e.g. \"['192.0.2.10', '192.0.2.11']\", not a TOML array.",
  "queue.outbound.source-ip.v6":
    "Local IPv6 addresses to bind: one is picked at random per host. An expression string, e.g. \"['2001:db8::a']\".",
  "queue.outbound.limits.mx": "Maximum number of MX hosts tried (0 = no limit).",
  "queue.outbound.limits.multihomed":
    "Maximum number of IP addresses tried per host, after ordering: with 2 A records and the default 2, IPv6 is never reached.",
  "queue.outbound.next-hop": "Name of a remote.<id> relay, 'local', or false for MX resolution.",
  "queue.outbound.hostname": "EHLO hostname.",
  "queue.schedule.retry": "Delays between retries: retry n waits schedule[min(n, len-1)].",
  "queue.schedule.notify": "When delay notifications are sent.",
  "queue.schedule.expire": "When the message expires.",
};

function describeDefault(s: Setting<unknown>): string {
  const b = s.builtin;
  if (!b) return "(none: unbound, the OS chooses)";
  if (b.branches.length === 0) return b.else;
  return `${b.branches.map((x) => `if ${x.if} then ${x.then}`).join(" ")} else ${b.else}`;
}

export const VARIABLE_SETS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(CORE_VARIABLE_SETS).map(([k, v]) => [k, [...v]]),
);

export const STRATEGIES: readonly string[] = IP_STRATEGIES;

export const SETTINGS: readonly SettingInfo[] = SETTING_LIST.map((s) => ({
  key: s.key,
  description: DESCRIPTIONS[s.key] ?? "",
  defaultValue: describeDefault(s),
  variables: [...s.tokens.variables],
  constants: [...s.tokens.constants.keys()],
  expression: true,
  docs: DOCS_PAGES[s.key] ?? `${DOCS}/outbound/overview`,
}));

/** Every variable Stalwart knows (the expression console with no key). */
export const ALL_VARIABLES: readonly string[] = [...CORE_ALL_VARIABLES];

/** Name → number of arguments. */
export const FUNCTION_ARITY: ReadonlyMap<string, number> = CORE_FUNCTION_ARITY;

export function settingFor(key: string): SettingInfo | undefined {
  return SETTINGS.find((x) => x.key === key);
}

/** The config loader (every key with its offsets), for the editor's branch highlight. */
export async function loadConfigText(text: string) {
  const { loadConfig } = await import("../../../functions/core/config/toml/loaded-config");
  return loadConfig(text);
}

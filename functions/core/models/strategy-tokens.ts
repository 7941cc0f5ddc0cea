/**
 * What the four selectors' expressions may refer to from Stalwart v0.13 on: the recipient
 * variables (route, schedule) and the host variables (connection, tls), with no constant
 * (crates/common/src/config/smtp/mod.rs @v0.15.5:101-151; v0.16 has the same two lists,
 * crates/registry/src/schema/enums.rs @v0.16.18:3595, 3618). The v0.13 queue variables
 * are new to both lists.
 */

import { VARIABLE_SETS } from "../config/variables";
import { ALL_VARIABLES } from "../expr/catalog";
import { V016_CONSTANTS } from "../expr/dialect";
import type { TokenMap } from "../expr/types";
import type { Value } from "../expr/value";
import type { SelectorName, StrategyModel } from "./strategy-config";

/** Variables every v0.13+ queue envelope resolves that v0.12's does not. */
export const QUEUE_VARIABLES = [
  "queue_name",
  "queue_age",
  "received_from_ip",
  "received_via_port",
  "source",
  "size",
] as const;

// v0.12's recipient set gains `rcpt` and the queue variables; its host set (which has
// `rcpt`, `mx`, `remote_ip`, `local_ip`) gains the queue variables.
const RCPT = [...VARIABLE_SETS.RCPT, "rcpt", ...QUEUE_VARIABLES];
const HOST = [...VARIABLE_SETS.HOST, ...QUEUE_VARIABLES];

export const STRATEGY_VARIABLES = Object.freeze({
  RCPT: new Set(RCPT) as ReadonlySet<string>,
  HOST: new Set(HOST) as ReadonlySet<string>,
  /** Every variable Stalwart v0.13–v0.15 knows (`VARIABLES_MAP`, expr/mod.rs @v0.15.5:52-86). */
  ALL: new Set([...ALL_VARIABLES, ...QUEUE_VARIABLES]) as ReadonlySet<string>,
});

const NO_CONSTANTS: ReadonlyMap<string, Value> = new Map();

export const SELECTOR_VARIABLES: Readonly<Record<SelectorName, "RCPT" | "HOST">> = {
  route: "RCPT",
  schedule: "RCPT",
  connection: "HOST",
  tls: "HOST",
};

/**
 * A selector's expressions: v0.13–v0.15 `TokenMap::default().with_variables(…)` (no
 * constant); v0.16 the `ExpressionContext` of MtaOutboundStrategy (every constant, its
 * language).
 */
export function selectorTokens(model: StrategyModel, selector: SelectorName): TokenMap {
  return {
    variables: STRATEGY_VARIABLES[SELECTOR_VARIABLES[selector]],
    constants: model === "v0.16" ? V016_CONSTANTS : NO_CONSTANTS,
    dialect: model,
  };
}

/** v0.13–v0.15: the built-in defaults (`IfBlock::new`: every variable, no constant). */
export const V013_BUILTIN_TOKENS: TokenMap = {
  variables: STRATEGY_VARIABLES.ALL,
  constants: NO_CONSTANTS,
  dialect: "v0.13",
};

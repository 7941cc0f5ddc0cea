/**
 * What the expression console parses with, for a `key` and a `model` (shared/spec/api.md,
 * Additions): a v0.12 setting's variables and constants, a v0.13 selector's
 * (`queue.strategy.route` …) or a v0.16 field's (`MtaOutboundStrategy.route` …), each in
 * its version's language. `auto` follows the key; with no key, every variable of the
 * model's version (v0.12 when the model is `auto`).
 */
import { CONSOLE_TOKENS, SETTING_LIST, settingFor } from "../config/settings";
import type { ModelName, RequestedModel } from "../contract/strategy";
import { V016_CONSTANTS, V016_VARIABLES } from "../expr/dialect";
import type { TokenMap } from "../expr/types";
import { RequestError, RequestErrorCode } from "../request-error";
import type { SelectorName } from "./strategy-config";
import { STRATEGY_VARIABLES, selectorTokens } from "./strategy-tokens";

const SELECTORS: readonly SelectorName[] = ["route", "connection", "tls", "schedule"];

const PREFIXES: Readonly<Record<"v0.13" | "v0.16", string>> = {
  "v0.13": "queue.strategy.",
  "v0.16": "MtaOutboundStrategy.",
};

/** Every variable of a version, for a console with no key. */
const ALL: Readonly<Record<ModelName, TokenMap>> = {
  "v0.12": CONSOLE_TOKENS,
  "v0.13": { variables: STRATEGY_VARIABLES.ALL, constants: new Map(), dialect: "v0.13" },
  "v0.16": { variables: V016_VARIABLES, constants: V016_CONSTANTS, dialect: "v0.16" },
};

/** The version a key belongs to, and the tokens it gives, if it is one of the keys. */
function keyTokens(key: string): { model: ModelName; tokens: TokenMap } | undefined {
  const setting = settingFor(key);
  if (setting) return { model: "v0.12", tokens: setting.tokens };
  for (const model of ["v0.13", "v0.16"] as const) {
    const name = SELECTORS.find((s) => key === `${PREFIXES[model]}${s}`);
    if (name !== undefined) return { model, tokens: selectorTokens(model, name) };
  }
  return undefined;
}

function keysOf(model: ModelName): string[] {
  return model === "v0.12"
    ? SETTING_LIST.map((s) => s.key)
    : SELECTORS.map((s) => `${PREFIXES[model]}${s}`);
}

export function consoleTokens(
  key: string | undefined,
  requested: RequestedModel,
): { model: ModelName; tokens: TokenMap } {
  if (key === undefined) {
    const model = requested === "auto" ? "v0.12" : requested;
    return { model, tokens: ALL[model] };
  }
  const found = keyTokens(key);
  if (found !== undefined && (requested === "auto" || requested === found.model)) return found;
  const model = requested === "auto" ? undefined : requested;
  const expected = model
    ? `one of the ${model} keys: ${keysOf(model).join(", ")}`
    : 'an if-block key such as "queue.outbound.ip-strategy", "queue.strategy.route" or "MtaOutboundStrategy.route"';
  const what = found
    ? `${JSON.stringify(key)} is a ${found.model} key`
    : `Unknown setting ${JSON.stringify(key)}`;
  throw new RequestError(RequestErrorCode.InvalidKey, `${what}: expected ${expected}.`, {
    field: "key",
  });
}

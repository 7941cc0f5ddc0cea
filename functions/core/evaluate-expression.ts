/**
 * The core's entry point for the expression console: a validated /api/expression
 * request in, `{ value, type, notes? }` out. One expression, parsed with the chosen
 * setting's variables and constants, evaluated with the request's variables, its config
 * (for `config_get()`) and DNS through the same resolver stack as a plan.
 */
import { CONSOLE_TOKENS, settingFor } from "./config/settings";
import { type LoadedConfig, loadConfig } from "./config/toml/loaded-config";
import type { ExpressionRequest, ExpressionResponse, PlainJson } from "./contract";
import { CoreError } from "./errors";
import { checkConfigSize, type EvaluationIo, requestDomain, resolverFor } from "./evaluate";
import { chargeSize } from "./expr/cost";
import { evaluateAsync } from "./expr/evaluator";
import { type JsonValue, valueFromJson, valueToJson } from "./expr/format";
import { parseExpression } from "./expr/parser";
import { str, type Value } from "./expr/value";
import { parseIp } from "./ip";
import { Meter } from "./meter";
import { makeEnv } from "./planner/settings-eval";
import { asRequestError, RequestError, RequestErrorCode } from "./request-error";

const IP_VARIABLES = new Set(["remote_ip", "local_ip"]);

function plain(v: JsonValue): PlainJson {
  return v.type === "array" ? v.value.map(plain) : v.value;
}

export async function evaluateExpression(
  req: ExpressionRequest,
  io: Omit<EvaluationIo, "newSeed" | "openSession">,
): Promise<ExpressionResponse> {
  const tokens = req.key === undefined ? CONSOLE_TOKENS : tokensOf(req.key);
  const config = req.config === undefined ? undefined : readConfig(req.config);
  const meter = new Meter();
  const variables = new Map<string, Value>();
  for (const [name, raw] of Object.entries(req.variables ?? {})) {
    const value = variableValue(name, raw);
    try {
      chargeSize(meter, value, "reading the variables");
    } catch (e) {
      throw asRequestError(e);
    }
    // Stalwart's remote_ip/local_ip are addresses printed by Rust: typed text the same.
    const ip = IP_VARIABLES.has(name) && value.kind === "string" ? parseIp(value.value) : null;
    variables.set(name, ip === null ? value : str(ip.canonical));
  }
  const localDomains = (req.localDomains ?? []).map((d, i) =>
    requestDomain(d, `localDomains.${i}`),
  );
  const resolver = resolverFor(req.records, io);
  const notes: { code: string; message: string }[] = [];
  const env = makeEnv(
    {
      ...(config ? { config } : {}),
      resolver,
      localDomains,
      meter,
      note: (code, message) => notes.push({ code, message }),
    },
    (name) => variables.get(name),
  );
  const source = { expression: req.expression };
  try {
    const expr = parseExpression(req.expression, tokens);
    const value = await evaluateAsync(expr, env, async (name, type) => {
      await resolver.lookup(name, type);
    });
    chargeSize(meter, value, "writing the value");
    return {
      value: plain(valueToJson(value)),
      type: value.kind,
      ...(notes.length > 0 ? { notes } : {}),
    };
  } catch (e) {
    throw asRequestError(e, source);
  }
}

/** A variable's JSON value as an expression value, or `invalid_field` at that variable. */
function variableValue(name: string, raw: unknown): Value {
  try {
    return valueFromJson(raw);
  } catch (e) {
    if (!(e instanceof CoreError)) throw e;
    throw new RequestError(RequestErrorCode.InvalidField, e.message, {
      field: `variables.${name}`,
    });
  }
}

function tokensOf(key: string) {
  const setting = settingFor(key);
  if (!setting) {
    throw new RequestError(
      RequestErrorCode.InvalidKey,
      `Unknown setting ${JSON.stringify(key)}: expected one of the if-block keys such as "queue.outbound.ip-strategy".`,
      { field: "key" },
    );
  }
  return setting.tokens;
}

function readConfig(text: string): LoadedConfig {
  checkConfigSize(text, "config");
  try {
    return loadConfig(text);
  } catch (e) {
    throw asRequestError(e, { config: text });
  }
}

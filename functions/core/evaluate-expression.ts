/**
 * The core's entry point for the expression console: a validated /api/expression
 * request in, `{ value, type, notes? }` out. One expression, parsed in the chosen
 * version's language with the chosen setting's variables and constants
 * (models/console-tokens.ts), evaluated with the request's variables, its config (for
 * `config_get()`; v0.16: the registry objects `system('hostname')` reads) and DNS
 * through the same resolver stack as a plan.
 */
import { MACHINE_HOSTNAME } from "./config/server-hostname";
import { type LoadedConfig, loadConfig } from "./config/toml/loaded-config";
import type { ExpressionRequest, ExpressionResponse, ModelName, PlainJson } from "./contract";
import { CoreError } from "./errors";
import { checkConfigSize, type EvaluationIo, requestDomain, resolverFor } from "./evaluate";
import { chargeSize } from "./expr/cost";
import { evaluateAsync } from "./expr/evaluator";
import { type JsonValue, valueFromJson, valueToJson } from "./expr/format";
import { parseExpression } from "./expr/parser";
import { str, type Value } from "./expr/value";
import { parseIp } from "./ip";
import { Meter } from "./meter";
import { consoleTokens } from "./models/console-tokens";
import { loadRegistry } from "./models/v016/load";
import { strategyOf } from "./models/v016/strategy";
import { systemValues } from "./models/v016/system-values";
import { makeEnv } from "./planner/settings-eval";
import { asRequestError, RequestError, RequestErrorCode } from "./request-error";

const IP_VARIABLES = new Set(["remote_ip", "local_ip", "received_from_ip"]);

function plain(v: JsonValue): PlainJson {
  return v.type === "array" ? v.value.map(plain) : v.value;
}

export async function evaluateExpression(
  req: ExpressionRequest,
  io: Omit<EvaluationIo, "newSeed" | "openSession">,
): Promise<ExpressionResponse> {
  const { model, tokens } = consoleTokens(req.key, req.model ?? "auto");
  const meter = new Meter();
  const config = req.config === undefined ? undefined : readConfig(req.config, model, meter);
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
  const note = (code: string, message: string) => notes.push({ code, message });
  const env = makeEnv(
    {
      ...(config?.settings ? { config: config.settings } : {}),
      ...(model === "v0.16"
        ? { system: systemValues(config?.hostname ?? MACHINE_HOSTNAME, note) }
        : {}),
      resolver,
      localDomains,
      meter,
      note,
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
    return valueFromJson(raw, `variable ${name}`);
  } catch (e) {
    if (!(e instanceof CoreError)) throw e;
    throw new RequestError(RequestErrorCode.InvalidField, e.message, {
      field: `variables.${name}`,
    });
  }
}

/** The config the expression reads: settings (v0.12, v0.13) or the server's hostname (v0.16). */
function readConfig(
  text: string,
  model: ModelName,
  meter: Meter,
): { settings?: LoadedConfig; hostname?: string } {
  checkConfigSize(text, "config");
  meter.charge(text.length, "reading the config");
  if (model === "v0.16") {
    return { hostname: strategyOf(loadRegistry(text).registry).config.hostname.value };
  }
  try {
    return { settings: loadConfig(text, { keyRule: model === "v0.13" ? "v0.13" : "v0.12" }) };
  } catch (e) {
    throw asRequestError(e, { config: text });
  }
}

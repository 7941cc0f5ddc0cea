/** POST /api/expression: one expression, with chosen variables, through the same core. */
import { ApiErrorCode, apiError } from "../api/errors";
import type { ExpressionRequest } from "../api/schemas";
import { CONSOLE_TOKENS, settingFor } from "../core/config/settings";
import { type LoadedConfig, loadConfig } from "../core/config/toml-loader";
import { CoreError, CoreErrorCode } from "../core/errors";
import { evaluateAsync } from "../core/expr/evaluator";
import { type JsonValue, valueFromJson, valueToJson } from "../core/expr/format";
import { parseExpression } from "../core/expr/parser";
import type { Value } from "../core/expr/value";
import { makeEnv } from "../core/planner/settings-eval";
import type { AppDeps } from "../deps";
import { checkConfigSize, configError, domainOrError } from "./evaluate";
import { buildResolver, type DnsEnv } from "./resolver-stack";

/** Plain JSON for `value` (the contract's `<JSON value>`); `type` carries the kind. */
export type PlainJson = string | number | readonly PlainJson[];

function plain(v: JsonValue): PlainJson {
  return v.type === "array" ? v.value.map(plain) : v.value;
}

export interface ExpressionResponse {
  readonly value: PlainJson;
  readonly type: "string" | "integer" | "float" | "array";
  readonly notes?: readonly { readonly code: string; readonly message: string }[];
}

function exprError(err: CoreError): never {
  const code =
    err.code === CoreErrorCode.ExprLimit ? ApiErrorCode.ExprLimit : ApiErrorCode.ExprSyntax;
  // The expression is one line: its column is the offset + 1.
  throw apiError(
    422,
    code,
    err.message,
    err.range ? { column: err.range.start + 1, endColumn: err.range.end + 1 } : {},
  );
}

export async function runExpression(
  req: ExpressionRequest,
  env: DnsEnv,
  deps: AppDeps,
): Promise<ExpressionResponse> {
  let tokens = CONSOLE_TOKENS;
  if (req.key !== undefined) {
    const setting = settingFor(req.key);
    if (!setting) {
      throw apiError(
        400,
        ApiErrorCode.InvalidKey,
        `Unknown setting ${JSON.stringify(req.key)}: expected one of the if-block keys such as "queue.outbound.ip-strategy".`,
        { field: "key" },
      );
    }
    tokens = setting.tokens;
  }
  let config: LoadedConfig | undefined;
  if (req.config !== undefined) {
    checkConfigSize(req.config);
    try {
      config = loadConfig(req.config);
    } catch (e) {
      if (e instanceof CoreError) configError(req.config, e);
      throw e;
    }
  }
  const variables = new Map<string, Value>();
  for (const [name, raw] of Object.entries(req.variables ?? {})) {
    try {
      variables.set(name, valueFromJson(raw));
    } catch (e) {
      if (e instanceof CoreError)
        throw apiError(400, ApiErrorCode.InvalidField, e.message, { field: `variables.${name}` });
      throw e;
    }
  }
  const localDomains = (req.localDomains ?? []).map((d, i) =>
    domainOrError(d, `localDomains.${i}`),
  );
  const resolver = buildResolver(req.resolver, req.records, env, deps);
  const notes: { code: string; message: string }[] = [];
  const envFns = makeEnv(
    {
      ...(config ? { config } : {}),
      resolver,
      localDomains,
      note: (code, message) => notes.push({ code, message }),
    },
    (name) => variables.get(name),
  );
  let expr: ReturnType<typeof parseExpression>;
  try {
    expr = parseExpression(req.expression, tokens);
  } catch (e) {
    if (e instanceof CoreError) exprError(e);
    throw e;
  }
  try {
    const value = await evaluateAsync(expr, envFns, async (name, type) => {
      await resolver.lookup(name, type);
    });
    return {
      value: plain(valueToJson(value)),
      type: value.kind,
      ...(notes.length > 0 ? { notes } : {}),
    };
  } catch (e) {
    if (e instanceof CoreError) exprError(e);
    throw e;
  }
}

/** POST/GET /api/evaluate: validated request → the delivery plan. */
import { ApiErrorCode, apiError } from "../api/errors";
import type { EvaluateRequest } from "../api/schemas";
import { analyzeConfig } from "../core/config/lint";
import { lineColumnRange } from "../core/config/positions";
import { normalizeDomain } from "../core/dns/domain";
import { DnsInputError } from "../core/dns/errors";
import { CoreError, CoreErrorCode } from "../core/errors";
import { seededRandom } from "../core/io";
import { LIMITS } from "../core/limits";
import { planDelivery } from "../core/planner/planner";
import type { Plan } from "../core/planner/types";
import { boundedUtf8Length, utf8Length } from "../core/utf8";
import type { AppDeps } from "../deps";
import { toPlanDiagnostics } from "./diagnostics";
import { buildResolver, type DnsEnv } from "./resolver-stack";

export function checkConfigSize(config: string): void {
  if (boundedUtf8Length(config, LIMITS.configBytes) > LIMITS.configBytes) {
    throw apiError(
      413,
      ApiErrorCode.ConfigTooLarge,
      `The config is ${utf8Length(config)} bytes; at most ${LIMITS.configBytes} bytes are accepted.`,
      {
        field: "config",
      },
    );
  }
}

export function domainOrError(input: string, field: string): string {
  try {
    return normalizeDomain(input);
  } catch (e) {
    if (e instanceof DnsInputError)
      throw apiError(400, ApiErrorCode.InvalidDomain, e.message, { field });
    throw e;
  }
}

/** A config that cannot be loaded at all is a 422 (Stalwart refuses to start on it). */
export function configError(text: string, err: CoreError): never {
  const pos = err.range ? lineColumnRange(text, err.range.start, err.range.end) : undefined;
  const code =
    err.code === CoreErrorCode.ConfigLimit ? ApiErrorCode.ConfigLimit : ApiErrorCode.TomlSyntax;
  throw apiError(422, code, err.message, pos ? { line: pos.line, column: pos.column } : {});
}

export async function runEvaluation(
  req: EvaluateRequest,
  env: DnsEnv,
  deps: AppDeps,
): Promise<Plan> {
  checkConfigSize(req.config);
  const domain = domainOrError(req.context.domain, "context.domain");
  const analysis = analyzeConfig(req.config);
  if (!analysis.config) {
    configError(
      req.config,
      analysis.loadError ?? new CoreError(CoreErrorCode.TomlSyntax, "The config cannot be read."),
    );
  }
  const localDomains = (req.localDomains ?? []).map((d, i) =>
    domainOrError(d, `localDomains.${i}`),
  );
  const resolver = buildResolver(req.resolver, req.records, env, deps, domain);
  const seed = req.seed ?? deps.newSeed();
  const diagnostics = [...analysis.diagnostics];
  const plan = await planDelivery(
    analysis.config,
    { ...req.context, domain },
    { resolver, random: seededRandom(seed), seed, localDomains },
    diagnostics,
  );
  resolver.finish();
  return {
    ...plan,
    diagnostics: toPlanDiagnostics(req.config, diagnostics),
    dns: resolver.trace(),
  };
}

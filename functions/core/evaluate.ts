/**
 * The core's entry point for a plan: a validated /api/evaluate request in, the plan
 * response out (shared/spec/api.md). Pure apart from what `io` brings (the resolver the
 * what-if records fall back to, the clock, a seed source), so the Worker and the browser
 * run exactly this function: the Worker with DoH behind it, the browser offline.
 */
import { lineLocator, rangeOf } from "./config/positions";
import type { EvaluateRequest, Plan, PlanDiagnostic, RequestedModel } from "./contract";
import { startChecks, withChecks } from "./deliverability/checks";
import { normalizeDomain } from "./dns/domain";
import { createEvaluationResolver, type EvaluationResolver } from "./dns/evaluation-resolver";
import { type NameRule, RecordsResolver } from "./dns/records-resolver";
import type { CacheSession, TracingResolver } from "./dns/types";
import type { Diagnostic } from "./errors";
import { type Clock, seededRandom } from "./io";
import { count, DNS_SUBREQUESTS, LIMITS, limitMessage } from "./limits";
import { Meter } from "./meter";
import { type ModelRead, readModel } from "./models/read-model";
import { plannerOf } from "./plan-model";
import { asRequestError, RequestError, RequestErrorCode } from "./request-error";
import { utf8Exceeds, utf8Length } from "./utf8";

/** What an evaluation may use of the outside world. */
export interface EvaluationIo {
  /** Answers what the request's what-if records do not (DoH, or `noneResolver`). */
  readonly upstream: TracingResolver;
  readonly clock: Clock;
  /** A fresh seed when the request gives none (echoed in the response). */
  readonly newSeed: () => number;
  /** Overall DNS deadline of the evaluation (default and maximum LIMITS.deadlineMs). */
  readonly deadlineMs?: number;
  /** The shared DoH cache's view for this recipient domain, where there is one. */
  readonly openSession?: (domain: string) => CacheSession;
}

export async function evaluate(req: EvaluateRequest, io: EvaluationIo): Promise<Plan> {
  checkConfigSize(req.config, "config");
  const domain = requestDomain(req.context.domain, "context.domain");
  const localDomains = (req.localDomains ?? []).map((d, i) =>
    requestDomain(d, `localDomains.${i}`),
  );
  const meter = new Meter();
  const read = readConfig(req.config, req.model ?? "auto", meter);
  const planner = plannerOf(read, req.config);
  const requested = req.checks ?? [];
  // SPF's lookups can be of any name a macro builds: what-if records may name them too.
  const names = requested.includes("spf") ? "any" : "host";
  const resolver = resolverFor(req.records, io, io.openSession?.(domain), { names });
  const context = { ...req.context, domain };
  // The checks' lookups do not depend on the plan's: they start now, beside them.
  const checks =
    requested.length > 0
      ? startChecks({
          requested,
          sender: req.context.sender ?? "",
          resolver,
          total: DNS_SUBREQUESTS,
          now: () => io.clock.now() / 1000,
          preview: planner.preview(context),
        })
      : undefined;
  const seed = req.seed ?? io.newSeed();
  const diagnostics = [...planner.diagnostics];
  const plan = await planner.plan(
    context,
    { resolver, random: seededRandom(seed), seed, localDomains, meter },
    diagnostics,
  );
  const checked = checks ? await checks.finish(plan) : undefined;
  resolver.finish();
  if (checked) diagnostics.push(...checked.diagnostics);
  return {
    ...(checked ? withChecks(plan, checked) : plan),
    modelReason: read.reason,
    diagnostics: placeDiagnostics(req.config, diagnostics),
    dns: resolver.trace(),
  };
}

/** What differs between entry points: which what-if names are allowed, and the query cap. */
export interface ResolverOptions {
  /** `any` where SPF looks names up (see `NameRule`). */
  readonly names?: NameRule;
  /** Network queries of the whole evaluation (default LIMITS.dohQueries). */
  readonly maxQueries?: number;
}

/** The resolver of one evaluation: what-if records over `io.upstream`, traced and capped. */
export function resolverFor(
  records: EvaluateRequest["records"],
  io: Pick<EvaluationIo, "upstream" | "clock" | "deadlineMs">,
  session?: CacheSession,
  options: ResolverOptions = {},
): EvaluationResolver {
  let upstream = io.upstream;
  if (records !== undefined && records.length > 0) {
    try {
      upstream = new RecordsResolver(records, upstream, options.names);
    } catch (e) {
      throw asRequestError(e);
    }
  }
  return createEvaluationResolver({
    upstream,
    clock: io.clock,
    deadlineMs: Math.min(io.deadlineMs ?? LIMITS.deadlineMs, LIMITS.deadlineMs),
    ...(options.maxQueries !== undefined ? { maxQueries: options.maxQueries } : {}),
    ...(session !== undefined ? { session } : {}),
  });
}

/** `config_too_large` beyond LIMITS.configBytes of UTF-8. */
export function checkConfigSize(config: string, field: string): void {
  if (utf8Exceeds(config, LIMITS.configBytes)) {
    throw new RequestError(
      RequestErrorCode.ConfigTooLarge,
      `${limitMessage(`The config is ${count(utf8Length(config))} bytes of UTF-8`, LIMITS.configBytes, "bytes")}.`,
      { field },
    );
  }
}

/** A domain of the request in its ASCII form, or `invalid_domain` at `field`. */
export function requestDomain(input: string, field: string): string {
  try {
    return normalizeDomain(input);
  } catch (e) {
    throw asRequestError(e, undefined, field);
  }
}

/** The config read in the requested (or detected) model; a user's error as a RequestError. */
function readConfig(text: string, requested: RequestedModel, meter: Meter): ModelRead {
  try {
    return readModel(text, requested, meter);
  } catch (e) {
    throw asRequestError(e, { config: text });
  }
}

/**
 * The one place the plan's diagnostics get lines and columns: the core's carry offsets
 * into the config text. Identical findings (same code, key, place and message) are
 * reported once.
 */
export function placeDiagnostics(
  text: string,
  diagnostics: readonly Diagnostic[],
): PlanDiagnostic[] {
  const seen = new Set<string>();
  const out: PlanDiagnostic[] = [];
  const at = lineLocator(text);
  for (const d of diagnostics) {
    const id = `${d.code}\u0000${d.key ?? ""}\u0000${d.start ?? ""}\u0000${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const range = d.start === undefined ? {} : rangeOf(at, text, d.start, d.end ?? d.start);
    out.push({
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.key ? { key: d.key } : {}),
      ...range,
    });
  }
  return out;
}

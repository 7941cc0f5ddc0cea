/**
 * The planner of the model a config was read in (models/read-model.ts): the v0.12
 * planner over its analysis, or the strategy planner over a StrategyConfig; each with
 * what the deliverability checks may start on before the plan (a preview), and the
 * diagnostics of reading it. A config Stalwart refuses is a RequestError (a 422).
 */

import { previewStrategy } from "./deliverability/preview-strategy";
import { previewV012, type SourcePreview } from "./deliverability/preview-v012";
import type { Diagnostic } from "./errors";
import type { ModelRead } from "./models/read-model";
import type { DeliveryContext } from "./planner/envelope";
import { type PlanBody, type PlanDeps, planDelivery } from "./planner/planner";
import { planStrategy } from "./planner/strategy/plan";
import { asRequestError, RequestError, RequestErrorCode } from "./request-error";

export interface ModelPlanner {
  readonly diagnostics: readonly Diagnostic[];
  preview(ctx: DeliveryContext): SourcePreview;
  plan(ctx: DeliveryContext, deps: PlanDeps, diagnostics: Diagnostic[]): Promise<PlanBody>;
}

export function plannerOf(read: ModelRead, text: string): ModelPlanner {
  if ("loadError" in read) throw asRequestError(read.loadError, { config: text });
  if (read.model !== "v0.12") {
    const { strategy, settings, place } = read;
    return {
      diagnostics: read.diagnostics,
      preview: () => previewStrategy(strategy),
      plan: (ctx, deps, diagnostics) =>
        planStrategy(strategy, ctx, deps, diagnostics, {
          ...(settings ? { settings } : {}),
          place,
        }),
    };
  }
  const analysis = read.analysis;
  const config = analysis.config;
  const blocks = analysis.blocks;
  if (config === undefined || blocks === undefined) {
    const err = analysis.loadError;
    throw err
      ? asRequestError(err, { config: text })
      : new RequestError(RequestErrorCode.TomlSyntax, "The config cannot be read.");
  }
  return {
    diagnostics: [...analysis.diagnostics, ...read.diagnostics],
    preview: (ctx) => previewV012({ config, blocks }, ctx),
    plan: (ctx, deps, diagnostics) => planDelivery({ config, blocks }, ctx, deps, diagnostics),
  };
}

/**
 * The HTTP contract (functions/core/contract) as the web reads it: its types, and its zod
 * schemas loaded with the first answer to check (zod is most of their weight, and the
 * page's start-up work is the editor's).
 */
export type {
  Attempt,
  Branch,
  ErrorBody,
  EvaluateRequest,
  ExpressionRequest,
  ExpressionResponse,
  Plan,
  PlanDiagnostic,
  PlannedHost,
  SpfRequest,
  SpfResponse,
  TraceEntry,
} from "../../../functions/core/contract";
export type {
  Comparison,
  Difference,
  MigrateNote,
  MigrateResponse,
  MigrateTarget,
} from "../../../functions/core/contract/migrate";
export type {
  AttemptDeliverability,
  ChecksSummary,
  PtrVerdict,
  SourceVerdict,
  SpfVerdict,
} from "../../../functions/core/deliverability/types";

export type Contract = typeof import("../../../functions/core/contract");
export const loadContract = (): Promise<Contract> => import("../../../functions/core/contract");

/**
 * The one place raw offsets become line/column for the API: core diagnostics carry
 * offsets into the config text, the response carries 1-based lines and columns.
 */
import { lineColumnRange } from "../core/config/positions";
import type { Diagnostic } from "../core/errors";
import type { PlanDiagnostic } from "../core/planner/types";

export function toPlanDiagnostics(
  text: string,
  diagnostics: readonly Diagnostic[],
): PlanDiagnostic[] {
  const seen = new Set<string>();
  const out: PlanDiagnostic[] = [];
  for (const d of diagnostics) {
    const id = `${d.code}\u0000${d.key ?? ""}\u0000${d.start ?? ""}\u0000${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const base = {
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.key ? { key: d.key } : {}),
    };
    if (d.start === undefined) {
      out.push(base);
      continue;
    }
    const r = lineColumnRange(text, d.start, d.end ?? d.start);
    out.push({
      ...base,
      line: r.line,
      column: r.column,
      endLine: r.endLine,
      endColumn: r.endColumn,
    });
  }
  return out;
}

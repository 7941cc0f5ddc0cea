/**
 * Where each string of an `MtaOutboundStrategy` expression was written, so the expression
 * compiler's errors (a column inside `if`, `then` or `else`) land on the right character
 * of the JSON text, escapes included (`JsonString.sourceOffset`). Branch i here is branch
 * i of the validated expression: both follow the registry's list order (list.ts).
 */
import { type JsonString, member } from "../json/tree";
import { listNodes } from "./list";
import type { RegistryObject } from "./load";
import type { RegistryValue } from "./object-type";

export type StrategyField = "route" | "connection" | "tls" | "schedule";

export interface BranchSource {
  /** The branch's list key as written ("0", "1", …; an array's index). */
  readonly key: string;
  readonly if: JsonString;
  readonly then: JsonString;
}

export interface ExpressionSource {
  readonly match: readonly BranchSource[];
  readonly else: JsonString;
}

/** The strings of `field` as written; undefined when the field holds its default. */
export function expressionSource(
  outbound: RegistryObject<RegistryValue<"MtaOutboundStrategy">>,
  field: StrategyField,
): ExpressionSource | undefined {
  if (outbound.node === undefined || outbound.defaulted.has(field)) return undefined;
  const node = member(outbound.node, field)?.value;
  const otherwise = member(node, "else")?.value;
  if (otherwise?.kind !== "string") return undefined;
  const match: BranchSource[] = [];
  for (const entry of listNodes(member(node, "match")?.value)) {
    const condition = member(entry.node, "if")?.value;
    const result = member(entry.node, "then")?.value;
    if (condition?.kind !== "string" || result?.kind !== "string") return undefined;
    // biome-ignore lint/suspicious/noThenProperty: Stalwart's field name; never awaited.
    match.push({ key: entry.key, if: condition, then: result });
  }
  return { match, else: otherwise };
}

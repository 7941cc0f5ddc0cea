/**
 * Schemas the plan (plan.ts) and its strategy-era additions (strategy.ts) both use.
 */
import * as z from "zod/mini";

export const STRATEGIES = ["ipv4_only", "ipv6_only", "ipv4_then_ipv6", "ipv6_then_ipv4"] as const;
export const StrategySchema = z.enum(STRATEGIES);
export type Strategy = z.infer<typeof StrategySchema>;

export const BranchSchema = z.union([
  z.readonly(z.object({ index: z.int(), condition: z.string() })),
  z.readonly(z.object({ index: z.literal("else") })),
  z.readonly(z.object({ index: z.literal("default") })),
]);
export type Branch = z.infer<typeof BranchSchema>;

/** A list the plan holds and never changes. */
export const list = <T extends z.ZodMiniType>(item: T) => z.readonly(z.array(item));

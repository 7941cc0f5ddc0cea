/**
 * Schemas the plan (plan.ts) and its strategy-era additions (strategy.ts) both use.
 */
import * as z from "zod";

export const STRATEGIES = ["ipv4_only", "ipv6_only", "ipv4_then_ipv6", "ipv6_then_ipv4"] as const;
export const StrategySchema = z.enum(STRATEGIES);
export type Strategy = z.infer<typeof StrategySchema>;

export const BranchSchema = z.union([
  z.object({ index: z.int(), condition: z.string() }).readonly(),
  z.object({ index: z.literal("else") }).readonly(),
  z.object({ index: z.literal("default") }).readonly(),
]);
export type Branch = z.infer<typeof BranchSchema>;

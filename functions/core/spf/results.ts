/**
 * RFC 7208 §2.6: the seven results. A module of its own, imported by the contract and
 * the deliverability schemas without the SPF evaluator's types (which import the DNS
 * types, which import the contract).
 */
export const SPF_RESULTS = [
  "pass",
  "fail",
  "softfail",
  "neutral",
  "none",
  "permerror",
  "temperror",
] as const;
export type SpfResult = (typeof SPF_RESULTS)[number];

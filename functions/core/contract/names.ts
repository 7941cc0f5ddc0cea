/**
 * The contract's fixed lists, apart from the schemas: modules that need only a name list
 * (the playground's first script) import them without zod.
 */
export { RESOLVER_NAMES } from "../dns/resolvers";
export { LAST_ERRORS, SOURCES } from "../planner/envelope";

/** DNS record types a lookup or a what-if record may have. */
export const QUERY_TYPES = ["MX", "A", "AAAA", "CNAME", "TXT", "PTR"] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

/**
 * The answers a what-if record may force instead of a value. `REFUSED` is a real answer
 * a resolver gives; Stalwart treats it like SERVFAIL, as a temporary DNS error.
 */
export const WHATIF_RCODES = ["NXDOMAIN", "SERVFAIL", "NODATA", "REFUSED"] as const;
export type WhatIfRcode = (typeof WHATIF_RCODES)[number];

/** The deliverability checks `checks` may ask for (deliverability/types.ts). */
export const CHECK_NAMES = ["spf", "ptr"] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

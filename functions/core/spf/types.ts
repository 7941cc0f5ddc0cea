/**
 * Sender Policy Framework (RFC 7208) as the core evaluates it: results, the parsed record,
 * problems with a stable code, and the outcome of one `check_host()`.
 */
import type { LookupResult, QueryType } from "../dns/types";
import type { ParsedIp } from "../ip";

import type { SpfResult } from "./results";

export { SPF_RESULTS, type SpfResult } from "./results";

/** Why a check ended in `permerror` or `temperror` (or, for `none`, why there was nothing). */
export const SpfProblemCode = {
  /** A term that does not parse (RFC 7208 §4.6, §12). */
  Syntax: "spf_syntax",
  /** A character outside 7-bit ASCII in the record (§3.1). */
  NonAscii: "spf_non_ascii",
  /** More than one `v=spf1` record at one name (§4.5). */
  MultipleRecords: "spf_multiple_records",
  /** More than 10 terms that cause DNS lookups (§4.6.4). */
  LookupLimit: "spf_lookup_limit",
  /** More than 2 lookups that found nothing (§4.6.4). */
  VoidLimit: "spf_void_limit",
  /** An `mx` mechanism with more than 10 exchanges (§4.6.4). */
  MxLimit: "spf_mx_limit",
  /** `include:` of a name without an SPF record (§5.2). */
  IncludeNone: "spf_include_none",
  /** `redirect=` to a name without an SPF record, or a malformed one (§6.1). */
  RedirectNone: "spf_redirect_none",
  /** A DNS lookup failed: SERVFAIL, timeout, query budget (§4.4, §5). */
  DnsError: "spf_dns_error",
} as const;
export type SpfProblemCode = (typeof SpfProblemCode)[keyof typeof SpfProblemCode];

export interface SpfProblem {
  readonly code: SpfProblemCode;
  readonly message: string;
  /** The domain whose record (or lookup) had the problem. */
  readonly domain: string;
  /** The term as written, when one term is at fault. */
  readonly term?: string;
  /** Offsets of that term in the record (UTF-16 code units). */
  readonly start?: number;
  readonly end?: number;
}

export type Qualifier = "+" | "-" | "~" | "?";
export type MechanismName = "all" | "include" | "a" | "mx" | "ptr" | "ip4" | "ip6" | "exists";

/** One piece of a macro-string (RFC 7208 §7.1): literal text or a macro to expand. */
export type MacroPart =
  | { readonly kind: "literal"; readonly text: string }
  | {
      readonly kind: "macro";
      /** Lower-case macro letter: s l o d i p h c r t v. */
      readonly letter: string;
      /** Upper-case letter: the value is URL-escaped (§7.3). */
      readonly escape: boolean;
      /** Right-hand parts to keep; 0 = all. */
      readonly keep: number;
      readonly reverse: boolean;
      /** Characters to split on; "." when none are given. */
      readonly delimiters: string;
    };
export type MacroString = readonly MacroPart[];

export interface Directive {
  readonly kind: "directive";
  readonly qualifier: Qualifier;
  readonly mechanism: MechanismName;
  /** The term as written in the record. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The domain-spec, when the mechanism has one. */
  readonly target?: MacroString;
  /** ip4/ip6 network. */
  readonly network?: ParsedIp;
  /** CIDR prefix lengths (a, mx: dual; ip4: v4; ip6: v6). */
  readonly cidr4?: number;
  readonly cidr6?: number;
}

export interface Modifier {
  readonly kind: "modifier";
  /** Lower-case name. */
  readonly name: string;
  readonly value: MacroString;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface SpfRecord {
  readonly text: string;
  readonly directives: readonly Directive[];
  readonly redirect?: Modifier;
  readonly exp?: Modifier;
}

/** One line of the evaluation trace, for people: what was looked at and what came of it. */
export interface SpfStep {
  /** 0 for the checked domain, +1 per include or redirect. */
  readonly depth: number;
  readonly domain: string;
  /** The record (outcome `record`) or the term evaluated. */
  readonly term: string;
  readonly outcome:
    | "record"
    | "none"
    | "match"
    | "no-match"
    | "redirect"
    | "permerror"
    | "temperror";
  readonly detail?: string;
}

export interface SpfOutcome {
  readonly result: SpfResult;
  /** The directive that decided, as written (`ip4:192.0.2.0/24`, `-all`); null if none did. */
  readonly mechanism: string | null;
  /** The domain checked: the sender's, or the HELO name for a null sender (§2.4). */
  readonly domain: string;
  /** The domain whose record held `mechanism` (differs after a redirect). */
  readonly matchedIn?: string;
  /** The `exp=` text, for a `fail` whose record has one that resolves (§6.2). */
  readonly explanation?: string;
  /** One sentence saying why, for people. */
  readonly reason: string;
  readonly problem?: SpfProblem;
  /** DNS-querying terms evaluated (at most 10) and void lookups (at most 2), §4.6.4. */
  readonly lookups: { readonly dns: number; readonly void: number };
  readonly steps: readonly SpfStep[];
}

/** The lookups SPF needs; every name is already a `wireName` (lower-case, no final dot). */
export interface SpfResolver {
  lookup(name: string, type: QueryType): Promise<LookupResult>;
}

/** The inputs of `check_host()` (RFC 7208 §4.1). */
export interface SpfQuery {
  /** The SMTP client's address. */
  readonly ip: ParsedIp;
  /** MAIL FROM; "" for the null reverse path (then postmaster@helo, §2.4). */
  readonly sender: string;
  /** The HELO/EHLO name. */
  readonly helo: string;
}

export interface SpfOptions {
  readonly resolver: SpfResolver;
  /** Seconds since the epoch, for `%{t}`. */
  readonly now: () => number;
  /** Look up and expand `exp=` for a `fail` (the playground's checks do not need it). */
  readonly explain?: boolean;
}

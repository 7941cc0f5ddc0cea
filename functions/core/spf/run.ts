/**
 * The state of one `check_host()` evaluation and everything below it (includes and
 * redirects share it): the lookup and void counters of §4.6.4, the trace, the records
 * fetched, and a speculative walk that starts the lookups a record can lead to as soon
 * as the record arrives, so that evaluating it finds them in flight (the evaluation
 * itself stays strictly in RFC 7208 order; the walk only saves round trips).
 */

import { wireName } from "../dns/domain";
import type { LookupResult, QueryType } from "../dns/types";
import type { ParsedIp } from "../ip";
import { expandDomain, type MacroValues, usesValidatedName } from "./macro";
import { termProblem } from "./problems";
import { pickValidated, type ValidatedNames, validatedNames } from "./ptr";
import { parseRecord, selectRecord } from "./record";
import {
  type Directive,
  type MacroString,
  type SpfProblem,
  SpfProblemCode,
  type SpfRecord,
  type SpfResolver,
  type SpfStep,
} from "./types";

/** RFC 7208 §4.6.4, frozen: the record is untrusted input. */
export const SPF_LIMITS = Object.freeze({
  /** Terms that cause DNS lookups (include, a, mx, ptr, exists, redirect). */
  dnsTerms: 10,
  /** Lookups that find nothing (NXDOMAIN or NODATA). */
  voidLookups: 2,
  /** Exchanges one `mx` may look at. */
  mxNames: 10,
});

export type RecordLookup =
  | { readonly kind: "record"; readonly record: SpfRecord }
  | { readonly kind: "none"; readonly reason: string }
  | {
      readonly kind: "error";
      readonly result: "permerror" | "temperror";
      readonly problem: SpfProblem;
    };

export interface Identity {
  /** Local part of the sender ("postmaster" when it has none, §4.3). */
  readonly local: string;
  readonly senderDomain: string;
  readonly helo: string;
}

export class SpfRun {
  dnsTerms = 0;
  voids = 0;
  readonly steps: SpfStep[] = [];
  readonly #records = new Map<string, Promise<RecordLookup>>();
  #validated: Promise<ValidatedNames> | undefined;
  #walkLeft = SPF_LIMITS.dnsTerms;

  constructor(
    private readonly resolver: SpfResolver,
    readonly ip: ParsedIp,
    readonly identity: Identity,
    private readonly now: () => number,
  ) {}

  /** The resolver's answer; a resolver that throws gives a DNS error, never a rejection. */
  lookup(name: string, type: QueryType): Promise<LookupResult> {
    return this.resolver.lookup(name, type).catch((e: unknown) => ({
      status: "error" as const,
      message: e instanceof Error ? e.message : String(e),
    }));
  }

  get addressType(): "A" | "AAAA" {
    return this.ip.family === 4 ? "A" : "AAAA";
  }

  step(depth: number, domain: string, term: string, outcome: SpfStep["outcome"], detail?: string) {
    this.steps.push({ depth, domain, term, outcome, ...(detail ? { detail } : {}) });
  }

  values(domain: string, validated?: string): MacroValues {
    const { local, senderDomain, helo } = this.identity;
    return { local, senderDomain, domain, ip: this.ip, helo, now: this.now, validated };
  }

  /** The client's validated names (§5.5), looked up once per run. */
  validatedNames(): Promise<ValidatedNames> {
    this.#validated ??= validatedNames(this.ip, this);
    return this.#validated;
  }

  /** A domain-spec expanded into a name to query, or undefined when DNS has no such name. */
  async target(spec: MacroString | undefined, domain: string): Promise<string | undefined> {
    if (spec === undefined) return domain;
    const p = usesValidatedName(spec)
      ? pickValidated((await this.validatedNames()).validated, domain)
      : undefined;
    return wireName(expandDomain(spec, this.values(domain, p)));
  }

  /** Counts a DNS-querying term; the problem once there are more than 10 (§4.6.4). */
  countTerm(domain: string, term: { text: string; start: number; end: number }) {
    this.dnsTerms++;
    if (this.dnsTerms <= SPF_LIMITS.dnsTerms) return undefined;
    return limitProblem(
      SpfProblemCode.LookupLimit,
      domain,
      term,
      `more than ${SPF_LIMITS.dnsTerms} terms that cause DNS lookups (include, a, mx, ptr, exists, redirect)`,
    );
  }

  /** Counts a lookup that found nothing; the problem once there are more than 2 (§4.6.4). */
  countVoid(domain: string, term: Directive) {
    this.voids++;
    if (this.voids <= SPF_LIMITS.voidLookups) return undefined;
    return limitProblem(
      SpfProblemCode.VoidLimit,
      domain,
      term,
      `more than ${SPF_LIMITS.voidLookups} lookups that found nothing ("void lookups")`,
    );
  }

  /** The SPF record at `domain` (§4.4, §4.5), fetched once per run. */
  record(domain: string): Promise<RecordLookup> {
    let found = this.#records.get(domain);
    if (found === undefined) {
      found = this.lookup(domain, "TXT").then((txt) => this.#read(domain, txt));
      this.#records.set(domain, found);
    }
    return found;
  }

  #read(domain: string, txt: LookupResult): RecordLookup {
    if (txt.status === "error") {
      const problem = {
        code: SpfProblemCode.DnsError,
        domain,
        message: `The TXT lookup of ${domain} failed (${txt.message}): temperror (RFC 7208 §4.4).`,
      };
      return { kind: "error", result: "temperror", problem };
    }
    const texts =
      txt.status === "ok" ? txt.answers.flatMap((a) => (a.type === "TXT" ? [a.text] : [])) : [];
    const selected = selectRecord(texts);
    if (selected.kind === "none") {
      const why =
        txt.status === "ok"
          ? "no TXT record starting with v=spf1"
          : txt.rcode === "NXDOMAIN"
            ? "no such name (NXDOMAIN)"
            : "no TXT records";
      return { kind: "none", reason: `${domain} has no SPF record: ${why}.` };
    }
    if (selected.kind === "many") {
      const problem = {
        code: SpfProblemCode.MultipleRecords,
        domain,
        message: `${domain} has ${selected.count} SPF records; there must be one (RFC 7208 §4.5).`,
      };
      return { kind: "error", result: "permerror", problem };
    }
    const record = parseRecord(domain, selected.text);
    if ("code" in record) return { kind: "error", result: "permerror", problem: record };
    this.#walk(record, domain);
    return { kind: "record", record };
  }

  /**
   * Starts the lookups of the record's DNS terms, in record order and at most 10 for the
   * whole run (what evaluation could make at most), without waiting for any: included
   * and redirected records are fetched and walked in turn as they arrive. A target that
   * needs `%{p}` waits for evaluation.
   */
  #walk(record: SpfRecord, domain: string): void {
    const terms: (Directive | { mechanism: "redirect"; target: MacroString })[] = [
      ...record.directives,
      ...(record.redirect
        ? [{ mechanism: "redirect" as const, target: record.redirect.value }]
        : []),
    ];
    for (const d of terms) {
      if (d.mechanism === "all" || d.mechanism === "ip4" || d.mechanism === "ip6") continue;
      if (this.#walkLeft-- <= 0) return;
      if (d.target !== undefined && usesValidatedName(d.target)) continue;
      const name =
        d.target === undefined ? domain : wireName(expandDomain(d.target, this.values(domain)));
      if (name === undefined) continue;
      if (d.mechanism === "include" || d.mechanism === "redirect") void this.record(name);
      else if (d.mechanism === "a") void this.lookup(name, this.addressType);
      else if (d.mechanism === "exists") void this.lookup(name, "A");
      else if (d.mechanism === "ptr") void this.validatedNames();
      else void this.lookup(name, "MX").then((mx) => this.#walkExchanges(mx));
    }
  }

  #walkExchanges(mx: LookupResult): void {
    if (mx.status !== "ok") return;
    for (const a of mx.answers.slice(0, SPF_LIMITS.mxNames)) {
      if (a.type === "MX" && a.exchange !== ".") void this.lookup(a.exchange, this.addressType);
    }
  }
}

function limitProblem(
  code: SpfProblemCode,
  domain: string,
  term: { text: string; start: number; end: number },
  what: string,
): SpfProblem {
  const message = `${JSON.stringify(term.text)} in the record of ${domain} is one of ${what}: permerror (RFC 7208 §4.6.4).`;
  return termProblem(code, domain, term, message);
}

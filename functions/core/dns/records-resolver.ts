/**
 * What-if DNS: the request's `records` answer the (name, type) pairs they list (trace
 * `from: "record"`); every other lookup goes to a fallback resolver (DoH, or "none",
 * which answers NXDOMAIN for everything). CNAME records are followed, within the records
 * and into the fallback.
 */
import type {
  LookupResult,
  QueryContext,
  QueryType,
  TracedLookup,
  TraceEntry,
  TracingResolver,
} from "./types";
import {
  type Entry,
  key,
  type NameRule,
  parseRecords,
  type Table,
  type WhatIfRecord,
} from "./whatif-records";
import { presentAnswer } from "./wire";

export { type NameRule, parseRecords, type WhatIfRecord } from "./whatif-records";

export const MAX_CNAME_HOPS = 8;

function fromEntry(entry: Entry): {
  result: LookupResult;
  rcode: string;
  answers: string[];
  error?: string;
} {
  if (entry.kind === "answers") {
    return {
      result: { status: "ok", answers: entry.answers },
      rcode: "NOERROR",
      answers: entry.answers.map(presentAnswer),
    };
  }
  switch (entry.rcode) {
    case "NXDOMAIN":
      return { result: { status: "not_found", rcode: "NXDOMAIN" }, rcode: "NXDOMAIN", answers: [] };
    case "NODATA":
      return { result: { status: "not_found", rcode: "NOERROR" }, rcode: "NOERROR", answers: [] };
    case "SERVFAIL":
    case "REFUSED": {
      // Both are temporary DNS errors for Stalwart (mail-auth's `Error::DnsError`).
      const error = `${entry.rcode} (what-if record)`;
      return {
        result: { status: "error", message: error },
        rcode: entry.rcode,
        answers: [],
        error,
      };
    }
  }
}

/** `resolver: "none"`: no network; every name is NXDOMAIN. */
export const noneResolver: TracingResolver = {
  async query(name, type) {
    return {
      result: { status: "not_found", rcode: "NXDOMAIN" },
      trace: [{ name, type, rcode: "NXDOMAIN", answers: [], ttl: null, ms: 0, from: "none" }],
    };
  },
};

export class RecordsResolver implements TracingResolver {
  readonly #table: Table;

  /** Throws `DnsInputError` (`invalid_record`) for a record that does not parse. */
  constructor(
    records: readonly WhatIfRecord[],
    private readonly fallback: TracingResolver,
    names: NameRule = "host",
  ) {
    this.#table = parseRecords(records, names);
  }

  async query(name: string, type: QueryType, ctx?: QueryContext): Promise<TracedLookup> {
    const chain: string[] = [];
    const seen = new Set([name]);
    let current = name;
    for (;;) {
      const own = this.#table.entries.get(key(current, type));
      if (own !== undefined) {
        const { result, rcode, answers, error } = fromEntry(own);
        return {
          result,
          trace: [recordTrace(name, type, chain, rcode, answers, error || undefined)],
        };
      }
      const target = type === "CNAME" ? undefined : this.#table.cnames.get(current);
      if (target === undefined) break;
      if (seen.has(target) || chain.length >= MAX_CNAME_HOPS) {
        const error = `CNAME loop or chain longer than ${MAX_CNAME_HOPS} in records at ${current}`;
        chain.push(target);
        return {
          result: { status: "error", message: error },
          trace: [recordTrace(name, type, chain, "SERVFAIL", [], error)],
        };
      }
      seen.add(target);
      chain.push(target);
      current = target;
    }
    const sub = await this.fallback.query(current, type, ctx);
    if (chain.length === 0) return sub;
    return {
      result: sub.result,
      trace: [recordTrace(name, type, chain, "NOERROR", [], undefined), ...sub.trace],
    };
  }
}

/** A trace entry answered from the records. */
function recordTrace(
  name: string,
  type: QueryType,
  chain: readonly string[],
  rcode: string,
  answers: string[],
  error: string | undefined,
): TraceEntry {
  return {
    name,
    type,
    rcode,
    answers,
    ttl: null,
    ms: 0,
    from: "record",
    ...(chain.length > 0 ? { cname: [...chain] } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}

/**
 * The request's what-if `records`: validated and indexed by (name, type), with the CNAME
 * targets apart, for `RecordsResolver` to answer from.
 */

import { QUERY_TYPES, type QueryType, WHATIF_RCODES, type WhatIfRcode } from "../contract/request";
import { parseIp, reverseLookupName } from "../ip";
import { normalizeDomain, wireName } from "./domain";
import { DnsInputError, DnsInputErrorCode } from "./errors";
import type { Answer } from "./types";

/**
 * One entry of the request's `records`. Loosely typed: the resolver checks every field
 * again, so it stays safe for a caller that did not validate with the contract's schema.
 */
export interface WhatIfRecord {
  readonly name: string;
  readonly type: string;
  /** Presentation form; for TXT also the character-strings of one record, in order. */
  readonly value?: string | readonly string[];
  readonly rcode?: string;
}

/**
 * Which names the records may have: `host` names (IDNs converted, `normalizeDomain`), or
 * also `any` name DNS allows (`wireName`), for SPF, whose macro expansion can make names
 * such as `foo:bar/baz.example.com` and whose test suite uses them.
 */
export type NameRule = "host" | "any";

const MAX_TXT_LENGTH = 4_096;
/** RFC 1035 §3.3: a character-string is at most 255 octets. */
const MAX_TXT_STRING_OCTETS = 255;

export type Entry =
  | { readonly kind: "answers"; readonly answers: Answer[] }
  | { readonly kind: "rcode"; readonly rcode: WhatIfRcode };

export interface Table {
  readonly entries: Map<string, Entry>;
  readonly cnames: Map<string, string>;
}

export const key = (name: string, type: string) => `${name}\u0000${type}`;

function bad(index: number, record: WhatIfRecord, what: string): never {
  const label = `${JSON.stringify(record.name)} ${JSON.stringify(record.type)}`;
  throw new DnsInputError(
    DnsInputErrorCode.InvalidRecord,
    `records[${index}] (${label}): ${what}`,
    index,
  );
}

/** A name under `rule`; throws `DnsInputError` with normalizeDomain's reason. */
function ruledName(text: string, rule: NameRule): string {
  try {
    return normalizeDomain(text);
  } catch (e) {
    const any = rule === "any" ? wireName(text) : undefined;
    if (any === undefined) throw e;
    return any;
  }
}

function domainValue(
  index: number,
  record: WhatIfRecord,
  text: string,
  what: string,
  rule: NameRule,
): string {
  try {
    return ruledName(text, rule);
  } catch (e) {
    bad(
      index,
      record,
      `value ${JSON.stringify(text)} is not ${what}${e instanceof Error ? ` (${e.message})` : ""}`,
    );
  }
}

/** One TXT record from its character-strings, joined as mail software does (RFC 7208 §3.3). */
function txtStrings(index: number, record: WhatIfRecord, strings: readonly string[]): Answer {
  const encoder = new TextEncoder();
  let text = "";
  for (const [i, s] of strings.entries()) {
    const octets = encoder.encode(s).length;
    if (octets > MAX_TXT_STRING_OCTETS) {
      bad(
        index,
        record,
        `string ${i} of the TXT value has ${octets} octets (a character-string holds at most ${MAX_TXT_STRING_OCTETS})`,
      );
    }
    text += s;
  }
  if (text.length > MAX_TXT_LENGTH)
    bad(index, record, `TXT value of ${text.length} characters (at most ${MAX_TXT_LENGTH})`);
  return { type: "TXT", text };
}

/** Parse a zone-file presentation value for `type` (RFC 1035 §5.1 forms we accept). */
function parseValue(
  index: number,
  record: WhatIfRecord,
  type: QueryType,
  raw: string,
  rule: NameRule,
): Answer | string {
  const text = raw.trim();
  switch (type) {
    case "A":
    case "AAAA": {
      const family = type === "A" ? 4 : 6;
      const ip = parseIp(text);
      if (ip?.family === family) return { type, address: ip.canonical };
      const example = family === 4 ? "192.0.2.25" : "2001:db8::25";
      return bad(
        index,
        record,
        `value ${JSON.stringify(raw)} is not an IPv${family} address (expected e.g. "${example}")`,
      );
    }
    case "MX": {
      const m = /^([0-9]{1,5})\s+(\S+)$/.exec(text);
      const preference = m ? Number(m[1]) : Number.NaN;
      if (!m || preference > 65_535) {
        bad(
          index,
          record,
          `value ${JSON.stringify(raw)} is not "<preference 0-65535> <exchange>" (expected e.g. "10 mx1.example.com")`,
        );
      }
      const target = m[2] ?? "";
      // RFC 7505 null MX: the exchange is the root name ".".
      const exchange =
        target === "." ? "." : domainValue(index, record, target, "an exchange host name", rule);
      return { type: "MX", preference, exchange };
    }
    case "CNAME":
      return domainValue(index, record, text, "a target host name", rule);
    case "PTR":
      return { type: "PTR", name: domainValue(index, record, text, "a host name", rule) };
    case "TXT": {
      if (raw.length > MAX_TXT_LENGTH)
        bad(index, record, `TXT value of ${raw.length} characters (at most ${MAX_TXT_LENGTH})`);
      const quoted = /^"(.*)"$/s.exec(text);
      return { type: "TXT", text: quoted ? (quoted[1] ?? "") : text };
    }
  }
}

/**
 * A record's owner name under `rule`. A PTR record may be named by the address it answers
 * for: it stands at that address's in-addr.arpa / ip6.arpa name, where PTR lookups go.
 */
function ownerName(index: number, record: WhatIfRecord, type: QueryType, rule: NameRule): string {
  const ip = type === "PTR" ? parseIp(record.name.trim()) : null;
  if (ip !== null) return reverseLookupName(ip);
  try {
    return ruledName(record.name, rule);
  } catch (e) {
    bad(index, record, `name is not a DNS name${e instanceof Error ? ` (${e.message})` : ""}`);
  }
}

/** Validate and index the records; throws `DnsInputError` (`invalid_record`, `index`). */
export function parseRecords(records: readonly WhatIfRecord[], rule: NameRule = "host"): Table {
  const entries = new Map<string, Entry>();
  const cnames = new Map<string, string>();
  const owners = new Map<string, Set<string>>();
  records.forEach((record, index) => {
    const type = record.type.toUpperCase();
    if (!(QUERY_TYPES as readonly string[]).includes(type)) {
      bad(
        index,
        record,
        `type ${JSON.stringify(record.type)} is not one of ${QUERY_TYPES.join(", ")}`,
      );
    }
    const t = type as QueryType;
    const name = ownerName(index, record, t, rule);
    const types = owners.get(name) ?? new Set<string>();
    owners.set(name, types);
    types.add(t);
    // RFC 1034 §3.6.2: a CNAME owner has no other data.
    if (types.has("CNAME") && types.size > 1)
      bad(index, record, "a name with a CNAME record cannot have other records");
    const k = key(name, t);
    const existing = entries.get(k);
    if ((record.value === undefined) === (record.rcode === undefined)) {
      bad(index, record, `expected exactly one of "value" or "rcode"`);
    }
    if (record.rcode !== undefined) {
      if (!(WHATIF_RCODES as readonly string[]).includes(record.rcode)) {
        bad(
          index,
          record,
          `rcode ${JSON.stringify(record.rcode)} is not one of ${WHATIF_RCODES.join(", ")}`,
        );
      }
      if (existing !== undefined)
        bad(
          index,
          record,
          "an rcode record cannot be combined with other records of the same name and type",
        );
      entries.set(k, { kind: "rcode", rcode: record.rcode as WhatIfRcode });
      return;
    }
    const raw = record.value ?? "";
    if (typeof raw !== "string" && t !== "TXT")
      bad(index, record, "only a TXT value may be an array (of character-strings)");
    const value =
      typeof raw === "string"
        ? parseValue(index, record, t, raw, rule)
        : txtStrings(index, record, raw);
    if (typeof value === "string") {
      if (cnames.has(name)) bad(index, record, "a name can have only one CNAME record");
      cnames.set(name, value);
      return;
    }
    if (existing?.kind === "rcode")
      bad(
        index,
        record,
        "an rcode record cannot be combined with other records of the same name and type",
      );
    if (existing === undefined) entries.set(k, { kind: "answers", answers: [value] });
    else existing.answers.push(value);
  });
  return { entries, cnames };
}

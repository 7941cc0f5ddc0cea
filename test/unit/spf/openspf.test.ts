/**
 * The openspf RFC 7208 test suite (test/fixtures/spf/, BSD licence) through POST /api/spf:
 * every scenario's zone data becomes what-if records, with resolver "none" (a name the
 * zone does not list is NXDOMAIN), and every test of it is one request.
 *
 * Zone data is read as pyspf's driver (test/testspf.py) reads it:
 * - `SPF` entries stand for TXT records unless the name lists TXT entries itself
 *   (`TXT: NONE` lists none and stops that); RFC 7208 queries TXT only.
 * - `TIMEOUT` makes every type with no record listed before it time out: here SERVFAIL
 *   (a DNS error either way: temperror).
 * - A TXT value is one record; a list is its character-strings (joined, RFC 7208 §3.3).
 * - `MX: [pref, ""]` has no exchange: the null MX `.`.
 * - A type a listed name lacks is NXDOMAIN, not NODATA: to SPF both are "nothing" (a void
 *   lookup, or no record), and listing NODATA would take some scenarios past the API's
 *   200 what-if records.
 * - `result` may list several acceptable results; `explanation: DEFAULT` means the
 *   implementation's own text, which for this API is no `explanation` field at all.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { createApp } from "../../../functions/app";

const FILE = resolve(import.meta.dirname, "../../fixtures/spf/rfc7208-tests.yml");

type ZoneEntry = "TIMEOUT" | Record<string, unknown>;
interface SuiteTest {
  readonly helo: string;
  readonly host: string;
  readonly mailfrom: string;
  readonly result: string | string[];
  readonly explanation?: string;
}
interface Scenario {
  readonly description: string;
  readonly tests: Record<string, SuiteTest>;
  readonly zonedata: Record<string, ZoneEntry[]>;
}

interface WhatIf {
  name: string;
  type: string;
  value?: string | string[];
  rcode?: string;
}

const QUERIED = ["TXT", "A", "AAAA", "MX", "PTR"] as const;

function presentation(type: string, v: unknown): string | string[] {
  if (type === "TXT") return Array.isArray(v) ? v.map(String) : [String(v)];
  if (type === "MX" && Array.isArray(v)) return `${v[0]} ${v[1] === "" ? "." : v[1]}`;
  return String(v);
}

/** One name's entries as pyspf's getrdata() yields them, SPF turned into TXT. */
function entriesOf(raw: readonly ZoneEntry[]): ({ type: string; value: unknown } | "TIMEOUT")[] {
  const out: ({ type: string; value: unknown } | "TIMEOUT")[] = [];
  const generated: { type: string; value: unknown }[] = [];
  const hasTxt = raw.some((e) => e !== "TIMEOUT" && "TXT" in e);
  for (const e of raw) {
    if (e === "TIMEOUT") {
      out.push(e);
      continue;
    }
    const [type, value] = Object.entries(e)[0] ?? ["", ""];
    if (type === "SPF" && !hasTxt) generated.push({ type: "TXT", value });
    else if (type !== "SPF" && !(type === "TXT" && value === "NONE")) out.push({ type, value });
  }
  return [...out, ...generated];
}

function recordsOf(zone: Record<string, ZoneEntry[]>): WhatIf[] {
  const records: WhatIf[] = [];
  for (const [name, raw] of Object.entries(zone)) {
    const entries = entriesOf(raw);
    const cname = entries.find((e) => e !== "TIMEOUT" && e.type === "CNAME");
    if (cname && cname !== "TIMEOUT") {
      records.push({ name, type: "CNAME", value: String(cname.value) });
      continue;
    }
    for (const type of QUERIED) {
      const before: WhatIf[] = [];
      let timedOut = false;
      for (const e of entries) {
        if (e === "TIMEOUT") {
          timedOut = before.length === 0;
          break;
        }
        if (e.type === type) before.push({ name, type, value: presentation(type, e.value) });
      }
      if (timedOut) records.push({ name, type, rcode: "SERVFAIL" });
      else records.push(...before);
    }
  }
  return records;
}

const app = createApp({
  fetch: () => Promise.reject(new Error("no network in unit tests")),
  clock: { now: () => 1_700_000_000_000 },
  newSeed: () => 1,
});

const scenarios = parseAllDocuments(readFileSync(FILE, "utf8")).map((d) => d.toJS() as Scenario);
const cases = scenarios.flatMap((s) =>
  Object.entries(s.tests).map(([id, t]) => ({ scenario: s, id, t })),
);

describe("openspf RFC 7208 test suite through POST /api/spf", () => {
  it("reads every scenario of the suite", () => {
    expect(scenarios).toHaveLength(16);
    expect(cases).toHaveLength(203);
  });

  it.each(cases)("$scenario.description: $id", async ({ scenario, t }) => {
    const records = recordsOf(scenario.zonedata);
    const res = await app.request(
      "/api/spf",
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          ip: t.host,
          sender: t.mailfrom,
          helo: t.helo,
          records,
          resolver: "none",
        }),
      },
      {},
    );
    const body = (await res.json()) as { result?: string; explanation?: string; error?: unknown };
    expect(res.status, JSON.stringify(body.error)).toBe(200);
    const accepted = Array.isArray(t.result) ? t.result : [t.result];
    expect(accepted, JSON.stringify(body, null, 1)).toContain(body.result);
    if (t.explanation === "DEFAULT") expect(body.explanation).toBeUndefined();
    else if (t.explanation !== undefined) expect(body.explanation).toBe(t.explanation);
  });
});

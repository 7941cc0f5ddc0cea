/**
 * What-if rows → the API's records (web/src/state/whatif-value.ts, request.ts): TXT as
 * typed or as dig prints it, PTR rows as typed (the core places one named by an address), and
 * the checks in requests.
 */
import { describe, expect, it } from "vitest";
import { evaluateRequest, recordRows } from "../../../web/src/state/request";
import { parseState } from "../../../web/src/state/schema";
import { defaultState } from "../../../web/src/state/types";
import { txtValue } from "../../../web/src/state/whatif-value";

describe("TXT values", () => {
  it("plain text is one string, as typed (trimmed)", () => {
    expect(txtValue("  v=spf1 ip4:192.0.2.0/24 -all ")).toEqual({
      ok: true,
      value: "v=spf1 ip4:192.0.2.0/24 -all",
    });
  });

  it("quoted strings as dig prints them: one string, or the strings of one record", () => {
    expect(txtValue('"v=spf1 -all"')).toEqual({ ok: true, value: "v=spf1 -all" });
    expect(txtValue('"v=spf1 ip4:192.0.2.0/24 " "include:_spf.example.net -all"')).toEqual({
      ok: true,
      value: ["v=spf1 ip4:192.0.2.0/24 ", "include:_spf.example.net -all"],
    });
    // RFC 1035 §5.1 escapes: \" and \\ as themselves, \DDD as that octet.
    expect(txtValue('"a\\"b\\\\c\\065"')).toEqual({ ok: true, value: 'a"b\\cA' });
  });

  it("an unclosed quote or text outside the quotes is refused, with its column", () => {
    const open = txtValue('"v=spf1 -all');
    expect(open.ok).toBe(false);
    expect(!open.ok && open.message).toContain("column 1 is not closed");
    const outside = txtValue('"v=spf1" -all');
    expect(!outside.ok && outside.message).toContain("column 10 is outside the quotes");
  });
});

describe("records in requests", () => {
  it("converts TXT and PTR rows and maps a bad row to its request index and panel row", () => {
    const rows = recordRows([
      { name: "", type: "A", value: "192.0.2.1" },
      { name: "192.0.2.10", type: "PTR", value: "mail.example.org" },
      { name: "example.org", type: "TXT", value: '"v=spf1 " "-all"' },
      { name: "bad.example", type: "TXT", value: '"open' },
    ]);
    expect(rows.records).toEqual([
      { name: "192.0.2.10", type: "PTR", value: "mail.example.org" },
      { name: "example.org", type: "TXT", value: ["v=spf1 ", "-all"] },
      { name: "bad.example", type: "TXT", value: '"open' },
    ]);
    expect(rows.rows).toEqual([1, 2, 3]);
    expect(rows.problem).toMatchObject({ code: "invalid_record", field: "records.2" });
  });

  it("sends the checks only when some are on, and never for the retry timeline", () => {
    const s = defaultState();
    expect(evaluateRequest(s).checks).toBeUndefined();
    s.checks = ["spf", "ptr"];
    expect(evaluateRequest(s).checks).toEqual(["spf", "ptr"]);
    expect(evaluateRequest(s, 2, { checks: false }).checks).toBeUndefined();
  });

  it("a link made before the checks existed opens with them off; a bad check name is refused", () => {
    const { checks: _, ...old } = defaultState();
    expect(parseState(old)?.checks).toEqual([]);
    expect(parseState({ ...old, checks: ["dkim"] })).toBeNull();
  });
});

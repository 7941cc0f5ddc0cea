import { describe, expect, it } from "vitest";
import { type PlannedHost as Host, PlanSchema } from "../../../functions/core/contract";
import { cursorContext } from "../../../web/src/editor/key-context";
import {
  branchText,
  dropReason,
  familyOf,
  formatDuration,
  hostWhy,
  shuffledPreferences,
} from "../../../web/src/ui/explain";
import { hostHeadline, outcomeText } from "../../../web/src/ui/outcome-text";
import { dueAfter } from "../../../web/src/ui/schedule";

const host = (over: Partial<Host>): Host => ({
  name: "mx1.example.com",
  preference: 10,
  implicit: false,
  shuffled: false,
  strategy: "ipv4_then_ipv6",
  ips: [],
  dropped: [],
  source: { v4: { candidates: [], picked: null }, v6: { candidates: [], picked: null } },
  error: null,
  ...over,
});

/** A plan of the contract: an empty one, with `over` on top. */
const plan = (over: Record<string, unknown>) =>
  PlanSchema.parse({
    model: "v0.12",
    seed: 1,
    strategy: {
      value: "ipv4_then_ipv6",
      key: "queue.outbound.ip-strategy",
      branch: { index: "default" },
    },
    limits: { mx: 5, multihomed: 2 },
    nextHop: { kind: "mx" },
    mx: { status: "ok", records: [] },
    hosts: [],
    attempts: [],
    outcome: null,
    retry: { retryNum: 0, schedule: [120_000], nextInMs: 120_000, expireMs: 432_000_000 },
    hostname: "localhost",
    diagnostics: [],
    dns: [],
    ...over,
  });

describe("explanations", () => {
  it("says IPv6 is never tried when IPv4 fills limits.multihomed", () => {
    const why = hostWhy(
      host({
        strategy: "ipv4_then_ipv6",
        ips: ["192.0.2.1", "192.0.2.2"],
        dropped: [{ ip: "2001:db8::1", reason: "multihomed" }],
      }),
      2,
    );
    expect(why.join(" ")).toContain("IPv6 is never tried");
    const fallback = hostWhy(
      host({ strategy: "ipv4_then_ipv6", ips: ["192.0.2.1", "2001:db8::1"] }),
      2,
    );
    expect(fallback.join(" ")).toContain("IPv6 is tried after");
    const only = hostWhy(host({ strategy: "ipv6_only", ips: ["2001:db8::1"] }), 2);
    expect(only.join(" ")).toContain("no A query");
    expect(hostWhy(host({ implicit: true, strategy: "ipv4_only" }), 2).join(" ")).toContain(
      "implicit MX",
    );
  });

  it("names the branch, the else, the default and a failed key", () => {
    expect(branchText({ index: 0, condition: "retry_num == 0" })).toBe(
      "chosen by branch 1: if retry_num == 0",
    );
    expect(branchText({ index: "else" })).toContain("else");
    expect(branchText({ index: "default" })).toContain("single value");
    expect(branchText({ index: "default" }, true)).toContain("error");
    expect(dropReason("multihomed", 2)).toContain("limits.multihomed = 2");
    expect(dropReason("loopback", 2)).toContain("loopback");
    expect(familyOf("2001:db8::1")).toBe("ipv6");
    expect(familyOf("192.0.2.1")).toBe("ipv4");
  });

  it("marks preferences shared by several exchanges as shuffled", () => {
    const res = plan({
      mx: {
        status: "ok",
        records: [
          { preference: 10, exchange: "a" },
          { preference: 10, exchange: "b" },
          { preference: 20, exchange: "c" },
        ],
      },
    });
    expect([...shuffledPreferences(res)]).toEqual([10]);
  });

  it("formats durations and adds up the retry waits", () => {
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(90_000)).toBe("1m 30s");
    expect(formatDuration(3_600_000 + 500)).toBe("1h 500ms");
    // Waits as the plans of retry_num 0, 1, 2… report them (`retry.nextInMs`).
    const waits = [120_000, 300_000, 600_000];
    const at = (k: number) => waits[k] ?? 0;
    expect(dueAfter(0, at)).toBe(0);
    expect(dueAfter(1, at)).toBe(120_000);
    expect(dueAfter(3, at)).toBe(1_020_000);
  });
});

describe("cursorContext", () => {
  const lines = [
    "[queue.outbound]",
    'ip-strategy = [ { if = "retry_num == 0", then = "ipv6_only" },',
    '                { else = "ipv4_only" } ]',
    "[queue.outbound.source-ip]",
    "v4 = \"['192.0.2.1']\"",
    "",
  ];
  it("finds the setting of a multi-line if-block and whether the cursor is in a string", () => {
    const inIf = cursorContext(lines, 2, 26);
    expect(inIf).toMatchObject({ settingKey: "queue.outbound.ip-strategy", inString: true });
    const inElse = cursorContext(lines, 3, 28);
    expect(inElse).toMatchObject({ settingKey: "queue.outbound.ip-strategy", inString: true });
    expect(cursorContext(lines, 5, 8)).toMatchObject({
      settingKey: "queue.outbound.source-ip.v4",
      inString: true,
    });
    expect(cursorContext(lines, 6, 1)).toMatchObject({
      table: "queue.outbound.source-ip",
      atKey: true,
      inString: false,
    });
  });
});

describe("outcomes and host headlines in plain words", () => {
  it("names local delivery, the relay, and temporary and permanent failures", () => {
    expect(outcomeText(plan({ outcome: { kind: "local_delivery", message: "x" } })).style).toBe(
      "local",
    );
    const temp = outcomeText(
      plan({
        outcome: { kind: "temporary_failure", message: "MX lookup failed: network error: boom" },
      }),
    );
    expect(temp.style).toBe("temporary");
    expect(temp.title).toContain("the DNS resolver could not be reached");
    expect(temp.title).not.toContain("boom");
    expect(temp.next).toContain("2m");
    expect(
      outcomeText(plan({ outcome: { kind: "permanent_failure", message: "x" } })).next,
    ).toContain("bounces");
    const relay = outcomeText(
      plan({
        nextHop: { kind: "relay", relay: "r", address: "h.example", port: 25, protocol: "lmtp" },
      }),
    );
    expect(relay.title).toBe("Through the relay 'r' at h.example:25 (LMTP)");
    expect(outcomeText(plan({ nextHop: { kind: "mx" } })).style).toBe("attempts");
  });

  it("says which lookups left a host without an address, and Stalwart's words", () => {
    const h = host({
      strategy: "ipv6_only",
      error: { permanent: true, message: "record not found for MX" },
    });
    const dns = [
      {
        name: "mx1.example.com.",
        type: "AAAA",
        rcode: "NOERROR",
        answers: [],
        ttl: null,
        ms: 0,
        from: "record",
      },
    ];
    expect(hostHeadline(h, plan({ dns }).dns)).toBe(
      "No AAAA record for mx1.example.com, and ipv6_only asks for nothing else; Stalwart reports “record not found for MX” (permanent).",
    );
    const both = hostHeadline(
      { ...h, strategy: "ipv4_then_ipv6" },
      plan({
        dns: [
          {
            name: "mx1.example.com",
            type: "A",
            rcode: "NXDOMAIN",
            answers: [],
            ttl: null,
            ms: 0,
            from: "none",
          },
          {
            name: "mx1.example.com",
            type: "AAAA",
            rcode: "SERVFAIL",
            answers: [],
            ttl: null,
            ms: 4,
            from: "doh",
          },
        ],
      }).dns,
    );
    expect(both).toContain("No such name as mx1.example.com (NXDOMAIN) and the AAAA lookup for");
    expect(hostHeadline(host({ ips: ["192.0.2.1"] }), [])).toBeNull();
  });
});

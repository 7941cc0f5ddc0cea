/**
 * The deliverability checks in words (web/src/ui/checks-text.ts), over plans the core
 * computes for the playground's own examples and variations of them (offline: what-if
 * records, resolver "none").
 */
import { describe, expect, it } from "vitest";
import { EvaluateRequestSchema, type Plan } from "../../../functions/core/contract";
import { noneResolver } from "../../../functions/core/dns/records-resolver";
import { evaluate } from "../../../functions/core/evaluate";
import { EXAMPLES, exampleState } from "../../../web/src/examples";
import { evaluateRequest } from "../../../web/src/state/request";
import type { PlaygroundState } from "../../../web/src/state/types";
import {
  checksSummary,
  ehloBadge,
  ptrBadge,
  senderText,
  sourceVerdicts,
  spfBadge,
} from "../../../web/src/ui/checks-text";

function example(id: string): PlaygroundState {
  const ex = EXAMPLES.find((e) => e.id === id);
  if (!ex) throw new Error(`no example ${id}`);
  return exampleState(ex);
}

async function plan(state: PlaygroundState): Promise<Plan> {
  const req = EvaluateRequestSchema.parse(evaluateRequest(state));
  return evaluate(req, { upstream: noneResolver, clock: { now: () => 0 }, newSeed: () => 0 });
}

describe("the deliverability examples, in words", () => {
  it("a source IP outside the SPF record: 1 of 2 would fail, the pick's badges say so", async () => {
    const p = await plan(example("spf-outside-record"));
    expect(checksSummary(p)).toEqual([
      "1 of 2 source IPs would fail SPF for alice@example.org (198.51.100.20 fail).",
      "1 of 2 source IPs has no forward-confirmed reverse DNS (198.51.100.20).",
      "1 of 2 source IPs says an EHLO name that is not its PTR name (198.51.100.20 as mail.example.org).",
    ]);
    const verdicts = sourceVerdicts(p);
    expect(verdicts.map((v) => v.sourceIp).sort()).toEqual(["192.0.2.10", "198.51.100.20"]);
    const bad = verdicts.find((v) => v.sourceIp === "198.51.100.20");
    if (!bad?.spf) throw new Error("no SPF verdict for 198.51.100.20");
    expect(spfBadge(bad.spf)).toMatchObject({ label: "SPF fail", tone: "err" });
    expect(spfBadge(bad.spf).reason).toContain("-all");
    expect(ptrBadge(bad)).toMatchObject({ label: "PTR ✗", tone: "err" });
    expect(ptrBadge(bad)?.reason).toContain("has no PTR record");
    const good = verdicts.find((v) => v.sourceIp === "192.0.2.10");
    if (!good?.spf) throw new Error("no SPF verdict for 192.0.2.10");
    expect(spfBadge(good.spf)).toMatchObject({ label: "SPF pass", tone: "ok" });
    expect(spfBadge(good.spf).reason).toBe(
      "ip4:192.0.2.0/24 in the SPF record of example.org matched: pass.",
    );
    expect(ptrBadge(good)?.label).toBe("PTR ✓");
    expect(ehloBadge(good)?.label).toBe("EHLO ✓");
  });

  it("an EHLO name that is not the PTR name: PTR ✓, EHLO ✗ with both names", async () => {
    const p = await plan(example("ehlo-not-ptr"));
    const [v] = sourceVerdicts(p);
    if (!v) throw new Error("no verdict");
    expect(ptrBadge(v)?.label).toBe("PTR ✓");
    expect(ehloBadge(v)).toMatchObject({ label: "EHLO ✗", tone: "warn" });
    expect(ehloBadge(v)?.reason).toBe(
      "EHLO mail.example.org is not a PTR name of 192.0.2.10 (PTR: host-10.isp.example.net).",
    );
    expect(checksSummary(p)).toEqual([
      "The source IP passes SPF for alice@example.org.",
      "The source IP has forward-confirmed reverse DNS.",
      "The source IP says an EHLO name that is not its PTR name (192.0.2.10 as mail.example.org).",
    ]);
  });

  it("an unbound attempt is counted apart, not guessed", async () => {
    const p = await plan(example("unbound-ipv6"));
    expect(p.attempts[0]?.deliverability?.verdict).toBe("unbound");
    expect(checksSummary(p).at(-1)).toBe(
      "1 of 2 attempts is unbound: the operating system chooses the source address, which cannot be checked.",
    );
  });
});

describe("variations", () => {
  it("no SPF record for the sender: no verdict, not a failure", async () => {
    const s = example("ehlo-not-ptr");
    s.context.sender = "bob@elsewhere.example";
    s.checks = ["spf"];
    const p = await plan(s);
    expect(checksSummary(p)).toEqual([
      "The source IP gets no SPF verdict for bob@elsewhere.example (192.0.2.10 none).",
    ]);
    const [v] = sourceVerdicts(p);
    expect(v && ptrBadge(v)).toBeNull();
  });

  it("the null reverse path is checked as postmaster@<helo> (RFC 7208 §2.4)", async () => {
    const s = example("spf-outside-record");
    s.context.sender = "";
    const p = await plan(s);
    expect(checksSummary(p)[0]).toBe(
      "1 of 2 source IPs would fail SPF for <> (checked as postmaster@mail.example.org) (198.51.100.20 fail).",
    );
    expect(senderText("", "h.example")).toBe("<> (checked as postmaster@h.example)");
  });

  it("every address passing is said once; no checks asked for, nothing is said", async () => {
    const s = example("spf-outside-record");
    const txt = s.records.find((r) => r.type === "TXT" && r.name === "example.org");
    if (!txt) throw new Error("no TXT record in the example");
    txt.value = "v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.0/24 -all";
    s.checks = ["spf"];
    expect(checksSummary(await plan(s))).toEqual([
      "All 2 source IPs pass SPF for alice@example.org.",
    ]);
    s.checks = [];
    expect(checksSummary(await plan(s))).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { analyzeConfig } from "../../../functions/core/config/analysis";
import { checksBudget } from "../../../functions/core/deliverability/budget";
import { previewV012 } from "../../../functions/core/deliverability/preview-v012";
import { createQueryBudget } from "../../../functions/core/dns/evaluation-resolver";

describe("checksBudget", () => {
  it("leaves the plan its whole cap while it runs, and takes what it left once done", () => {
    const plan = createQueryBudget(30);
    const checks = checksBudget(48, plan);
    for (let i = 0; i < 18; i++) expect(checks.take()).toBe(true);
    expect(checks.take()).toBe(false);
    for (let i = 0; i < 21; i++) plan.take();
    checks.planDone();
    // 48 - 21 (plan) - 18 (checks) = 9 more.
    for (let i = 0; i < 9; i++) expect(checks.take()).toBe(true);
    expect(checks.take()).toBe(false);
    expect(checks.used()).toBe(27);
    expect(checks.refused()).toBe(2);
  });
});

/** The config and its blocks, as the analysis reads them for a plan. */
function read(text: string) {
  const analysis = analyzeConfig(text);
  if (analysis.config === undefined) throw new Error("the config does not load");
  return analysis;
}

describe("previewV012", () => {
  it("reads source addresses and the EHLO name that depend on neither mx nor DNS", () => {
    const config = read(`[queue.outbound]
hostname = "'out.example.org'"
source-ip.v4 = "['192.0.2.10', '192.0.2.11']"
source-ip.v6 = [ { if = "mx == 'a.example'", then = "'2001:db8::1'" }, { else = "'2001:db8::2'" } ]
`);
    const p = previewV012(config, { domain: "example.com" });
    expect(p.ips.map((ip) => ip.canonical)).toEqual(["192.0.2.10", "192.0.2.11"]);
    expect(p.ehlos).toEqual(["out.example.org"]);
  });

  it("leaves a hostname from dns_query() to the plan", () => {
    const config = read(`[queue.outbound]
hostname = "dns_query('x.example', 'ptr')"
`);
    expect(previewV012(config, { domain: "example.com" }).ehlos).toEqual([]);
  });
});

/**
 * An expression that fails while it runs (a `dns_query()` whose lookup fails) is reported
 * at that expression: the condition or the then of its branch, or the else, in every
 * model, as the other evaluation diagnostics are.
 */
import { describe, expect, it } from "vitest";
import type { PlanDiagnostic } from "../../../functions/core/contract";
import { plan } from "../../support/api";

/** The text of `config` a one-line diagnostic points at. */
function pointedAt(config: string, d: PlanDiagnostic | undefined): string {
  if (d?.line === undefined || d.column === undefined || d.endColumn === undefined) return "";
  expect(d.endLine).toBe(d.line);
  return config.split("\n")[d.line - 1]?.slice(d.column - 1, d.endColumn - 1) ?? "";
}

const FAILS = "dns_query('nx.example', 'txt')[0]";
const failing = (config: string, code: string) =>
  plan({ config }).then((p) => {
    const d = p.diagnostics.find((x) => x.code === code);
    expect(d?.message).toContain('TXT lookup of "nx.example" found no record (NXDOMAIN)');
    return pointedAt(config, d);
  });

describe("v0.12: eval_failed is placed at the expression that failed", () => {
  it("a branch's then", async () => {
    const config = `[queue.outbound]\nnext-hop = [ { if = "true", then = "${FAILS}" }, { else = false } ]\n`;
    expect(await failing(config, "eval_failed")).toBe(`"${FAILS}"`);
  });

  it("a branch's condition, not its then", async () => {
    const config = `[queue.outbound]\nhostname = [ { if = "${FAILS} == 'x'", then = "'a.example'" }, { else = "'b.example'" } ]\n`;
    expect(await failing(config, "eval_failed")).toBe(`"${FAILS} == 'x'"`);
  });

  it("the else", async () => {
    const config = `[queue.outbound]\nhostname = [ { if = "false", then = "'a.example'" }, { else = "${FAILS}" } ]\n`;
    expect(await failing(config, "eval_failed")).toBe(`"${FAILS}"`);
  });
});

describe("v0.13 and v0.16 selectors: selector_eval_failed is placed likewise", () => {
  it("v0.13: the then that failed, and the fallback to 'default' it causes", async () => {
    const config = `[queue.strategy]\nroute = [ { if = "true", then = "${FAILS}" }, { else = "'mx'" } ]\n`;
    expect(await failing(config, "selector_eval_failed")).toBe(`"${FAILS}"`);
    // The name "default" came from the failure, not from the else.
    const p = await plan({ config });
    const fallback = p.diagnostics.find((x) => x.code === "strategy_fallback");
    expect(fallback?.message).toContain('chose "default"');
    expect(pointedAt(config, fallback)).toBe(`"${FAILS}"`);
  });

  it("v0.16: the then of the match that failed", async () => {
    const config = JSON.stringify({
      "@type": "update",
      object: "MtaOutboundStrategy",
      // biome-ignore lint/suspicious/noThenProperty: Stalwart's field name; never awaited.
      value: { route: { match: { "0": { if: "true", then: FAILS } }, else: "'mx'" } },
    });
    const p = await plan({ config });
    const d = p.diagnostics.find((x) => x.code === "selector_eval_failed");
    expect(d?.message).toContain('TXT lookup of "nx.example"');
    expect(pointedAt(config, d)).toBe(JSON.stringify(FAILS));
  });
});

describe("v0.12: convert_failed is placed at the expression that gave the value", () => {
  it("the then of the branch taken", async () => {
    const config = `[queue.outbound]\nlimits.mx = [ { if = "true", then = "'many'" }, { else = 5 } ]\n`;
    const p = await plan({ config });
    const d = p.diagnostics.find((x) => x.code === "convert_failed");
    expect(d?.message).toContain('queue.outbound.limits.mx evaluated to "many", which');
    expect(pointedAt(config, d)).toBe(`"'many'"`);
  });

  it("the value is quoted, so an empty string or a list is seen as one", async () => {
    const message = async (value: string) =>
      (await plan({ config: `[queue.outbound]\nlimits.mx = "${value}"\n` })).diagnostics.find(
        (x) => x.code === "convert_failed",
      )?.message;
    expect(await message("''")).toContain('evaluated to "", which');
    expect(await message("[1, 'a']")).toContain('evaluated to [1, "a"], which');
  });
});

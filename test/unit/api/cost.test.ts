/**
 * One cost budget per request (core/meter.ts), shared by the config analysis and every
 * expression: work that input can make large is charged in proportion, and going over is
 * a coded 422 on /api/expression, a diagnostic and the built-in default on /api/evaluate.
 */
import { describe, expect, it } from "vitest";
import { expressionHeavyConfig, realisticConfig } from "../../../bench/configs";
import { LIMITS } from "../../../functions/core/limits";
import { a, mx, plan, post } from "../../support/api";

const sum = (n: number, term: string) => Array(n).fill(term).join(" + ");
/** `rcpt` 4,096 characters long, concatenated 15 times: a 61,440-character string. */
const long = sum(15, "rcpt");
const rcpt = "a".repeat(4096);
const list = Array.from({ length: LIMITS.arraySize }, (_, i) => `s${i}`);

async function expression(
  body: Record<string, unknown>,
): Promise<{ status: number; code?: string }> {
  const res = await post("/api/expression", body);
  const json = (await res.json()) as { error?: { code: string } };
  return { status: res.status, ...(json.error ? { code: json.error.code } : {}) };
}

describe("/api/expression over the cost budget: 422 cost_limit", () => {
  it.each([
    ["hashing 4 x 60 KB with SHA-512", `${sum(4, `hash(${long}, 'sha512')`)}`, { rcpt }],
    [
      "comparing 1,024 x 1,024 elements",
      "is_intersect(recipients, winnow(recipients))",
      { recipients: list },
    ],
    [
      "deduplicating 1,024 elements three times",
      "count(dedup(recipients)) + count(dedup(recipients)) + count(dedup(recipients))",
      { recipients: list },
    ],
    [
      "building a shared array a thousand times",
      `[${Array(300).fill("recipients").join(",")}]`,
      { recipients: list },
    ],
    ["a backtracking-shaped regex over 60 KB", `matches('(a|a)*b', ${long})`, { rcpt }],
  ])("%s", async (_name, expr, variables) => {
    expect(await expression({ expression: expr, variables })).toEqual({
      status: 422,
      code: "cost_limit",
    });
  });

  it("the same operations on small inputs are answered", async () => {
    const small = { rcpt: "abc", recipients: ["a", "b", "a"] };
    for (const expr of [
      "hash(rcpt, 'sha512')",
      "is_intersect(recipients, winnow(recipients))",
      "count(dedup(recipients))",
      "matches('(a|a)*b', rcpt)",
    ]) {
      expect(await expression({ expression: expr, variables: small })).toEqual({ status: 200 });
    }
  });
});

describe("/api/evaluate over the cost budget: a diagnostic and the built-in default", () => {
  /** `key = [ n branches of cond, else ]`. */
  const block = (key: string, cond: string, n: number, then = "'a.example'") =>
    `${key} = [${Array.from({ length: n }, (_, i) => `{ if = "${cond} != '${i}'", then = "${then}" }`).join(", ")}, { else = "${then}" }]`;

  it("hashing in every branch stops at the budget: hostname falls back to its default", async () => {
    const sender = "s".repeat(1024);
    const p = await plan({
      config: `[queue.outbound]\n${block("hostname", `hash(${sum(60, "sender")}, 'sha512')`, 40)}\n`,
      context: { sender },
    });
    const failed = p.diagnostics.find((d) => d.key === "queue.outbound.hostname");
    expect(failed?.code).toBe("eval_failed");
    expect(failed?.message).toContain("cost limit");
    expect(p.hostname).toBe("local.host");
  });

  it("the budget is shared: settings evaluated after it is spent fall back too", async () => {
    const sender = "s".repeat(1024);
    // About 860,000 units per condition (the concatenation, then the digest); no condition
    // matches, so each block evaluates both of its own: most of the budget, but within it.
    const never = `hash(${sum(20, "sender")}, 'md5') == 'never'`;
    const blocks = [0, 1].map((i) => `{ if = "${never}", then = "'h${i}.example'" }`);
    const hostname = `hostname = [${blocks.join(", ")}, { else = "'h.example'" }]`;
    const limits = hostname.replace("hostname", "limits.mx").replace(/'h\d?\.example'/g, "'3'");
    const records = [mx(10, "mx1.example.com"), a("mx1.example.com", "192.0.2.1")];
    const failedIn = async (config: string) => {
      const p = await plan({
        config: `[queue.outbound]\n${config}\n`,
        context: { sender },
        records,
      });
      return p.diagnostics.filter((d) => d.code === "eval_failed").map((d) => d.key);
    };
    expect(await failedIn(hostname)).toEqual([]);
    expect(await failedIn(limits)).toEqual([]);
    // The planner evaluates limits.mx first: it has the budget, hostname what is left.
    const both = await failedIn(`${hostname}\n${limits}`);
    expect(both).toContain("queue.outbound.hostname");
    expect(both).not.toContain("queue.outbound.limits.mx");
  });

  it("thousands of unknown keys: the closest-key search stops with one cost_limit note", async () => {
    const keys = Array.from({ length: 1500 }, (_, i) => `k${i}-typo-of-some-setting = 1`);
    const p = await plan({ config: `[queue.outbound]\n${keys.join("\n")}\n` });
    const unknown = p.diagnostics.filter((d) => d.code === "unknown_key");
    const note = p.diagnostics.filter((d) => d.code === "cost_limit");
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.length).toBeLessThan(1500);
    expect(note).toHaveLength(1);
    expect(note[0]?.message).toContain(`${1500 - unknown.length} more unknown keys`);
  });

  it.each([
    ["the 2,000-line config", realisticConfig(2000)],
    ["the expression-heavy config", expressionHeavyConfig()],
  ])("%s stays well inside the budget", async (_name, config) => {
    const p = await plan({ config });
    expect(p.diagnostics.filter((d) => /cost/.test(d.message))).toEqual([]);
  });
});

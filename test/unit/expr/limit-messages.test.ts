/**
 * Every frozen limit of an expression, through /api/expression: the code `expr_limit`
 * (or `invalid_field` at the variable), and a message that says in words which limit,
 * the maximum allowed and what was found, never the limit's internal name.
 */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../../functions/core/limits";
import { plan, post } from "../../support/api";

interface Refusal {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

async function refusal(body: Record<string, unknown>): Promise<Refusal> {
  const res = await post("/api/expression", body);
  expect(res.status).toBeGreaterThanOrEqual(400);
  return ((await res.json()) as { error: Refusal }).error;
}

const INTERNAL_NAMES = new RegExp(Object.keys(LIMITS).join("|"));
const manyTxt = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `t${i}.example`, type: "TXT", value: "x" }));

const CASES: [string, Record<string, unknown>, RegExp][] = [
  [
    "the expression's length",
    { expression: "1".padEnd(LIMITS.exprLength + 1000, " ") },
    /^The expression is 5,096 characters long; at most 4,096 characters are allowed$/,
  ],
  [
    "nesting",
    { expression: `${"(".repeat(70)}1${")".repeat(70)}` },
    /nested 65 levels deep.*; at most 64 levels are allowed$/,
  ],
  [
    "an array literal",
    { expression: `[${"1,".repeat(1100)}1]` },
    /^The array literal has 1,101 elements; at most 1,024 elements are allowed$/,
  ],
  [
    "an array the expression builds",
    { expression: "split(rcpt, ',')", variables: { rcpt: ",".repeat(1100) } },
    /^The expression builds an array of 1,101 elements; at most 1,024 elements are allowed$/,
  ],
  [
    "split_n()",
    { expression: "split_n(rcpt, ',', 5000)", variables: { rcpt: ",".repeat(1100) } },
    /^split_n\(\) gives more than 1,024 elements; at most 1,024 elements are allowed$/,
  ],
  [
    "a string the expression builds",
    { expression: Array(17).fill("sender").join(" + "), variables: { sender: "a".repeat(4000) } },
    /^The expression builds a string of 68,000 characters; at most 65,536 characters are allowed$/,
  ],
  [
    "a regular expression's length",
    { expression: `matches('${"a".repeat(600)}', rcpt)` },
    /^The regular expression is 600 characters long; at most 512 characters are allowed$/,
  ],
  [
    "a regular expression's repetitions",
    { expression: "matches('(a{999}){999}', rcpt)" },
    /^The regular expression, .* more than 20,000 instructions; at most 20,000 instructions are allowed$/,
  ],
  [
    "dns_query() lookups",
    {
      expression: Array.from({ length: 31 }, (_, i) => `dns_query('t${i}.example', 'txt')`).join(
        " + ",
      ),
      records: manyTxt(31),
    },
    /^dns_query\(\) needs more than 30 DNS lookups \(the next: TXT t30\.example\); at most 30 lookups are allowed$/,
  ],
];

describe("expr_limit messages name the limit, the maximum and what was found", () => {
  it.each(CASES)("%s", async (_name, body, message) => {
    const e = await refusal(body);
    expect(e.code).toBe("expr_limit");
    expect(e.message).toMatch(message);
    expect(e.message).not.toMatch(INTERNAL_NAMES);
  });

  it("a variable's value: invalid_field at the variable, named in the message", async () => {
    const deep = JSON.parse(`${"[".repeat(70)}${"]".repeat(70)}`);
    const e = await refusal({ expression: "rcpt", variables: { rcpt: deep } });
    expect(e.code).toBe("invalid_field");
    expect(e.field).toBe("variables.rcpt");
    expect(e.message).toBe(
      "The value of variable rcpt is nested more than 64 levels deep; at most 64 levels are allowed",
    );
  });
});

describe("a plan's setting over the dns_query() lookups", () => {
  it("eval_failed says the limit in words", async () => {
    const sum = Array.from({ length: 31 }, (_, i) => `dns_query('t${i}.example', 'txt')[0]`);
    const p = await plan({
      config: `[queue.outbound]\nhostname = "${sum.join(" + ")}"\n`,
      records: manyTxt(31),
    });
    const d = p.diagnostics.find((x) => x.code === "eval_failed");
    expect(d?.message).toContain(
      "(dns_query() needs more than 30 DNS lookups; at most 30 lookups are allowed)",
    );
  });
});

/**
 * matches() runs on a non-backtracking VM within the step budget (regex-vm.ts): same
 * results as the translated RegExp on ordinary patterns, and catastrophic patterns end
 * quickly with a coded limit error instead of spinning.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CoreError, CoreErrorCode } from "../../../functions/core/errors";
import { COST } from "../../../functions/core/expr/cost";
import { compileRustRegex } from "../../../functions/core/expr/regex";
import { cachedInstructions, MAX_REGEX_PROGRAM } from "../../../functions/core/expr/regex-compiler";
import { execBounded } from "../../../functions/core/expr/regex-vm";
import { str } from "../../../functions/core/expr/value";
import { Meter } from "../../../functions/core/meter";
import { makeEnv, run } from "./helpers";

const compile = (p: string) => compileRustRegex(p, { start: 0, end: p.length });
const vm = (p: string, s: string) => execBounded(compile(p), s, new Meter());
const native = (p: string, s: string) => {
  const m = compile(p).exec(s);
  return m ? [...m] : null;
};

const CASES: [string, string][] = [
  ["^(.+)@(.+)$", "alice@example.org"],
  ["^([^@]+)@(example\\.(org|com))$", "bob@example.com"],
  ["(a|ab)(c|bcd)(d*)", "abcd"],
  ["a+?", "aaa"],
  ["(a*)*b", "aaab"],
  ["\\bfoo\\b", "a foo b"],
  ["\\Bo", "foo"],
  ["(?i)HELLO", "say hello"],
  ["^$", ""],
  ["x*", "abc"],
  ["(?m)^b$", "a\nb\nc"],
  ["[[:digit:]]{2,3}", "a12345"],
  ["\\d+\\.\\d+", "v1.25x"],
  ["(?<user>[a-z]+)@", "joe@x"],
  ["é+", "caféé!"],
  ["\\p{L}+", "123Ünïcode"],
  ["(a)|(b)", "b"],
  ["a{2}", "aaaa"],
  ["a{2,}?", "aaaa"],
  ["(?s)a.b", "a\nb"],
  ["a.b", "a\nb"],
  ["\\Afoo\\z", "foo"],
  ["[^a-c]+", "abcdef"],
  ["(x?)*y", "xxy"],
];

describe("regex VM", () => {
  it.each(CASES)("%s on %j agrees with RegExp", (p, s) => {
    expect(vm(p, s)).toEqual(native(p, s));
  });

  it("agrees with RegExp on random subjects for a set of patterns", () => {
    const patterns = ["(a|b)*c", "^a+b?$", "(ab|a)(bc|c)?", "[abc]{1,3}?c", "(a*)(b*)"];
    fc.assert(
      fc.property(fc.constantFrom(...patterns), fc.stringMatching(/^[abc]{0,12}$/), (p, s) => {
        expect(vm(p, s)).toEqual(native(p, s));
      }),
    );
  });

  it.each([
    ["(a+)+$", `${"a".repeat(3000)}!`, null],
    ["(a|a)*b", "a".repeat(3000), null],
    ["a*a*a*a*b", "a".repeat(3000), null],
    ["(x+x+)+y", `${"x".repeat(3000)}y`, `${"x".repeat(3000)}y`],
  ])("catastrophic-for-backtracking %s runs in linear steps", (p, s, whole) => {
    // A budget beyond any request's: what is measured is how the steps grow.
    const meter = new Meter(1e12);
    const m = execBounded(compile(p), s, meter);
    expect(m === null ? null : m[0]).toBe(whole);
    expect(meter.used).toBeLessThan(100 * s.length * COST.regexStep);
  });

  it.each([
    ["(a|a)*b", "a".repeat(60_000)],
    ["a*a*b", "a".repeat(60_000)],
  ])("a long subject for %s ends with the cost limit, not a hang", (p, s) => {
    let err: unknown;
    try {
      execBounded(compile(p), s, new Meter());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe(CoreErrorCode.CostLimit);
  });

  it("the program cache holds a bounded number of instructions, not only of programs", () => {
    // Short patterns that each expand to near the program limit (`(a{999}){19}` + a
    // distinct tail): 256 of them used to stay cached, ~256 MB.
    for (let i = 0; i < 40; i++) compile(`(a{999}){19}|x${i}`);
    expect(cachedInstructions()).toBeGreaterThan(0);
    expect(cachedInstructions()).toBeLessThanOrEqual(10 * MAX_REGEX_PROGRAM);
  });

  it("a short subject with a nested repetition still matches (Stalwart accepts it)", () => {
    expect(run("matches('^(a+)+$', rcpt)", makeEnv({ rcpt: str("aaa") }))).toEqual({
      kind: "integer",
      value: 1n,
    });
  });

  it("a pattern that expands beyond the program cap is a limit error at parse time", () => {
    let err: unknown;
    try {
      compile("(a{1000}){1000}");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe(CoreErrorCode.ExprLimit);
    expect((err as CoreError).range).toEqual({ start: 0, end: 15 });
  });
});

import { describe, expect, it } from "vitest";
import { CoreErrorCode } from "../../../functions/core/errors";
import { ALL_VARIABLES } from "../../../functions/core/expr/parser";
import { str } from "../../../functions/core/expr/value";
import { LIMITS } from "../../../functions/core/limits";
import { parseError } from "./helpers";

describe("§4 parse errors: Stalwart's message text and the column of the culprit", () => {
  it.each([
    ["foo", 'Invalid variable or constant "foo"', 1],
    ["1 + bar", 'Invalid variable or constant "bar"', 5],
    ["count(1, 2)", 'Expression function "count" expected 1 arguments, got 2', 1],
    ["x + substring('a')", 'Invalid variable or constant "x"', 1],
    ["1 + substring('a')", 'Expression function "substring" expected 3 arguments, got 1', 5],
    ["count()", 'Expression function "count" expected 1 arguments, got 0', 1],
    ["'abc", "Unterminated string", 1],
    ['1 + "abc', "Unterminated string", 5],
    ["(1 + 2", "Unmatched open parenthesis", 1],
    ["1 + 2)", "Unmatched close parenthesis", 6],
    ["192.0.2.10", "Invalid float value 192.0.2.10", 1],
    ["1.2.3 + 1", "Invalid float value 1.2.3", 1],
    ["99999999999999999999", "Invalid integer value 99999999999999999999", 1],
    ["2001:db8::a", "Invalid character ':'", 5],
    ["1 # 2", "Invalid character '#'", 3],
    ["1 ; 2", "Invalid character ';'", 3],
    ["1\t2", "Invalid character '\\t'", 2],
    ["1 é", "Invalid character 'Ã'", 3],
    ["matches('(', rcpt)", 'Invalid regular expression "(":', 9],
    ["matches(rcpt)", "Expected '\"', found invalid character 'r'", 9],
    ["matches('a' rcpt)", "Expected ',', found invalid character 'r'", 13],
    ["matches('a', rcpt, 1)", 'Expression function "matches" expected 2 arguments', 1],
    ["([1)]", "Mismatched parentheses", 4],
    ["[1", "Invalid token on the operator stack", 1],
    ["count", "Invalid token on the operator stack", 1],
  ])("%s", (src, message, column) => {
    const e = parseError(src);
    expect(e.code).toBe(CoreErrorCode.ExprSyntax);
    expect(e.message.startsWith(message)).toBe(true);
    expect(e.column).toBe(column);
  });
});

describe("§1 variables outside a key's set are parse errors", () => {
  const sender = {
    variables: new Set(["sender", "sender_domain", "priority", "retry_num"]),
    constants: new Map([["ipv4_only", str("ipv4_only")]]),
  };
  it("rcpt_domain is not in the SENDER set", () => {
    expect(parseError("rcpt_domain == 'x'", sender).message).toBe(
      'Invalid variable or constant "rcpt_domain"',
    );
  });
  it("constants come from the token map", () => {
    expect(() => parseError("ipv4_only", sender)).toThrow(/expected/);
  });
  it("ALL_VARIABLES is every variable Stalwart knows", () => {
    expect(ALL_VARIABLES.size).toBe(27);
    for (const v of ["rcpt", "mx", "remote_ip", "last_error", "country"])
      expect(ALL_VARIABLES.has(v)).toBe(true);
  });
});

describe("limits: coded errors naming the limit", () => {
  it("expression length", () => {
    const e = parseError("1".padEnd(LIMITS.exprLength + 1, " "));
    expect(e.code).toBe(CoreErrorCode.ExprLimit);
    expect(e.message).toContain("The expression is 4,097 characters long; at most 4,096");
  });
  it("nesting depth", () => {
    const e = parseError(`${"(".repeat(LIMITS.exprDepth + 1)}1${")".repeat(LIMITS.exprDepth + 1)}`);
    expect(e).toMatchObject({ code: CoreErrorCode.ExprLimit, column: LIMITS.exprDepth + 1 });
    expect(e.message).toContain("nested 65 levels deep here; at most 64 levels");
  });
  it("regex length (nested repetition is accepted, as in Stalwart: see regex-vm.test.ts)", () => {
    expect(parseError(`matches('${"a".repeat(LIMITS.regexLength + 1)}', rcpt)`).code).toBe(
      CoreErrorCode.ExprLimit,
    );
  });
  it("array literal size", () => {
    const e = parseError(`[${"1,".repeat(LIMITS.arraySize + 1)}]`);
    expect(e.code).toBe(CoreErrorCode.ExprLimit);
  });
});

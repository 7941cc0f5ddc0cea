import { describe, expect, it } from "vitest";
import { arr, int, str } from "../../../functions/core/expr/value";
import { json, makeEnv, parseError } from "./helpers";

const S = (value: string) => ({ type: "string", value });
const I = (value: number | string) => ({ type: "integer", value });
const F = (value: number | string) => ({ type: "float", value });
const A = (...value: unknown[]) => ({ type: "array", value });

describe("§4 operators: precedence, tightest first, left-associative", () => {
  it.each([
    ["1 + 2 * 3", I(7)],
    ["(1 + 2) * 3", I(9)],
    ["10 - 4 - 3", I(3)],
    ["-2 * 3", I(-6)],
    ["!0 + 1", I(2)],
    ["1 < 2 == 1", I(1)],
    ["1 == 1 ^ 1", I(0)],
    ["0 && 1 || 1", I(1)],
    ["1 || 0 && 0", I(1)],
    ["1 & 1", I(1)],
    ["0 | 2", I(1)],
    ["2 >= 2", I(1)],
    ["2 <= 1", I(0)],
    ["3 > 2", I(1)],
    ["1 != 2", I(1)],
  ])("%s", (src, expected) => expect(json(src)).toEqual(expected));
});

describe("§4 operators: a single = is equality but swallows the next character", () => {
  it("a == 'x' works, a='x' misparses", () => {
    const env = makeEnv({ rcpt: str("x") });
    expect(json("rcpt == 'x'", env)).toEqual(I(1));
    expect(json("rcpt = 'x'", env)).toEqual(I(1));
    expect(parseError("rcpt='x'")).toMatchObject({
      message: 'Invalid variable or constant "x"',
      column: 7,
    });
    expect(json("2 => 1")).toEqual(I(1));
    expect(json("1 =< 2")).toEqual(I(1));
  });
});

describe("§4 whitespace is space, CR, LF; TAB is invalid", () => {
  it("accepts CR/LF, refuses TAB", () => {
    expect(json("1\r\n+\n2")).toEqual(I(3));
    expect(parseError("1 +\t2")).toMatchObject({ message: "Invalid character '\\t'", column: 4 });
  });
});

describe("§4 && and || short-circuit and return the left operand itself", () => {
  it.each([
    ["'abc' || 0", S("abc")],
    ["0 || 'abc'", I(1)],
    ["'' && 1", S("")],
    ["[] && 1", A()],
    ["2 && 3", I(1)],
    ["0 ^ 'a'", I(1)],
  ])("%s", (src, expected) => expect(json(src)).toEqual(expected));
  it("the right side is not evaluated when skipped", () => {
    const env = makeEnv();
    json("1 || key_get('s', 'k')", env);
    expect(env.notes).toEqual([]);
    json("0 || key_get('s', 'k')", env);
    expect(env.notes).toHaveLength(1);
  });
});

describe("§4 truthiness: non-zero numbers, non-empty strings ('0' too), non-empty arrays", () => {
  it.each([
    ["!0", 1],
    ["!0.0", 1],
    ["!'0'", 0],
    ["!''", 1],
    ["![]", 1],
    ["![0]", 0],
    ["!0.5", 0],
  ])("%s", (src, expected) => expect(json(src)).toEqual(I(expected)));
});

describe("§4 coercion", () => {
  it.each([
    ["'abc' == 0", I(1)],
    ["'10' == 10", I(1)],
    ["'1.5' == 1.5", I(1)],
    ["'10' < '9'", I(1)],
    ["'10' < 9", I(0)],
    ["'b' > 'a'", I(1)],
    ["7 / 2", F(3.5)],
    ["6 / 3", F(2)],
    ["1 / 0", F(0)],
    ["1.0 / 0.0", F(0)],
    ["'' + 5", I(5)],
    ["5 + ''", I(5)],
    ["'a' + 5", S("a5")],
    ["5 + 'a'", S("5a")],
    ["'v' + 2.0", S("v2")],
    ["'v' + 2.5", S("v2.5")],
    ["'a' + [1, 2]", A(S("a"), I(1), I(2))],
    ["'5' * '2'", I(10)],
    ["'5' - 2", I(3)],
    ["'x' - 2", I(-2)],
    ["1 + 0.5", F(1.5)],
    ["9223372036854775807 + 1", I("9223372036854775807")],
    ["0 - 9223372036854775807 - 10", I("-9223372036854775808")],
    ["9223372036854775807 * 2", I("9223372036854775807")],
    ["[1, 2, 1] - 1", A(I(2))],
    ["[1, '1', 2] - '1'", A(I(2))],
    ["[1] + 2", A(I(1), I(2))],
    ["[1] + [2]", A(I(1), I(2))],
    ["0 + [1]", A(I(0), I(1))],
    ["1 - [1, 2]", A(I(2))],
    ["-'5'", I(-5)],
    ["[1] < 1", I(0)],
    ["1 < [1]", I(1)],
    ["'a' > [1]", I(1)],
    ["[1, 2] == [1, '2']", I(1)],
  ])("%s", (src, expected) => expect(json(src)).toEqual(expected));
  it("joins arrays with LF when concatenating (Rust Display)", () => {
    const env = makeEnv({ recipients: arr([str("a@x"), str("b@y")]) });
    expect(json("'to: ' + recipients", env)).toEqual(A(S("to: "), S("a@x"), S("b@y")));
    expect(json("recipients + ''", env)).toEqual(A(S("a@x"), S("b@y"), S("")));
  });
});

describe("§4 a missing operand is not an error: it reads as ''", () => {
  it.each([
    ["1 +", I(1)],
    ["+ 1", I(1)],
    ["== 0", I(1)],
    ["*", I(0)],
    ["", S("")],
  ])("%s", (src, expected) => expect(json(src)).toEqual(expected));
  it("function arguments are counted, not separated", () => {
    expect(json("contains('abc' 'b')")).toEqual(I(1));
    // A binary operator uncounts an argument: `f(1 +)` has zero arguments.
    expect(parseError("count(1 +)").message).toBe(
      'Expression function "count" expected 1 arguments, got 0',
    );
  });
  it("variables given no value read as ''", () => {
    expect(json("rcpt")).toEqual(S(""));
    expect(json("retry_num + 1", makeEnv({ retry_num: int(2) }))).toEqual(I(3));
  });
});

describe("§4 } ends the expression", () => {
  it("ignores what follows", () => {
    expect(json("1 + 1 } garbage ::")).toEqual(I(2));
  });
});

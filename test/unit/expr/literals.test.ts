import { describe, expect, it } from "vitest";
import { CoreErrorCode } from "../../../functions/core/errors";
import { str } from "../../../functions/core/expr/value";
import { json, makeEnv, parseError, run } from "./helpers";

const S = (value: string) => ({ type: "string", value });
const I = (value: number | string) => ({ type: "integer", value });
const F = (value: number | string) => ({ type: "float", value });
const A = (...value: unknown[]) => ({ type: "array", value });

describe("§4 literals: strings keep the backslash; \\n \\r \\t add the control character", () => {
  it.each([
    ["'abc'", S("abc")],
    ['"abc"', S("abc")],
    ["'it\\'s'", S("it\\'s")],
    ["'a\\nb'", S("a\\\nb")],
    ["'a\\tb'", S("a\\\tb")],
    ["'a\\rb'", S("a\\\rb")],
    ["'é ünï'", S("é ünï")],
    ["''", S("")],
  ])("%s", (src, expected) => expect(json(src)).toEqual(expected));
  it("an escaped backslash still escapes the next quote", () => {
    expect(parseError("'a\\\\'")).toMatchObject({ message: "Unterminated string", column: 1 });
    expect(json("'a\\\\' + '")).toEqual(S("a\\\\' + "));
  });
});

describe("§4 literals: integers (64-bit), floats (anything with a dot), true/false", () => {
  it.each([
    ["42", I(42)],
    ["007", I(7)],
    ["9223372036854775807", I("9223372036854775807")],
    ["1.5", F(1.5)],
    ["2.", F(2)],
    [".5", F(0.5)],
    ["true", I(1)],
    ["false", I(0)],
    ["-3", I(-3)],
  ])("%s", (src, expected) => expect(json(src)).toEqual(expected));
  it("an i64 overflow is an invalid integer", () => {
    expect(parseError("9223372036854775808")).toMatchObject({
      code: CoreErrorCode.ExprSyntax,
      message: "Invalid integer value 9223372036854775808",
      column: 1,
    });
  });
});

describe("§4 literals: durations are integer milliseconds; 1h30m is invalid", () => {
  it.each([
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["2d", 172_800_000],
    ["500ms", 500],
    ["10s", 10_000],
    ["5M", 300_000],
  ])("%s", (src, ms) => expect(json(src)).toEqual(I(ms)));
  it.each(["1h30m", "0m", "5w"])("%s is not a duration", (src) => {
    expect(parseError(src).message).toBe(`Invalid variable or constant "${src}"`);
  });
});

describe("§4 literals: arrays and indexing right after a variable, ) or ]", () => {
  it("builds arrays", () => {
    expect(json("[1, 'a', [2]]")).toEqual(A(I(1), S("a"), A(I(2))));
    expect(json("[]")).toEqual(A());
  });
  it("indexes a variable, a call result and an array", () => {
    const env = makeEnv({ rcpt: str("x@y") });
    expect(json("split(rcpt, '@')[1]", env)).toEqual(S("y"));
    expect(json("[10, 20][1]")).toEqual(I(20));
    expect(json("[[1, 2]][0][1]")).toEqual(I(2));
    expect(json("rcpt[0]", env)).toEqual(S("x@y"));
    expect(json("rcpt[1]", env)).toEqual(S(""));
    expect(json("[1, 2][0 - 1]")).toEqual(S(""));
    expect(json("[1, 2][1.9]")).toEqual(I(2));
    // `-` right after `[` is binary, so the index loses its operand count.
    expect(parseError("[1, 2][-1]").message).toBe("Missing array index");
  });
  it("after a constant, [ builds a new array instead (the last value wins)", () => {
    expect(json("'abc'[0]")).toEqual(A(I(0)));
  });
  it("an index needs exactly one expression", () => {
    expect(parseError("rcpt[]").message).toBe("Missing array index");
  });
  it("a unary minus right after [ is a subtraction (Stalwart quirk)", () => {
    expect(parseError("[-1]").message).toBe(
      'Expression function "array" expected 0 arguments, got 1',
    );
  });
});

describe("§4 literals: $N captures from matches()", () => {
  it("reads groups, '' when absent", () => {
    const env = makeEnv({ rcpt: str("john@example.org") });
    expect(json("matches('^([^@]+)@(.+)$', rcpt) && $2", env)).toEqual(I(1));
    expect(json("if_then(matches('^([^@]+)@(.+)$', rcpt), $2, 'none')", env)).toEqual(
      S("example.org"),
    );
    expect(json("$1")).toEqual(S(""));
  });
  it("a failed match clears the captures", () => {
    const env = makeEnv({ rcpt: str("john@example.org") });
    expect(json("[matches('(j)', rcpt), $1, matches('(z)', rcpt), $1]", env)).toEqual(
      A(I(1), S("j"), I(0), S("")),
    );
  });
  it("Rust-only syntax is refused as an invalid regular expression", () => {
    for (const re of ["(?=a)", "(a)\\1", "(", "(?x)a"]) {
      expect(parseError(`matches('${re}', rcpt)`).message).toMatch(/^Invalid regular expression "/);
    }
  });
  it("translates (?i) and named groups", () => {
    const env = makeEnv({ rcpt: str("ABC") });
    expect(run("matches('(?i)^abc$', rcpt)", env)).toEqual({ kind: "integer", value: 1n });
    expect(run("matches('(?P<x>B)', rcpt) && $1", env)).toEqual({ kind: "integer", value: 1n });
  });
});

describe("§4 config_get('<key literal>')", () => {
  it("reads the submitted config, '' when absent", () => {
    expect(json("config_get('server.hostname')")).toEqual(S("mx.example.org"));
    expect(json("config_get('nope')")).toEqual(S(""));
  });
  it("needs a literal", () => {
    expect(parseError("config_get(rcpt)").message).toBe(
      "Expected '\"', found invalid character 'r'",
    );
  });
  it("takes nothing after its key: Stalwart's arity message (parser.rs Token::Setting)", () => {
    for (const source of ["config_get('a', 'b')", "config_get('a' 1)", "config_get('a', rcpt)"]) {
      expect(parseError(source).message).toBe(
        'Expression function "config_get" expected 1 argument',
      );
    }
    // A comma alone adds no argument in Stalwart's count.
    expect(json("config_get('server.hostname',)")).toEqual(S("mx.example.org"));
    expect(json("config_get('server.hostname') + '!'")).toEqual(S("mx.example.org!"));
  });
});

describe("§4 regex classes follow Rust's regex crate: Unicode-aware", () => {
  const env = (rcpt: string) => makeEnv({ rcpt: str(rcpt) });
  const yes = { kind: "integer", value: 1n };
  const no = { kind: "integer", value: 0n };
  it("\\d is any decimal digit, \\w any word character, \\s any white space", () => {
    expect(run("matches('^\\d+$', rcpt)", env("١٢٣"))).toEqual(yes);
    expect(run("matches('^\\w+$', rcpt)", env("café_ß"))).toEqual(yes);
    expect(run("matches('^a\\sb$', rcpt)", env("a\u2003b"))).toEqual(yes);
    expect(run("matches('^[\\d.]+$', rcpt)", env("١.٢"))).toEqual(yes);
    expect(run("matches('^\\D+$', rcpt)", env("١"))).toEqual(no);
    expect(run("matches('^\\W$', rcpt)", env("é"))).toEqual(no);
  });
  it("\\b is a Unicode word boundary", () => {
    expect(run("matches('\\bé', rcpt)", env("xé"))).toEqual(no);
    expect(run("matches('\\bé', rcpt)", env(" é"))).toEqual(yes);
  });
});

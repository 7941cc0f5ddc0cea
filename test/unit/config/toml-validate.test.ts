import fc from "fast-check";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { expressionHeavyConfig, realisticConfig, SEED_CONFIG } from "../../../bench/configs";
import { isSimpleValidToml } from "../../../functions/core/config/toml-validate";

function smolAccepts(text: string): boolean {
  try {
    parse(text, { maxDepth: 64 });
    return true;
  } catch {
    return false;
  }
}

/** Fragments that make near-miss TOML: redefinitions, odd scalars, escapes, nesting. */
const fragment = fc.constantFrom(
  "a",
  "b",
  "c",
  "A",
  "x-y",
  "_1",
  "0",
  '"a"',
  '""',
  "'a'",
  '"a.b"',
  ".",
  " ",
  "\t",
  "=",
  " = ",
  "[",
  "]",
  "[[",
  "]]",
  "{",
  "}",
  ",",
  "\n",
  "\r\n",
  "\r",
  "#",
  "# c\n",
  "1",
  "-1",
  "+1",
  "01",
  "1_0",
  "1.5",
  "0x1f",
  "true",
  "false",
  "tru",
  "inf",
  "nan",
  "1979-05-27",
  "07:32:00",
  "123456789012345678",
  '"s"',
  "'s'",
  '"\\n"',
  '"\\d"',
  '"\\u00e9"',
  '"""m"""',
  "'''m'''",
  '"\\"',
  '"é"',
  "\u0001",
  "\u007f",
  "\uFEFF",
);
const soup = fc.array(fragment, { maxLength: 30 }).map((xs) => xs.join(""));

const key = fc.constantFrom("a", "b", "a.b", "b.c", "a.b.c", '"a"', '"a".b', "c");
const value = fc.constantFrom(
  "1",
  '"x"',
  "'y'",
  "true",
  "[1, 2]",
  "[\n 1, # c\n 2,\n]",
  "{ a = 1 }",
  "{ a.b = 1, a.c = 2 }",
  "{ a = 1, a.b = 2 }",
  "{}",
  "[{ a = 1 }, { a = 2 }]",
  '[[1], ["x"]]',
  '"\\t"',
  "-0",
  "+7",
);
const line = fc.oneof(
  key.map((k) => `[${k}]`),
  fc.tuple(key, value).map(([k, v]) => `${k} = ${v}`),
  fc.constant("# comment"),
  fc.constant(""),
);
const document = fc.array(line, { maxLength: 12 }).map((ls) => ls.join("\n"));

describe("isSimpleValidToml: a fast check that never accepts what smol-toml rejects", () => {
  it("accepts the bench and seed configs (the fast path is taken)", () => {
    expect(isSimpleValidToml(SEED_CONFIG)).toBe(true);
    expect(isSimpleValidToml(realisticConfig(2000))).toBe(true);
    expect(isSimpleValidToml(expressionHeavyConfig(20))).toBe(true);
    expect(isSimpleValidToml("[a.b]\nx = 1\n[a]\ny = 'z' # c\r\n\"q\".r = [ ]\n")).toBe(true);
  });

  it("leaves redefinitions and other TOML types to smol-toml", () => {
    for (const text of [
      "a = 1\na = 2",
      "[a]\n[a]",
      "a.b = 1\n[a]",
      "[a]\nb.c = 1\n[a.b]",
      "a = { b = 1 }\na.c = 2",
      "[[t]]",
      "a = 1.5",
      'a = "\\u00e9"',
      "a = 1 b = 2",
      'a = "x',
      "a = [1,,2]",
      "a = 01",
    ]) {
      expect(isSimpleValidToml(text), text).toBe(false);
    }
  });

  it("accepts only documents smol-toml accepts (token soup)", () => {
    fc.assert(
      fc.property(soup, (text) => !isSimpleValidToml(text) || smolAccepts(text)),
      { numRuns: 20000 },
    );
  });

  it("accepts only documents smol-toml accepts (line-shaped documents)", () => {
    fc.assert(
      fc.property(document, (text) => !isSimpleValidToml(text) || smolAccepts(text)),
      { numRuns: 20000 },
    );
  });
});

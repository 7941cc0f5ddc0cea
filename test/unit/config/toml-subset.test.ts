import fc from "fast-check";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { expressionHeavyConfig, realisticConfig, SEED_CONFIG } from "../../../bench/configs";
import { isCertainlyValidToml, SMOL_MAX_DEPTH } from "../../../functions/core/config/toml-subset";
import { integerEnd } from "../../../functions/core/config/toml-subset-scan";
import { EXAMPLES } from "../../../web/src/examples";

/** The judge, called as the loader calls it. */
function smolAccepts(text: string): boolean {
  try {
    parse(text, { maxDepth: SMOL_MAX_DEPTH });
    return true;
  } catch {
    return false;
  }
}

/** The property under test: a `true` is never given to a text smol-toml refuses. */
function sound(text: string): boolean {
  return !isCertainlyValidToml(text) || smolAccepts(text);
}

// Few names, so that generated statements collide: redefinitions are the hard part.
const part = fc.constantFrom(
  "a",
  "b",
  "B",
  '"a"',
  "'b'",
  '""',
  "'a.b'",
  "__proto__",
  "constructor",
  "1",
  "-_",
);
const keyOf = (sep: fc.Arbitrary<string>) =>
  fc
    .array(fc.tuple(part, sep), { minLength: 1, maxLength: 3 })
    .map((ps) => ps.map(([p, s], i) => (i === 0 ? p : `${s}${p}`)).join(""));
const key = fc.oneof(
  { weight: 6, arbitrary: keyOf(fc.constantFrom(".", " . ", ".\t")) },
  // Near misses: empty parts, a space inside a bare part, a newline, escapes, ''' keys.
  {
    weight: 1,
    arbitrary: fc.constantFrom("a..b", ".a", "a.", "a b", "a\nb", '"a\\tb"', "'''a'''", "é", ""),
  },
);

const integer = fc.oneof(
  fc.integer({ min: -99999, max: 99999 }).map(String),
  fc.constantFrom("+1", "-0", "+0", "1_000", "999999999999999", "-999999999999999"),
  // Invalid or out of the subset: leading zeros, bad underscores, too big, other bases.
  fc.constantFrom("01", "-01", "1__0", "+_1", "1_", "_1", "0_1", "9007199254740993", "0x1f"),
  fc.constantFrom("1234567890123456", "0o7", "0b1", "1e5", "1.5", "inf", "nan", "+", "-"),
);
const scalar = fc.oneof(
  integer,
  fc.constantFrom("true", "false", "tru", "True", "falsey", "truefalse"),
  fc.constantFrom('"x"', "'x'", '""', "''", '"a b # c"', "'a\\b'", '"a\tb"', '"é ✓"'),
  // Escapes, multi-line strings, unclosed strings, control characters: not in the subset.
  fc.constantFrom(
    '"a\\nb"',
    '"\\q"',
    '"\\u12"',
    '"a\\"',
    '"""x"""',
    "'''x'''",
    '"x',
    "'x",
    '"a\nb"',
    '"a\x01"',
    "'a\x7f'",
  ),
  fc.constantFrom("1979-05-27", "07:32:00", "1979-05-27T07:32:00Z", "1234-56-78", "12:3"),
  fc.constantFrom("", "x", "[", "{", "]", "}", ","),
);
const gap = fc.constantFrom("", " ", "\n", "\n  ", " # c\n", "\r\n", "\r", "\n#\x01\n");
const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc
      .tuple(fc.array(fc.tuple(gap, tie("v"), gap), { maxLength: 4 }), fc.boolean(), fc.boolean())
      .map(
        ([xs, trailing, closed]) =>
          `[${xs.map(([g1, v, g2]) => `${g1}${v}${g2}`).join(",")}${trailing ? "," : ""}${closed ? "]" : ""}`,
      ),
    fc
      .tuple(
        fc.array(fc.tuple(key, tie("v")), { maxLength: 3 }),
        fc.constantFrom(" ", "", "\n"),
        fc.boolean(),
        fc.boolean(),
      )
      .map(
        ([kvs, g, trailing, closed]) =>
          `{${g}${kvs.map(([k, v]) => `${k} = ${v}`).join(`,${g}`)}${trailing ? "," : ""}${g}${closed ? "}" : ""}`,
      ),
  ),
})).v;
const statement = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(key, fc.constantFrom(" = ", "=", " =\t", " = \n"), value)
      .map(([k, e, v]) => k + e + v),
  },
  { weight: 2, arbitrary: key.map((k) => `[${k}]`) },
  { weight: 2, arbitrary: key.map((k) => `[[${k}]]`) },
  fc.constantFrom(
    "# comment",
    "#\ttab",
    "# \x00",
    "# lone \r here",
    "[ [a] ]",
    "[[a] ]",
    "[[a]",
    "[]",
  ),
  fc.constantFrom(
    "a",
    "[[a]]]",
    "[a]]",
    "x = { a = 1 bc = 2 }",
    "x = { a = 1; b = 2 }",
    "x = [1 22]",
    "x = [1; 2]",
  ),
);
const document = fc
  .array(
    fc.tuple(statement, fc.constantFrom("\n", "\n", "\r\n", " # c\n", "\n\n", "", " ", "\r")),
    {
      maxLength: 8,
    },
  )
  .map((xs) => xs.map(([s, e]) => s + e).join(""));

/**
 * Syntactically valid statements over two names: only the table rules decide (redefined
 * tables and keys, headers against dotted keys, arrays of tables, frozen inline tables).
 */
const tiny = fc.constantFrom("a", "b", '"a"');
const tinyKey = fc.array(tiny, { minLength: 1, maxLength: 3 }).map((ps) => ps.join("."));
const tinyInline = fc
  .array(fc.tuple(tiny, fc.constantFrom("1", "{}", "{ a = 1 }", "[1]")), { maxLength: 3 })
  .map((kvs) => `{ ${kvs.map(([k, v]) => `${k} = ${v}`).join(", ")} }`);
const tinyStatement = fc.oneof(
  tinyKey.map((k) => `[${k}]`),
  tinyKey.map((k) => `[[${k}]]`),
  fc
    .tuple(tinyKey, fc.oneof(fc.constantFrom("1", "[1]", "[{ a = 1 }]"), tinyInline))
    .map(([k, v]) => `${k} = ${v}`),
);
const tinyDocument = fc.array(tinyStatement, { maxLength: 8 }).map((xs) => xs.join("\n"));

describe("isCertainlyValidToml is sound against smol-toml", () => {
  it("agrees with smol-toml on the table rules", () => {
    let accepted = 0;
    fc.assert(
      fc.property(tinyDocument, (text) => {
        // The subset takes every text here that smol-toml takes but dotted inline keys
        // (none are generated): the verdicts must be equal, not only sound.
        const verdict = isCertainlyValidToml(text);
        if (verdict) accepted++;
        return verdict === smolAccepts(text);
      }),
      { numRuns: 20_000 },
    );
    expect(accepted).toBeGreaterThan(2000);
  });

  it("never accepts a generated text smol-toml refuses", () => {
    let accepted = 0;
    fc.assert(
      fc.property(document, (text) => {
        if (isCertainlyValidToml(text)) {
          accepted++;
          return smolAccepts(text);
        }
        return true;
      }),
      { numRuns: 30_000 },
    );
    // The generator must reach the accepting branch often, or the property says little.
    expect(accepted).toBeGreaterThan(3000);
  });

  it("never accepts an edit of a real config that smol-toml refuses", () => {
    const base = realisticConfig(40);
    const edit = fc.tuple(
      fc.nat({ max: base.length }),
      fc.nat({ max: 3 }),
      fc.constantFrom(..."[]{}=.,\"'#\n\r\t 0_-x\\".split(""), "", "[[", "]]", "a = 1\n"),
    );
    const edited = fc
      .array(edit, { minLength: 1, maxLength: 3 })
      .map((edits) =>
        edits.reduce((t, [at, cut, put]) => t.slice(0, at) + put + t.slice(at + cut), base),
      );
    let accepted = 0;
    fc.assert(
      fc.property(edited, (text) => {
        if (!isCertainlyValidToml(text)) return true;
        accepted++;
        return smolAccepts(text);
      }),
      { numRuns: 5_000 },
    );
    expect(accepted).toBeGreaterThan(500);
  });

  it("never accepts a soup of TOML characters smol-toml refuses", () => {
    const soup = fc.string({
      unit: fc.constantFrom(..."ab1_-+.=[]{},\"'# \t\n\r0\\é".split("")),
      maxLength: 30,
    });
    let accepted = 0;
    fc.assert(
      fc.property(soup, (text) => {
        if (isCertainlyValidToml(text)) accepted++;
        return sound(text);
      }),
      { numRuns: 20_000 },
    );
    // Some of the soup is valid TOML the recognizer takes (~15% measured), so the property
    // is held against accepted texts, not only against refusals.
    expect(accepted).toBeGreaterThan(500);
  });

  it("refuses an integer with a leading zero, as smol-toml does", () => {
    for (const v of ["01", "0_1", "-01", "+00"]) {
      expect(smolAccepts(`a = ${v}\n`)).toBe(false);
      expect(integerEnd(v, 0)).toBe(-1);
    }
    expect(integerEnd("0", 0)).toBe(1);
  });
});

describe("isCertainlyValidToml takes the fast path for real configs", () => {
  const configs: [string, string][] = [
    ["SEED_CONFIG", SEED_CONFIG],
    ["expressionHeavyConfig", expressionHeavyConfig()],
    ...[250, 500, 1000, 2000].map((n): [string, string] => [
      `realisticConfig(${n})`,
      realisticConfig(n),
    ]),
    ...EXAMPLES.map((e): [string, string] => [`example ${e.id}`, e.config]),
  ];
  it.each(configs)("%s", (_name, text) => {
    expect(isCertainlyValidToml(text)).toBe(true);
    expect(smolAccepts(text)).toBe(true);
  });
});

/**
 * [text, verdict, smol-toml's verdict]: each rule of TOML tables as smol-toml 1.9.1 applies
 * it (its peekTable), and the edges of the subset.
 */
const CASES: [string, boolean, boolean][] = [
  // A table header defined twice; a super-table after its sub-table is fine, once.
  ["[a]\n[a]", false, false],
  ["[a.b]\n[a]\nx = 1", true, true],
  ["[a.b]\n[a]\n[a]", false, false],
  ['[a]\n["a"]', false, false],
  ["[ a . b ]\n[a.b]", false, false],
  // `[a]` after dotted keys defined table a; dotted keys may not extend a header's table.
  ["a.b = 1\n[a]", false, false],
  ["a.b = 1\n[a.c]", true, true],
  ["[x]\na.b = 1\n[x.a]", false, false],
  ["[x.a.b]\n[x]\na.c = 1", false, false],
  ["[x]\n[x.y]\n[x]", false, false],
  ["a.b = 1\na.c = 2\na.b = 3", false, false],
  ["a.b = 1\na = 2", false, false],
  // Arrays of tables against tables and static arrays.
  ["[[a]]\n[a]", false, false],
  ["[a]\n[[a]]", false, false],
  ["a = [1]\n[[a]]", false, false],
  ["[[a]]\na = 1\n[[a]]\na = 2", true, true],
  ["[[a.b]]\n[a]\nx = 1", true, true],
  ["[[a.b]]\n[[a]]", false, false],
  ["[[a.b]]\n[a]\n[a]", false, false],
  ["[[a.b]]\n[a]\nb.c = 1", false, false],
  // Keys under an array of tables go into its last element.
  ["[[a]]\n[a.b]\n[[a]]\n[a.b]", true, true],
  ["[[a]]\n[a.b]\n[a.b]", false, false],
  ["[[a]]\nx = 1\nx = 2", false, false],
  // A key defined twice, also through quoting.
  ["a = 1\na = 2", false, false],
  ['a = 1\n"a" = 2', false, false],
  ["[t]\nk = 1\n[u]\nk = 1", true, true],
  // Headers and dotted keys through a value or an inline table (frozen).
  ["a = 1\n[a.b]", false, false],
  ["a = 1\na.b = 2", false, false],
  ["a = { b = 1 }\na.c = 2", false, false],
  ["a = { b = 1 }\n[a]", false, false],
  ["a = { b = 1 }\n[a.b]", false, false],
  ["[t]\na = [{ b = 1 }]\n[t.a.c]", false, false],
  // Implicit tables made by a header, defined later.
  ["[a.b.c]\n[a.b]\n[a]", true, true],
  // Inline tables: duplicate keys, nesting, newlines and trailing comma (smol-toml takes them).
  ["a = { b = 1, b = 2 }", false, false],
  ["a = { b = 1, c = { b = 1 } }", true, true],
  ['a = { b = 1, "b" = 2 }', false, false],
  ["a = { b = 1, }", true, true],
  ["a = { b.c = 1 }", false, true],
  // Integers.
  ["a = 01", false, false],
  ["a = 1__0", false, false],
  ["a = +_1", false, false],
  ["a = 1_", false, false],
  ["a = -0", true, true],
  ["a = 1_000_000", true, true],
  ["a = 999999999999999", true, true],
  ["a = 9007199254740993", false, false],
  ["a = 0x1f", false, true],
  ["a = 1.5", false, true],
  ["a = 1979-05-27", false, true],
  // Strings, comments, line ends.
  ['a = "x\\ty"', false, true],
  ['a = """x"""', false, true],
  ['a = "x', false, false],
  ['a = "x\ny"', false, false],
  ["a = 'C:\\x'", true, true],
  ["# a\x01 comment", false, false],
  ["# a\r comment", false, false],
  ["a = 1 # c\r\nb = 2\r\n", true, true],
  ["a = 1\rb = 2", false, false],
  ["a = 1 b = 2", false, false],
  ["[a] b = 1", false, false],
  ["a = ", false, false],
  ["a = 1 x", false, false],
  ["a = [1, 2", false, false],
  ["a = [1, [2, 3], { b = 'c' },\n  # note\n]", true, true],
  ["a = {", false, false],
  ["\uFEFFa = 1", false, true],
  [`a = ${"[".repeat(40)}${"]".repeat(40)}`, false, true],
  [`a = ${"[".repeat(70)}${"]".repeat(70)}`, false, false],
];

describe("isCertainlyValidToml on the table rules and the subset's edges", () => {
  it.each(CASES)("%j: %s (smol-toml: %s)", (text, verdict, accepted) => {
    expect(isCertainlyValidToml(text)).toBe(verdict);
    expect(smolAccepts(text)).toBe(accepted);
  });
});

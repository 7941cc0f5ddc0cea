/**
 * The simple forms (simple-forms.ts) are a shortcut: for every input they accept, the
 * program, the names it mentions and any error must be exactly the general reading's.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SETTING_LIST } from "../../../functions/core/config/settings";
import { CoreError } from "../../../functions/core/errors";
import { generalProgram, mentions, parseExpression } from "../../../functions/core/expr/parser";
import { simpleForm } from "../../../functions/core/expr/simple-forms";
import { TokenSlot } from "../../../functions/core/expr/token";
import type { TokenMap } from "../../../functions/core/expr/types";
import { ALL } from "./helpers";

/** Pieces of the forms and of near misses (spacing, escapes, other operators, names). */
const piece = fc.constantFrom(
  "rcpt_domain",
  "sender_domain",
  "mx",
  "retry_num",
  "ends_with",
  "starts_with",
  "contains",
  "len",
  "matches",
  "config_get",
  "is_local_domain",
  "ipv6_then_ipv4",
  "unknown_word",
  "true",
  "5m",
  "12",
  "$1",
  "a1",
  "==",
  "!=",
  "=",
  "=>",
  "<",
  " ",
  "  ",
  "\t",
  "(",
  ")",
  ",",
  ", ",
  "[",
  "]",
  ".",
  "'d0.test'",
  '"x,y"',
  "'a\\'b'",
  "'",
  "''",
  "'}'",
  "}",
  "'mx.d1.test'",
);

const source = fc.oneof(
  fc.array(piece, { minLength: 1, maxLength: 7 }).map((p) => p.join("")),
  // The exact shapes, with any of the pieces in each place.
  fc.tuple(piece, piece, piece).map(([v, op, lit]) => `${v} ${op} ${lit}`),
  fc.tuple(piece, piece, piece, piece).map(([f, v, sep, lit]) => `${f}(${v}${sep}${lit})`),
);

const tokenMaps: TokenMap[] = [ALL, ...SETTING_LIST.map((s) => s.tokens)];

type Outcome = { error: { code: string; message: string; range: unknown } } | { value: unknown };

function outcome(f: () => unknown): Outcome {
  try {
    return { value: f() };
  } catch (err) {
    if (!(err instanceof CoreError)) throw err;
    return { error: { code: err.code, message: err.message, range: err.range } };
  }
}

const NAMES = [
  "rcpt_domain",
  "sender_domain",
  "mx",
  "retry_num",
  "a1",
  "ends_with",
  "starts_with",
  "contains",
  "len",
];

describe("simple forms", () => {
  it("give the general reading's program, names and errors", () => {
    fc.assert(
      fc.property(source, fc.constantFrom(...tokenMaps), (src, tokens) => {
        const simple = outcome(() => simpleForm(src, tokens, new TokenSlot()));
        const general = outcome(() => generalProgram(src, tokens));
        if ("error" in simple) {
          expect(general).toEqual(simple);
          return;
        }
        if (simple.value === null) return;
        expect("value" in general).toBe(true);
        if (!("value" in general)) return;
        const { items, names } = general.value as ReturnType<typeof generalProgram>;
        expect(simple.value).toEqual(items);
        const parsed = parseExpression(src, tokens);
        for (const name of NAMES) {
          for (const k of ["var", "fn"] as const) {
            let said = false;
            for (let i = 0; names !== null && i < names.length; i += 2)
              if (names[i] === k && names[i + 1] === name) said = true;
            expect(mentions(parsed, k, name)).toBe(said);
          }
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it("take the conditions if-blocks test most", () => {
    const slot = new TokenSlot();
    expect(simpleForm("rcpt_domain == 'd0.test'", ALL, slot)).not.toBeNull();
    expect(simpleForm('mx != "mx.d0.test"', ALL, slot)).not.toBeNull();
    expect(simpleForm("ends_with(sender_domain, '.d0.test')", ALL, slot)).not.toBeNull();
    expect(simpleForm("contains(rcpt_domain,'x')", ALL, slot)).not.toBeNull();
    // And the values most settings hold: one literal, one word, an array of literals.
    expect(simpleForm("'r0'", ALL, slot)).not.toBeNull();
    expect(simpleForm("retry_num", ALL, slot)).not.toBeNull();
    expect(simpleForm("5m", ALL, slot)).not.toBeNull();
    expect(simpleForm("['192.0.2.10', '192.0.2.11']", ALL, slot)).not.toBeNull();
    // Near misses are left to the general reading.
    expect(simpleForm("rcpt_domain  == 'd0.test'", ALL, slot)).toBeNull();
    expect(simpleForm("len(rcpt_domain, 'x')", ALL, slot)).toBeNull();
    expect(simpleForm("matches(rcpt_domain, 'x')", ALL, slot)).toBeNull();
  });
});

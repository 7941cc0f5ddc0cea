/**
 * The evaluator runs `[var, const, bin]` and `[var, const, fn/2]` programs (most if-block
 * conditions) without its value stack: the value, or the error, must be the one the
 * general loop gives. `[e][0]` makes the general loop evaluate `e` (build, index).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CoreError } from "../../../functions/core/errors";
import { FUNCTION_ARITY } from "../../../functions/core/expr/catalog";
import { evaluate } from "../../../functions/core/expr/evaluator";
import { parseExpression } from "../../../functions/core/expr/parser";
import { arr, float, int, str, type Value } from "../../../functions/core/expr/value";
import { ALL, makeEnv } from "./helpers";

const OPS = ["==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "&&", "||", "^"];
const TWO_ARGS = [...FUNCTION_ARITY].filter(([, n]) => n === 2).map(([name]) => name);

const value: fc.Arbitrary<Value> = fc.oneof(
  fc.constantFrom("", "a", "A.b", "d0.test", "x@y.test", "10", "1.5", " ").map(str),
  fc.bigInt({ min: -5n, max: 5n }).map(int),
  fc.constantFrom(0.5, -2, 3).map(float),
  fc.array(fc.constantFrom("a", "b", "d0.test").map(str), { maxLength: 3 }).map(arr),
);
const literal = fc.constantFrom("", "a", "d0.test", ".test", "10", "@", "b,c");

function outcome(source: string, v: Value): unknown {
  try {
    return { value: evaluate(parseExpression(source, ALL), makeEnv({ rcpt_domain: v })) };
  } catch (err) {
    if (err instanceof CoreError) return { code: err.code, message: err.message };
    return { thrown: err instanceof Error ? err.constructor.name : String(err) };
  }
}

describe("conditions evaluated without the value stack", () => {
  it("give the general loop's value or error", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.constantFrom(...OPS), literal).map(([op, l]) => `rcpt_domain ${op} '${l}'`),
          fc
            .tuple(fc.constantFrom(...TWO_ARGS), literal)
            .map(([f, l]) => `${f}(rcpt_domain, '${l}')`),
        ),
        value,
        (source, v) => {
          expect(outcome(source, v)).toEqual(outcome(`[${source}][0]`, v));
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

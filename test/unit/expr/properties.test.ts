import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CoreError } from "../../../functions/core/errors";
import { evaluate, newEvalState } from "../../../functions/core/expr/evaluator";
import { valueToJson } from "../../../functions/core/expr/format";
import { parseExpression } from "../../../functions/core/expr/parser";
import { PendingDns } from "../../../functions/core/expr/types";
import type { Value } from "../../../functions/core/expr/value";
import { parseIp } from "../../../functions/core/ip";
import { ALL, makeEnv } from "./helpers";

/** Source text built from the language's own pieces, so most samples get past the tokenizer. */
const piece = fc.constantFrom(
  "1",
  "2.5",
  "'a'",
  '"b,c"',
  "true",
  "5m",
  "$1",
  "rcpt",
  "recipients",
  "retry_num",
  "(",
  ")",
  "[",
  "]",
  ",",
  " ",
  "+",
  "-",
  "*",
  "/",
  "==",
  "=",
  "!=",
  "<",
  ">=",
  "&&",
  "||",
  "!",
  "^",
  "count(",
  "split(",
  "sort(",
  "matches('(a)', ",
  "config_get('k')",
  "substring(",
  "split_n(",
  "dns_query(",
  "len(",
  "}",
  "\t",
  ":",
  "x",
);
const source = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.array(piece, { maxLength: 40 }).map((p) => p.join("")),
);

const env = makeEnv({
  rcpt: { kind: "string", value: "a@b.c" },
  retry_num: { kind: "integer", value: 3n },
  recipients: { kind: "array", value: [{ kind: "string", value: "a@b.c" }] },
});

function outcome(src: string): unknown {
  try {
    const expr = parseExpression(src, ALL);
    const state = newEvalState();
    const v: Value = evaluate(expr, env, state);
    expect(state.meter.used).toBeLessThanOrEqual(state.meter.budget);
    return valueToJson(v);
  } catch (e) {
    if (e instanceof CoreError) return { code: e.code, message: e.message, range: e.range };
    if (e instanceof PendingDns) return { pending: e.name };
    throw e;
  }
}

describe("properties", () => {
  it("parse + evaluate on arbitrary text only ever throws CoreError (or PendingDns)", () => {
    fc.assert(
      fc.property(source, (src) => void outcome(src)),
      { numRuns: 3000 },
    );
  });
  it("error ranges lie within the source", () => {
    fc.assert(
      fc.property(source, (src) => {
        const r = outcome(src) as { range?: { start: number; end: number } };
        if (r.range) {
          expect(r.range.start).toBeGreaterThanOrEqual(0);
          expect(r.range.end).toBeLessThanOrEqual(src.length);
          expect(r.range.start).toBeLessThanOrEqual(r.range.end);
        }
      }),
      { numRuns: 1000 },
    );
  });
  it("parse → evaluate is deterministic", () => {
    fc.assert(
      fc.property(source, (src) => {
        expect(outcome(src)).toEqual(outcome(src));
      }),
      { numRuns: 1000 },
    );
  });
  it("integer literals round-trip through the tokenizer", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), (n) => {
        expect(outcome(n.toString())).toEqual(valueToJson({ kind: "integer", value: n }));
      }),
    );
  });
  it("IPv4 and IPv6 canonical forms re-parse to the same bytes", () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (text) => {
        const ip = parseIp(text);
        if (ip === null) return; // fast-check emits forms Rust refuses (e.g. leading zeros)
        const again = parseIp(ip.canonical);
        expect(again?.bytes).toEqual(ip.bytes);
        expect(again?.canonical).toBe(ip.canonical);
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../functions/core/config/toml-loader";

/** Strings whose TOML reading and Stalwart's reading agree (no backslashes, no control chars). */
const plain = fc.stringMatching(/^[ a-zA-Z0-9.'=,#[\]{}:@-]{0,20}$/);
const bare = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
const value = fc.oneof(
  plain.map((s) => ({ toml: JSON.stringify(s), flat: { "": s } as Record<string, string> })),
  fc.integer({ min: -1000, max: 1000 }).map((n) => ({ toml: String(n), flat: { "": String(n) } })),
  fc.array(plain, { maxLength: 3 }).map((xs) => ({
    toml: `[${xs.map((x) => JSON.stringify(x)).join(", ")}]`,
    flat: Object.fromEntries(xs.map((x, i) => [`.${String(i).padStart(4, "0")}`, x])),
  })),
);

describe("flattening agrees with a model of Stalwart's keys", () => {
  it("for tables of keys holding strings, integers and arrays", () => {
    fc.assert(
      fc.property(
        bare,
        fc.uniqueArray(fc.tuple(bare, value), { selector: ([k]) => k, maxLength: 5 }),
        (table, kvs) => {
          const text = `[${table.toUpperCase()}]\n${kvs.map(([k, v]) => `${k} = ${v.toml}  # note`).join("\n")}\n`;
          const config = loadConfig(text);
          const expected: Record<string, string> = {};
          for (const [k, v] of kvs)
            for (const [suffix, s] of Object.entries(v.flat))
              expected[`${table}.${k}${suffix}`] = s;
          const actual = Object.fromEntries(config.keys.map((k) => [k, config.get(k)?.value]));
          expect(actual).toEqual(expected);
          for (const k of config.keys) {
            const e = config.get(k);
            expect(e).toBeDefined();
            if (e?.isString)
              expect(text.slice(e.sourceOffset(0), e.sourceOffset(e.value.length))).toBe(e.value);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

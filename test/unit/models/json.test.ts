import { describe, expect, it } from "vitest";
import { LIMITS } from "../../../functions/core/limits";
import { JSON_DEPTH_LIMIT, parseJsonValues } from "../../../functions/core/models/json/parse";
import { splitJsonValues } from "../../../functions/core/models/json/split";
import { type JsonNode, member, nodeAt, toPlain } from "../../../functions/core/models/json/tree";

const codes = (text: string) => parseJsonValues(text).diagnostics.map((d) => d.code);

describe("top-level values", () => {
  it("splits NDJSON lines and pretty-printed values back to back", () => {
    const text = '{"a":1}\n{"b":"}"}\n\n{\n  "c": [1, {"d": "]"}]\n}\n';
    const doc = parseJsonValues(text);
    expect(doc.values.map(toPlain)).toEqual([{ a: 1 }, { b: "}" }, { c: [1, { d: "]" }] }]);
    expect(doc.values.map((v) => text.slice(v.start, v.end))).toEqual([
      '{"a":1}',
      '{"b":"}"}',
      '{\n  "c": [1, {"d": "]"}]\n}',
    ]);
    expect(doc.diagnostics).toEqual([]);
  });

  it("skips a value with a syntax error, placed, and keeps the others", () => {
    const text = '{"a":1}\n{"b":2,}\n{"c":3}';
    const doc = parseJsonValues(text);
    expect(doc.values.map(toPlain)).toEqual([{ a: 1 }, { c: 3 }]);
    const [d] = doc.diagnostics;
    expect(d?.code).toBe("json_syntax");
    expect(text.slice(d?.start, d?.end)).toBe("}");
    expect(d?.message).toMatch(/trailing comma/);
  });

  it("warns once about comments and reads past them (brackets in comments do not count)", () => {
    const text = '// snapshot {\n{"a": /* ] */ 1}\n/* } */';
    const doc = parseJsonValues(text);
    expect(doc.values.map(toPlain)).toEqual([{ a: 1 }]);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(["json_comment"]);
    expect(doc.diagnostics[0]?.message).toMatch(/all 3/);
  });

  it("refuses a value nested deeper than the limit without parsing it", () => {
    const deep = `${"[".repeat(JSON_DEPTH_LIMIT + 1)}${"]".repeat(JSON_DEPTH_LIMIT + 1)}`;
    expect(splitJsonValues(deep).segments[0]?.depth).toBe(JSON_DEPTH_LIMIT + 1);
    const doc = parseJsonValues(`${deep}\n{"ok":true}`);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(["json_too_deep"]);
    expect(doc.values.map(toPlain)).toEqual([{ ok: true }]);
    // 64 KiB of brackets: one linear pass, no recursion.
    const huge = "[".repeat(LIMITS.configBytes);
    expect(codes(huge)).toEqual(["json_too_deep"]);
  });

  it("refuses a text over the size limit", () => {
    expect(codes(`"${"x".repeat(LIMITS.configBytes)}"`)).toEqual(["config_limit"]);
  });

  it("reports stray text as a syntax error", () => {
    expect(codes('{"a":1} oops')).toEqual(["json_syntax"]);
    expect(codes('{"a":1')).toEqual(["json_syntax"]);
  });
});

describe("positioned nodes", () => {
  it("warns about a repeated key and reads the last one", () => {
    const text = '{"name":"a","name":"b"}';
    const doc = parseJsonValues(text);
    const [root] = doc.values;
    expect(member(root, "name")?.value).toMatchObject({ value: "b" });
    expect(toPlain(root as JsonNode)).toEqual({ name: "b" });
    const [d] = doc.diagnostics;
    expect(d?.code).toBe("json_duplicate_key");
    expect(text.slice(d?.start, d?.end)).toBe('"name"');
    expect(d?.start).toBe(text.lastIndexOf('"name"'));
  });

  it("keeps a __proto__ key as an own property", () => {
    const [root] = parseJsonValues('{"__proto__":{"x":1}}').values;
    const plain = toPlain(root as JsonNode);
    expect(Object.keys(plain as object)).toEqual(["__proto__"]);
    expect(({} as { x?: number }).x).toBeUndefined();
  });

  it("maps each unit of a string with escapes back to where it was written", () => {
    const text = String.raw`{"if":"a\"b\n\u00e9\ud83d\ude00z"}`;
    const [root] = parseJsonValues(text).values;
    const s = member(root, "if")?.value;
    if (s?.kind !== "string") throw new Error("expected a string");
    expect(s.value).toBe('a"b\né\u{1F600}z');
    const at = (i: number) => text.slice(s.sourceOffset(i), s.sourceOffset(i) + 2);
    expect(at(0)).toBe("a\\");
    expect(at(1)).toBe('\\"');
    expect(at(3)).toBe("\\n");
    expect(text.slice(s.sourceOffset(4), s.sourceOffset(4) + 6)).toBe("\\u00e9");
    expect(text.slice(s.sourceOffset(5), s.sourceOffset(5) + 6)).toBe("\\ud83d");
    expect(text.slice(s.sourceOffset(6), s.sourceOffset(6) + 6)).toBe("\\ude00");
    expect(text[s.sourceOffset(7)]).toBe("z");
    expect(text[s.sourceOffset(s.value.length)]).toBe('"');
  });

  it("maps a string without escapes linearly", () => {
    const text = '{"else": "\'mx\'"}';
    const s = member(parseJsonValues(text).values[0], "else")?.value;
    if (s?.kind !== "string") throw new Error("expected a string");
    expect(text.slice(s.start, s.end)).toBe("\"'mx'\"");
    expect(text[s.sourceOffset(1)]).toBe("m");
    expect(s.sourceOffset(-3)).toBe(s.start + 1);
    expect(s.sourceOffset(99)).toBe(s.end - 1);
  });

  it("finds nodes by a path of keys and indices (numeric strings index arrays)", () => {
    const [root] = parseJsonValues('{"a":[{"b":1},{"b":2}]}').values;
    if (root === undefined) throw new Error("no value");
    expect(nodeAt(root, ["a", 1, "b"])).toMatchObject({ kind: "number", value: 2 });
    expect(nodeAt(root, ["a", "0", "b"])).toMatchObject({ value: 1 });
    expect(nodeAt(root, ["a", "x"])).toBeUndefined();
    expect(nodeAt(root, ["z", "b"])).toBeUndefined();
  });
});

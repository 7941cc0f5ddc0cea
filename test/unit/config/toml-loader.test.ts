import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareKeys } from "../../../functions/core/config/key-order";
import { type LoadedConfig, loadConfig } from "../../../functions/core/config/toml-loader";
import { CoreError, CoreErrorCode } from "../../../functions/core/errors";
import { LIMITS } from "../../../functions/core/limits";
import { utf8Length } from "../../../functions/core/utf8";

function values(config: LoadedConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of config.keys) out[k] = config.get(k)?.value ?? "<missing>";
  return out;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof CoreError) return err.code;
    throw err;
  }
  return undefined;
}

describe("loadConfig: flattening as Stalwart does", () => {
  it("prefixes keys with lower-cased table names but keeps key case", () => {
    const c = loadConfig('[Queue.OutBound]\nIP-Strategy = "x"\n[queue."MixedQuoted"]\nKey = 1\n');
    expect(values(c)).toEqual({ "queue.outbound.IP-Strategy": "x", "queue.MixedQuoted.Key": "1" });
  });

  it("flattens arrays with four-digit indices, nested arrays, inline tables", () => {
    const c = loadConfig(
      'a = ["x", "y"]\nn = [[1, 2], [3]]\nt = { if = "c", then = "d" }\nl = [ { if = "1", then = "2" }, { else = "3" } ]\n',
    );
    expect(values(c)).toEqual({
      "a.0000": "x",
      "a.0001": "y",
      "n.0000.0000": "1",
      "n.0000.0001": "2",
      "n.0001.0000": "3",
      "t.if": "c",
      "t.then": "d",
      "l.0000.if": "1",
      "l.0000.then": "2",
      "l.0001.else": "3",
    });
  });

  it("numbers array tables while the same name repeats", () => {
    const c = loadConfig("[[p]]\nname = 'a'\n[[p]]\n[[p]]\nname = 'c'\n");
    expect(values(c)).toEqual({ "p.0000.name": "a", "p.0002.name": "c" });
  });

  it("stores scalars as their raw text (booleans, integers, floats, dates)", () => {
    const c = loadConfig("b = true\ni = 0x1F\nf = 72.0\ne = 1e3\nd = 1979-05-27\nneg = -5\n");
    expect(values(c)).toEqual({
      b: "true",
      i: "0x1F",
      f: "72.0",
      e: "1e3",
      d: "1979-05-27",
      neg: "-5",
    });
  });

  it("sorts keys by bytes like a BTreeMap", () => {
    const c = loadConfig('b = 1\na = 2\n"\u{1F600}" = 3\n"\uFFFD" = 4\nA = 5\n');
    expect(c.keys).toEqual(["A", "a", "b", "\uFFFD", "\u{1F600}"]);
    expect(compareKeys("\u{1F600}", "\uFFFD")).toBeGreaterThan(0);
    expect(c.keysUnder("a")).toEqual(["a"]);
  });

  it("finds the keys under a prefix in code point order, with and without surrogates", () => {
    const plain = loadConfig('[r]\n"x\uFFFD" = 1\nx = 2\n"x.a" = 3\nxa = 4\n"x.b" = 5\n');
    expect(plain.keysStartingWith("r.x")).toEqual(["r.x", "r.x.a", "r.x.b", "r.xa", "r.x\uFFFD"]);
    expect(plain.keysStartingWith("r.x.")).toEqual(["r.x.a", "r.x.b"]);
    expect(plain.keysStartingWith("r.x\u{1F600}")).toEqual([]);
    const wide = loadConfig('[r]\n"x\u{1F600}" = 1\n"x\uFFFD" = 2\nx = 3\n');
    expect(wide.keysStartingWith("r.x")).toEqual(["r.x", "r.x\uFFFD", "r.x\u{1F600}"]);
    expect(wide.keysStartingWith("r.x\u{1F600}")).toEqual(["r.x\u{1F600}"]);
    expect(wide.keysStartingWith("r.x\uFFFD")).toEqual(["r.x\uFFFD"]);
  });

  it("decodes single-line strings the way Stalwart does, and remembers the TOML reading", () => {
    const c = loadConfig(
      `${String.raw`a = "x\ty\\n"`}\n${String.raw`b = 'C:\d'`}\nc = """\nraw\\t"""\n`,
    );
    expect(c.get("a")?.value).toBe("x\ty\\\n");
    expect(c.get("a")?.tomlValue).toBe("x\ty\\n");
    expect(c.get("b")?.value).toBe("C:d");
    expect(c.get("b")?.tomlValue).toBe("C:\\d");
    expect(c.get("c")?.value).toBe("raw\\t");
  });

  it("rejects duplicate flattened keys, also those TOML alone accepts", () => {
    expect(codeOf(() => loadConfig("a = 1\na = 2\n"))).toBe(CoreErrorCode.TomlSyntax);
    expect(codeOf(() => loadConfig('"a.b" = 1\na.b = 2\n'))).toBe(CoreErrorCode.TomlSyntax);
    expect(codeOf(() => loadConfig("[[t]]\nx = 1\n[[u]]\n[[t]]\nx = 2\n"))).toBe(
      CoreErrorCode.TomlSyntax,
    );
  });

  it("rejects what Stalwart's reader rejects: underscores in numbers, times, deep nesting", () => {
    expect(codeOf(() => loadConfig("a = 1_000\n"))).toBe(CoreErrorCode.TomlSyntax);
    expect(codeOf(() => loadConfig("a = 07:32:00\n"))).toBe(CoreErrorCode.TomlSyntax);
    expect(codeOf(() => loadConfig(`a = ${"[".repeat(10)}1${"]".repeat(10)}\n`))).toBe(
      CoreErrorCode.TomlSyntax,
    );
    expect(loadConfig(`a = ${"[".repeat(9)}1${"]".repeat(9)}\n`).keys).toEqual([
      `a${".0000".repeat(9)}`,
    ]);
  });

  it("reports a TOML syntax error at smol-toml's position", () => {
    const text = "a = 1\nip-strategy = ipv4_only\n";
    try {
      loadConfig(text);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CoreError);
      const e = err as CoreError;
      expect(e.code).toBe(CoreErrorCode.TomlSyntax);
      expect(e.range?.start).toBe(text.indexOf("ipv4_only"));
    }
  });

  it("enforces the size and key-count limits", () => {
    expect(codeOf(() => loadConfig(`# ${"x".repeat(LIMITS.configBytes)}\n`))).toBe(
      CoreErrorCode.ConfigLimit,
    );
    // The limit is in UTF-8 bytes: fewer units than bytes, over; an ASCII text at the limit, not.
    const wide = `# ${"\u00e9".repeat(LIMITS.configBytes / 2)}\n`;
    expect(wide.length).toBeLessThan(LIMITS.configBytes);
    expect(codeOf(() => loadConfig(wide))).toBe(CoreErrorCode.ConfigLimit);
    const atLimit = `# ${"x".repeat(LIMITS.configBytes - 8)}\na = 1`;
    expect(new TextEncoder().encode(atLimit).length).toBe(LIMITS.configBytes);
    expect(loadConfig(atLimit).get("a")?.value).toBe("1");
    // Multi-byte characters and a lone surrogate (3 bytes, as U+FFFD) exactly at the
    // limit load; one byte more does not.
    const pad = "x".repeat(LIMITS.configBytes - 8 - 2 - 3 - 4 - 3);
    const mixed = `# \u00e9\u20ac\u{1F600}\uD800${pad}\na = 1`;
    expect(new TextEncoder().encode(mixed).length).toBe(LIMITS.configBytes);
    expect(loadConfig(mixed).get("a")?.value).toBe("1");
    expect(codeOf(() => loadConfig(`${mixed}2`))).toBe(CoreErrorCode.ConfigLimit);
    const many = Array.from({ length: LIMITS.configKeys + 1 }, (_, i) => `k${i} = 1`).join("\n");
    expect(codeOf(() => loadConfig(many))).toBe(CoreErrorCode.ConfigLimit);
  });
});

describe("loadConfig: positions", () => {
  it("records key and value spans", () => {
    const text = '[queue.outbound]\nip-strategy = "ipv6_only"  # c\n';
    const e = loadConfig(text).get("queue.outbound.ip-strategy");
    expect(text.slice(e?.keyStart, e?.keyEnd)).toBe("ip-strategy");
    expect(text.slice(e?.valueStart, e?.valueEnd)).toBe('"ipv6_only"');
    expect(e?.sourceOffset(0)).toBe(text.indexOf("ipv6_only"));
  });

  it("gives array elements their own value span and the array's key", () => {
    const text = "v4 = ['192.0.2.10', '192.0.2.11']\n";
    const c = loadConfig(text);
    const e = c.get("v4.0001");
    expect(text.slice(e?.keyStart, e?.keyEnd)).toBe("v4");
    expect(text.slice(e?.valueStart, e?.valueEnd)).toBe("'192.0.2.11'");
    const box = c.container("v4");
    expect(text.slice(box?.valueStart, box?.valueEnd)).toBe("['192.0.2.10', '192.0.2.11']");
  });

  it("maps decoded indices through escapes", () => {
    const text = String.raw`k = "a\tb\"c"`;
    const e = loadConfig(text).get("k");
    expect(e?.value).toBe('a\tb"c');
    expect(text[e?.sourceOffset(2) ?? -1]).toBe("b");
    expect(text.slice(e?.sourceOffset(3), (e?.sourceOffset(3) ?? 0) + 2)).toBe('\\"');
    expect(text[e?.sourceOffset(4) ?? -1]).toBe("c");
    expect(e?.sourceOffset(99)).toBe(text.length - 1);
  });

  it("maps decoded indices through multi-line strings", () => {
    const text = 'k = """\nline1\r\nline2"""\n';
    const e = loadConfig(text).get("k");
    expect(e?.value).toBe("line1\nline2");
    expect(text[e?.sourceOffset(0) ?? -1]).toBe("l");
    expect(text.slice(e?.sourceOffset(6), (e?.sourceOffset(6) ?? 0) + 5)).toBe("line2");
  });

  it("maps raw scalars onto their own text", () => {
    const text = "n = 12345\n";
    const e = loadConfig(text).get("n");
    expect(e?.isString).toBe(false);
    expect(e?.sourceOffset(2)).toBe(text.indexOf("3"));
  });
});

describe("utf8Length", () => {
  const encoded = (s: string) => new TextEncoder().encode(s).length;
  it("counts the bytes TextEncoder writes, lone surrogates as U+FFFD", () => {
    for (const s of [
      "",
      "abc",
      "\u00e9",
      "\u20ac",
      "\u{1F600}",
      "\uD800",
      "\uDC00",
      "a\uD800b",
      "\uD800\uD800\uDC00",
      "\uDBFF",
    ])
      expect(utf8Length(s)).toBe(encoded(s));
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => utf8Length(s) === encoded(s)));
    const nearSurrogates = fc
      .integer({ min: 0xd7f0, max: 0xe010 })
      .map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: nearSurrogates }), (s) => utf8Length(s) === encoded(s)),
    );
  });
});

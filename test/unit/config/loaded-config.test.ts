/**
 * The loaded config (functions/core/config/toml/loaded-config.ts): Stalwart's key order,
 * the place of every key and value, a text without its last line end, `%{…}%` macros and
 * the frozen limits.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareKeys, loadConfig } from "../../../functions/core/config/toml/loaded-config";
import { CoreError, CoreErrorCode } from "../../../functions/core/errors";
import { LIMITS } from "../../../functions/core/limits";
import { utf8Length } from "../../../functions/core/utf8";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof CoreError) return err.code;
    throw err;
  }
  return undefined;
}

describe("keys in Stalwart's order", () => {
  it("sorts keys by code point like a BTreeMap of UTF-8 strings", () => {
    const c = loadConfig('b = 1\na = 2\n"\u{1F600}" = 3\n"\uFFFD" = 4\nA = 5\n');
    expect(c.keys).toEqual(["A", "a", "b", "\uFFFD", "\u{1F600}"]);
    expect(c.entries.map((e) => e.key)).toEqual(c.keys);
    expect(compareKeys("\u{1F600}", "\uFFFD")).toBeGreaterThan(0);
    expect(compareKeys("a", "ab")).toBeLessThan(0);
  });

  it("finds the keys under a prefix, with and without surrogates", () => {
    const c = loadConfig('[r]\n"x\u{1F600}" = 1\n"x\uFFFD" = 2\nx = 3\n"x.a" = 4\nxa = 5\n');
    expect(c.keysUnder("r.x")).toEqual(["r.x", "r.x.a", "r.xa", "r.x\uFFFD", "r.x\u{1F600}"]);
    expect(c.keysUnder("r.x.")).toEqual(["r.x.a"]);
    expect(c.keysUnder("r.x\u{1F600}")).toEqual(["r.x\u{1F600}"]);
    expect(c.entriesUnder("r.x.").map((e) => e.value)).toEqual(["4"]);
    expect(c.keysUnder("s.")).toEqual([]);
  });
});

describe("positions", () => {
  it("records key and value spans", () => {
    const text = '[queue.outbound]\nip-strategy = "ipv6_only"  # c\n';
    const e = loadConfig(text).get("queue.outbound.ip-strategy");
    expect(text.slice(e?.keyStart, e?.keyEnd)).toBe("ip-strategy");
    expect(text.slice(e?.valueStart, e?.valueEnd)).toBe('"ipv6_only"');
    expect(e?.sourceOffset(0)).toBe(text.indexOf("ipv6_only"));
  });

  it("gives array elements their own value span and the array's key; remembers containers", () => {
    const text = "v4 = ['192.0.2.10', '192.0.2.11']\nt = { a = 1 }\n";
    const c = loadConfig(text);
    const e = c.get("v4.0001");
    expect(text.slice(e?.keyStart, e?.keyEnd)).toBe("v4");
    expect(text.slice(e?.valueStart, e?.valueEnd)).toBe("'192.0.2.11'");
    const box = c.container("v4");
    expect(text.slice(box?.valueStart, box?.valueEnd)).toBe("['192.0.2.10', '192.0.2.11']");
    expect(text.slice(c.container("t")?.valueStart, c.container("t")?.valueEnd)).toBe("{ a = 1 }");
    expect(text.slice(c.get("t.a")?.keyStart, c.get("t.a")?.keyEnd)).toBe("a");
  });

  it("maps decoded units through escapes onto the source", () => {
    const text = String.raw`k = "a\tb\"c\.d"`;
    const e = loadConfig(`${text}\n`).get("k");
    expect(e?.value).toBe('a\tb"c.d');
    expect(text[e?.sourceOffset(2) ?? -1]).toBe("b");
    expect(text.slice(e?.sourceOffset(3), (e?.sourceOffset(3) ?? 0) + 2)).toBe('\\"');
    expect(text.slice(e?.sourceOffset(5), e?.sourceOffset(6))).toBe("\\.");
    expect(text[e?.sourceOffset(6) ?? -1]).toBe("d");
    expect(e?.sourceOffset(99)).toBe(text.length - 1);
  });

  it("maps decoded units through multi-line strings and bare values", () => {
    const text = 'k = """\nline1\r\nline2"""\nn = 12345\n';
    const c = loadConfig(text);
    const e = c.get("k");
    expect(e?.value).toBe("line1\nline2");
    expect(text[e?.sourceOffset(0) ?? -1]).toBe("l");
    expect(text.slice(e?.sourceOffset(6), (e?.sourceOffset(6) ?? 0) + 5)).toBe("line2");
    expect(c.get("n")?.sourceOffset(2)).toBe(text.indexOf("3"));
  });
});

describe("a text without a line end after its last value", () => {
  it("is read as if it had one, with a warning saying Stalwart refuses it as it is", () => {
    const c = loadConfig('[queue.outbound]\nip-strategy = "ipv6_only"');
    expect(c.get("queue.outbound.ip-strategy")?.value).toBe("ipv6_only");
    expect(c.notes.map((n) => [n.code, n.severity])).toEqual([
      ["toml_missing_final_newline", "warning"],
    ]);
    expect(c.notes[0]?.message).toContain("Unexpected EOF at line: 2");
  });

  it("is not a warning where Stalwart reads it as it is, and not a cure for other errors", () => {
    expect(loadConfig("a = 1\n# last line").notes).toEqual([]);
    expect(loadConfig("[t]").notes).toEqual([]);
    expect(codeOf(() => loadConfig('a = "open'))).toBe(CoreErrorCode.TomlSyntax);
  });
});

describe("%{…}% macros (resolve_macros)", () => {
  it("cfg: a key's value, resolved ones for keys sorted before, as written for later ones", () => {
    const c = loadConfig(
      'a = "x"\nb = "%{cfg:a}%-%{cfg:c}%"\nc = "%{cfg:a}%!"\nd = "<%{cfg:b}%>"\n',
    );
    expect(c.get("b")?.value).toBe("x-%{cfg:a}%!");
    expect(c.get("c")?.value).toBe("x!");
    expect(c.get("d")?.value).toBe("<x-%{cfg:a}%!>");
    // config_get reads the file as written (Stalwart's local config, before macros).
    expect(c.get("d")?.written).toBe("<%{cfg:b}%>");
    expect(c.notes).toEqual([]);
  });

  it("cfg: an unknown key is replaced by nothing, with a warning at the macro", () => {
    const text = 'h = "mx.%{cfg:nope}%"\n';
    const c = loadConfig(text);
    expect(c.get("h")?.value).toBe("mx.");
    expect(c.notes[0]?.code).toBe("macro_unknown_key");
    expect(text.slice(c.notes[0]?.start, c.notes[0]?.end)).toBe("%{cfg:nope}%");
  });

  it("env and file: kept as written, with a note that the playground cannot read them", () => {
    const text = 'server.hostname = "%{env:HOSTNAME}%"\nk = "%{file:/etc/key}%"\n';
    const c = loadConfig(text);
    expect(c.get("server.hostname")?.value).toBe("%{env:HOSTNAME}%");
    const notes = [...c.notes].sort((x, y) => (x.start ?? 0) - (y.start ?? 0));
    expect(notes.map((n) => [n.code, n.severity, text.slice(n.start, n.end)])).toEqual([
      ["macro_not_resolved", "info", "%{env:HOSTNAME}%"],
      ["macro_not_resolved", "info", "%{file:/etc/key}%"],
    ]);
    expect(notes[0]?.message).toContain("environment variable HOSTNAME");
  });

  it("a macro with no '}%' after it while the value has one: Stalwart never starts", () => {
    const c = loadConfig('a = "}% %{cfg:b"\nb = "1"\n');
    expect(c.get("a")?.value).toBe("}% %{cfg:b");
    expect(c.notes.map((n) => [n.code, n.severity])).toEqual([["macro_never_ends", "error"]]);
  });
});

describe("limits", () => {
  it("enforces the size limit in UTF-8 bytes, and the key-count limit", () => {
    expect(codeOf(() => loadConfig(`# ${"x".repeat(LIMITS.configBytes)}\n`))).toBe(
      CoreErrorCode.ConfigLimit,
    );
    const wide = `# ${"\u00e9".repeat(LIMITS.configBytes / 2)}\n`;
    expect(wide.length).toBeLessThan(LIMITS.configBytes);
    expect(codeOf(() => loadConfig(wide))).toBe(CoreErrorCode.ConfigLimit);
    const atLimit = `# ${"x".repeat(LIMITS.configBytes - 9)}\na = 1\n`;
    expect(new TextEncoder().encode(atLimit).length).toBe(LIMITS.configBytes);
    expect(loadConfig(atLimit).get("a")?.value).toBe("1");
    const many = Array.from({ length: LIMITS.configKeys + 1 }, (_, i) => `k${i} = 1`).join("\n");
    expect(codeOf(() => loadConfig(many))).toBe(CoreErrorCode.ConfigLimit);
    expect(() => loadConfig(many)).toThrow(
      "The config has 2,001 keys; at most 2,000 keys are allowed",
    );
  });

  it("utf8Length counts the bytes TextEncoder writes, lone surrogates as U+FFFD", () => {
    const encoded = (s: string) => new TextEncoder().encode(s).length;
    for (const s of ["", "abc", "\u00e9", "\u20ac", "\u{1F600}", "\uD800", "a\uD800b", "\uDBFF"])
      expect(utf8Length(s)).toBe(encoded(s));
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => utf8Length(s) === encoded(s)));
  });
});

describe("properties", () => {
  const tomlish = fc.stringMatching(/^[[\]{}="'a-z0-9., \n#:\\%_-]{0,80}$/);
  it("loading only ever throws CoreError, and every place lies inside the text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), tomlish), (text) => {
        try {
          const c = loadConfig(text);
          for (const e of c.entries) {
            for (const at of [e.keyStart, e.keyEnd, e.valueStart, e.valueEnd])
              expect(at >= 0 && at <= text.length).toBe(true);
            expect(e.sourceOffset(e.value.length)).toBeLessThanOrEqual(text.length);
          }
        } catch (err) {
          if (!(err instanceof CoreError)) throw err;
          expect(err.range?.start).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

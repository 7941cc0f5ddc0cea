/**
 * The port of Stalwart's config parser (functions/core/config/toml/, from
 * crates/utils/src/config/parser.rs at v0.12.5): what it accepts and how it flattens it,
 * and what it refuses, with Stalwart's own message and line.
 */
import { describe, expect, it } from "vitest";
import { type LoadedConfig, loadConfig } from "../../../functions/core/config/toml/loaded-config";
import { CoreError, CoreErrorCode } from "../../../functions/core/errors";

function flat(config: LoadedConfig): Record<string, string> {
  return Object.fromEntries(config.entries.map((e) => [e.key, e.value]));
}

const load = (text: string) => flat(loadConfig(text));

/** Stalwart's refusal of `text`: its message, and the text where the parser stopped. */
function refusal(text: string, keyRule?: "v0.12" | "v0.13") {
  try {
    loadConfig(text, keyRule === undefined ? {} : { keyRule });
  } catch (err) {
    if (!(err instanceof CoreError)) throw err;
    expect(err.code).toBe(CoreErrorCode.TomlSyntax);
    const prefix = "Invalid configuration file: ";
    expect(err.message.startsWith(prefix)).toBe(true);
    return {
      message: err.message.slice(prefix.length),
      at: text.slice(err.range?.start, err.range?.end),
    };
  }
  throw new Error("accepted");
}

describe("what Stalwart accepts that TOML does not (spec §2)", () => {
  it("bare values of letters, digits, '.', '+' and '-', arrays of them too", () => {
    expect(
      load("address = fallback.foobar.org\nretry = [2m, 5m]\nmx = 07\nb = true\nn = -1.5e+3\n"),
    ).toEqual({
      address: "fallback.foobar.org",
      "retry.0000": "2m",
      "retry.0001": "5m",
      mx: "07",
      b: "true",
      n: "-1.5e+3",
    });
  });

  it("a table header that repeats merges its keys; only a key set twice is refused", () => {
    expect(
      load("[session.extensions]\na = 1\n[other]\nx = 1\n[session.extensions]\nb = 2\n"),
    ).toEqual({ "session.extensions.a": "1", "session.extensions.b": "2", "other.x": "1" });
  });

  it("{ a, b } sets, empty arrays, trailing and leading commas in arrays", () => {
    expect(
      load('s = { a, "B c" }\ne = []\nt = [1, 2, ]\nl = [, 1]\nx = { else = [1s] }\n'),
    ).toEqual({
      "s.a": "",
      "s.B c": "",
      "t.0000": "1",
      "t.0001": "2",
      "l.0001": "1",
      "x.else.0000": "1s",
    });
  });

  it("a key may hold a value and sub-keys", () => {
    expect(load('k = "v"\nk.sub = "w"\n')).toEqual({ k: "v", "k.sub": "w" });
  });

  it("whitespace inside keys is skipped, case is kept, quoted parts verbatim", () => {
    expect(load('Queue . Out Bound = 1\n"A.B c" = 2\n')).toEqual({
      "Queue.OutBound": "1",
      "A.B c": "2",
    });
  });

  it("table names: the first character as it is, the rest ASCII-lower-cased outside quotes", () => {
    expect(load('[Queue.OutBound]\nKey = 1\n[x."Mixed Q"]\nk = 2\n[ÀB]\nk = 3\n')).toEqual({
      "Queue.outbound.Key": "1",
      "x.Mixed Q.k": "2",
      "Àb.k": "3",
    });
  });

  it("anything after the closing ']' of a header is skipped", () => {
    expect(load("[a] = not read [ at all\nk = 1\n")).toEqual({ "a.k": "1" });
  });

  it("[[t]] numbers entries while the same name repeats; another header does not reset it", () => {
    expect(load("[[p]]\nn = 'a'\n[[p]]\n[q]\nx = 1\n[[p]]\nn = 'c'\n")).toEqual({
      "p.0000.n": "a",
      "q.x": "1",
      "p.0002.n": "c",
    });
  });

  it("strings: \\t \\r \\n decoded, any other backslash dropped, in '…' as in \"…\"", () => {
    const text = String.raw`a = "x\ty\.z"
b = 'it\'s C:\dir'
c = "two\\n"
d = "line
break"
`;
    expect(load(text)).toEqual({
      a: "x\ty.z",
      b: "it's C:dir",
      // The kept backslash escapes the next character in turn: a backslash, then a newline.
      c: "two\\\n",
      d: "line\nbreak",
    });
  });

  it("triple-quoted strings are raw, the first newline dropped, \\r skipped everywhere", () => {
    expect(load('a = """\nraw\\t "q" """\nb = \'\'\'\r\nx\'\'\'\nc = "d\r\ne"\n')).toEqual({
      a: 'raw\\t "q" ',
      // `\r` is skipped, so the `\n` after it is no longer the first character.
      b: "\nx",
      c: "d\ne",
    });
  });

  it('"" is an empty string', () => {
    expect(load("e = \"\"\nf = ''\n")).toEqual({ e: "", f: "" });
  });

  it("comments after values, inside arrays and inline tables, and between lines", () => {
    expect(load("a = [ 1, # one\n  # nothing\n  2 ] # done\n# end\n")).toEqual({
      "a.0000": "1",
      "a.0001": "2",
    });
    expect(load("t = { a = 1 # one\n, b = 2, # two\n c = 3 }\n")).toEqual({
      "t.a": "1",
      "t.b": "2",
      "t.c": "3",
    });
  });

  it("nine nested arrays are read, ten are refused (MAX_NEST_LEVEL)", () => {
    expect(Object.keys(load(`a = ${"[".repeat(9)}1${"]".repeat(9)}\n`))).toEqual([
      `a${".0000".repeat(9)}`,
    ]);
    expect(refusal(`a = ${"[".repeat(10)}1${"]".repeat(10)}\n`).message).toBe(
      "Too many nested structures at line 1.",
    );
  });
});

describe("what Stalwart refuses, with its message and line", () => {
  const cases: [string, string, string, string][] = [
    [
      "an unquoted value with '_'",
      "[queue.outbound]\nip-strategy = ipv4_only\n",
      "Expected ['\\n'] but found '_' in value at line 2.",
      "_",
    ],
    ["a duplicate key", "[a]\nb = 1\nb = 2\n", 'Duplicate key "a.b" at line 3.', "b"],
    [
      "a duplicate through an inline table",
      'k = { x = 1 }\n"k.x" = 2\n',
      'Duplicate key "k.x" at line 2.',
      '"k.x"',
    ],
    ["a string that never ends", '\n\n[a]\nb = "abc\n', "Unexpected EOF at line: 5", ""],
    ["an empty inline table", "k = {}\n", "Empty key at line: 1", "}"],
    ["a trailing comma in an inline table", "k = { a = 1, }\n", "Empty key at line: 1", "}"],
    ["an empty table name", "[[]]\n", "Empty table name at line 1.", "]"],
    ["a space in a table name", "[a b\n", "Unexpected end of line at line: 1", "\n"],
    ["a bad character in a table name", "[a/b]\n", "Unexpected character '/' at line 1.", "/"],
    ["a quoted first table segment", '["a"]\n', "Unexpected end of line at line: 1", "\n"],
    ["a key in single quotes", "'k' = 1\n", "Unexpected character '\\'' at line 1.", "'"],
    ["a statement starting with '='", "= 1\n", "Unexpected character '=' at line 1.", "="],
    [
      "a character v0.12.5 does not take in keys",
      "kèy = 1\n",
      "Unexpected character 'è' found in key at line 1.",
      "è",
    ],
    ["a value on the next line", "k =\n1\n", "Unexpected end of line at line: 1", "\n"],
    [
      "a key broken by a line end",
      "[t]\nab\n= 1\n",
      'Unexpected end of line while parsing key "t.ab" at line: 2',
      "\n",
    ],
    [
      "a quoted key broken by a line end",
      'k."a\nb" = 1\n',
      "Unexpected end of line while parsing quoted key at line: 1",
      "\n",
    ],
    ["two values", "k = 1 2\n", "Expected ['\\n'] but found '2' in value at line 1.", "2"],
    [
      "an array without its ']'",
      "k = [1, 2\nj = 3\n",
      "Expected [',', ']'] but found 'j' in value at line 2.",
      "j",
    ],
    [
      "a comment where an inline table expects a key",
      "k = { # c\n a = 1 }\n",
      "Unexpected character '#' found in key at line 1.",
      "#",
    ],
    [
      "a value Stalwart's environment lookup once took",
      "v = !CARGO_PKG_NAME\n",
      "Expected ['\\n'] but found '!' in value at line 1.",
      "!",
    ],
    [
      "a control character",
      "k = 1\n\u0007\n",
      "Unexpected character '\\u{7}' at line 2.",
      "\u0007",
    ],
    [
      "a no-break space",
      "k =\u00a01\n",
      "Expected ['\\n'] but found '\\u{a0}' in value at line 1.",
      "\u00a0",
    ],
  ];
  for (const [name, text, message, at] of cases) {
    it(name, () => {
      expect(refusal(text)).toEqual({ message, at });
    });
  }
});

describe("the unquoted-key rule is a parameter", () => {
  it("v0.13.1 takes any character into a key", () => {
    const config = loadConfig("kèy/x = 1\n[t]\nq'x = 2\n", { keyRule: "v0.13" });
    expect(flat(config)).toEqual({ "kèy/x": "1", "t.q'x": "2" });
    expect(refusal("kèy = 1\n", "v0.12").message).toBe(
      "Unexpected character 'è' found in key at line 1.",
    );
  });

  it("the statement must still start with an ASCII letter, digit or '\"'", () => {
    expect(refusal("'q' = 2\n", "v0.13").message).toBe("Unexpected character '\\'' at line 1.");
  });
});

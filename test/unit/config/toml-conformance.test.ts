/**
 * The port of Stalwart's parser (functions/core/config/toml/) against Stalwart's own
 * test of it: `toml_parse` in crates/utils/src/config/parser.rs at v0.12.5, reading
 * tests/resources/smtp/config/toml-parser.toml (copied verbatim into test/fixtures).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type LoadedConfig, loadConfig } from "../../../functions/core/config/toml/loaded-config";
import { CoreError } from "../../../functions/core/errors";

const UPSTREAM = readFileSync(
  new URL("../../fixtures/configs/stalwart/toml-parser.toml", import.meta.url),
  "utf8",
);

/** The map `toml_parse` expects, but for `env.var1`/`env.var2` (see below). */
const EXPECTED: Record<string, string> = {
  "arrays.colors.0000": "red",
  "arrays.colors.0001": "yellow",
  "arrays.colors.0002": "green",
  "arrays.contributors.0000": "Foo Bar <foo@example.com>",
  "arrays.contributors.0001.email": "bazqux@example.com",
  "arrays.contributors.0001.name": "Baz Qux",
  "arrays.contributors.0001.url": "https://example.com/bazqux",
  "arrays.integers.0000": "1",
  "arrays.integers.0001": "2",
  "arrays.integers.0002": "3",
  "arrays.integers2.0000": "1",
  "arrays.integers2.0001": "2",
  "arrays.integers2.0002": "3",
  "arrays.integers3.0000": "4",
  "arrays.integers3.0001": "5",
  "arrays.nested_arrays_of_ints.0000.0000": "1",
  "arrays.nested_arrays_of_ints.0000.0001": "2",
  "arrays.nested_arrays_of_ints.0001.0000": "3",
  "arrays.nested_arrays_of_ints.0001.0001": "4",
  "arrays.nested_arrays_of_ints.0001.0002": "5",
  "arrays.nested_mixed_array.0000.0000": "1",
  "arrays.nested_mixed_array.0000.0001": "2",
  "arrays.nested_mixed_array.0001.0000": "a",
  "arrays.nested_mixed_array.0001.0001": "b",
  "arrays.nested_mixed_array.0001.0002": "c",
  "arrays.numbers.0000": "0.1",
  "arrays.numbers.0001": "0.2",
  "arrays.numbers.0002": "0.5",
  "arrays.numbers.0003": "1",
  "arrays.numbers.0004": "2",
  "arrays.numbers.0005": "5",
  "arrays.string_array.0000": "all",
  "arrays.string_array.0001": "strings",
  "arrays.string_array.0002": "are the same",
  "arrays.string_array.0003": "type",
  "database.data.0000.0000": "delta",
  "database.data.0000.0001": "phi",
  "database.data.0001.0000": "3.14",
  "database.enabled": "true",
  "database.ports.0000": "8000",
  "database.ports.0001": "8001",
  "database.ports.0002": "8002",
  "database.temp_targets.case": "72.0",
  "database.temp_targets.cpu": "79.5",
  "products.0000.name": "Hammer",
  "products.0000.sku": "738594937",
  "products.0002.color": "gray",
  "products.0002.name": "Nail",
  "products.0002.sku": "284758393",
  "servers.127.0.0.1": "value",
  "servers.alpha.ip": "10.0.0.1",
  "servers.alpha.role": "frontend",
  "servers.beta.ip": "10.0.0.2",
  "servers.beta.role": "backend",
  "servers.character encoding": "value",
  'strings.my "string" test.lines':
    "The first newline is\ntrimmed in raw strings.\nAll other whitespace\nis preserved.\n",
  'strings.my "string" test.str1': "I'm a string.",
  'strings.my "string" test.str2': 'You can "quote" me.',
  'strings.my "string" test.str3': "Name\tTabs\nNew Line.",
  "sets.integer.1": "",
  "sets.integers.1": "",
  "sets.integers.2": "",
  "sets.integers.3": "",
  "sets.string.red": "",
  "sets.strings.red": "",
  "sets.strings.yellow": "",
  "sets.strings.green": "",
};

function flat(config: LoadedConfig): Record<string, string> {
  return Object.fromEntries(config.entries.map((e) => [e.key, e.value]));
}

function refusal(text: string): string | undefined {
  try {
    loadConfig(text);
  } catch (err) {
    if (err instanceof CoreError) return err.message;
    throw err;
  }
  return undefined;
}

describe("Stalwart's own parser test (toml_parse, v0.12.5)", () => {
  it("is refused as shipped: its `!CARGO_PKG_NAME` values are not values for v0.12.5's parser", () => {
    // The upstream test expects env.var1 = "utils" from `var1 = !CARGO_PKG_NAME`: an
    // environment lookup of an older parser. v0.12.5's `value()` has no `!` arm, so the
    // test file itself is refused; the rest of the file is the conformance case below.
    expect(refusal(UPSTREAM)).toBe(
      "Invalid configuration file: Expected ['\\n'] but found '!' in value at line 70.",
    );
  });

  it("flattens the rest exactly as toml_parse expects", () => {
    const text = UPSTREAM.split("\n")
      .filter((line) => !line.includes("!CARGO_PKG_NAME"))
      .join("\n");
    const config = loadConfig(text);
    expect(flat(config)).toEqual(EXPECTED);
    expect(config.keys).toEqual(Object.keys(EXPECTED).sort());
    expect(config.notes).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { isTruthy, toArray, toFloat, toInteger, toText } from "../../../functions/core/expr/coerce";
import { valueFromJson, valueToJson, valueToString } from "../../../functions/core/expr/format";
import { formatF64 } from "../../../functions/core/expr/rust-num";
import { arr, EMPTY, float, int, str } from "../../../functions/core/expr/value";
import { isLoopback, parseIp, reverseName } from "../../../functions/core/ip";

describe("parseIp follows Rust's IpAddr::from_str", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1", 4],
    ["0.0.0.0", "0.0.0.0", 4],
    ["::", "::", 6],
    ["::1", "::1", 6],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1", 6],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1", 6],
    ["2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:db8::ff00:42:8329", 6],
    ["1:0:1:1:1:1:1:1", "1:0:1:1:1:1:1:1", 6],
    ["::ffff:192.0.2.1", "::ffff:192.0.2.1", 6],
    ["::ffff:c000:201", "::ffff:192.0.2.1", 6],
    ["::192.0.2.1", "::c000:201", 6],
    ["1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0", 6],
    ["64:ff9b::192.0.2.33", "64:ff9b::c000:221", 6],
  ])("%s → %s", (text, canonical, family) => {
    expect(parseIp(text)).toMatchObject({ canonical, family });
  });
  it.each([
    "192.0.2.01",
    "192.0.2",
    "192.0.2.256",
    "1.2.3.4.5",
    " 192.0.2.1",
    "[::1]",
    "fe80::1%eth0",
    "1:2:3:4:5:6:7::8",
    "1::2::3",
    "12345::",
    "::ffff:1.2.3",
    "1.2.3.4::",
    "",
    "localhost",
  ])("%s is refused", (text) => expect(parseIp(text)).toBeNull());
  it("bytes, loopback, reverse names", () => {
    const v6 = parseIp("2001:db8::1");
    expect(Array.from(v6?.bytes ?? [])).toEqual([
      0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    ]);
    expect(isLoopback(parseIp("127.1.2.3") ?? parseIp("0.0.0.0")!)).toBe(true);
    expect(isLoopback(parseIp("::1")!)).toBe(true);
    expect(isLoopback(parseIp("::ffff:127.0.0.1")!)).toBe(false);
    expect(isLoopback(parseIp("128.0.0.1")!)).toBe(false);
    expect(reverseName(parseIp("192.0.2.1")!)).toBe("1.2.0.192");
    expect(reverseName(parseIp("::1")!)).toBe(`1${".0".repeat(31)}`);
  });
});

describe("formatF64 prints as Rust's f64 Display", () => {
  it.each([
    [2, "2"],
    [2.5, "2.5"],
    [-0.5, "-0.5"],
    [1e21, "1000000000000000000000"],
    [1.5e300, `15${"0".repeat(299)}`],
    [1e-7, "0.0000001"],
    [123.456, "123.456"],
    [0.1 + 0.2, "0.30000000000000004"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "inf"],
    [Number.NEGATIVE_INFINITY, "-inf"],
    [-0, "-0"],
  ])("%s → %s", (f, text) => expect(formatF64(f)).toBe(text));
});

describe("valueToString, valueToJson, valueFromJson", () => {
  it("arrays join with CRLF, nested arrays empty; a separator only after text", () => {
    expect(valueToString(arr([str("a"), int(1), float(2), arr([str("x")]), str("b")]))).toBe(
      "a\r\n1\r\n2\r\n\r\nb",
    );
    expect(valueToString(arr([str(""), str("b")]))).toBe("b");
    expect(toText(float(2.5))).toBe("2.5");
  });
  it("JSON: integers beyond 2^53 as strings, arrays recursively", () => {
    expect(valueToJson(int(2n ** 60n))).toEqual({ type: "integer", value: "1152921504606846976" });
    expect(valueToJson(arr([int(1), float(Number.NaN)]))).toEqual({
      type: "array",
      value: [
        { type: "integer", value: 1 },
        { type: "float", value: "NaN" },
      ],
    });
  });
  it("reads JSON variables", () => {
    expect(valueFromJson(3)).toEqual(int(3));
    expect(valueFromJson(3.5)).toEqual(float(3.5));
    expect(valueFromJson(true)).toEqual(int(1));
    expect(valueFromJson(["a", [false]])).toEqual(arr([str("a"), arr([int(0)])]));
    expect(valueFromJson(null)).toEqual(EMPTY);
    expect(() => valueFromJson({ a: 1 })).toThrow(/must be a string/);
  });
});

describe("coercion helpers", () => {
  it("isTruthy, toInteger, toFloat, toArray", () => {
    expect(isTruthy(str("0"))).toBe(true);
    expect(isTruthy(float(0))).toBe(false);
    expect(toInteger(float(2.9))).toBe(2n);
    expect(toInteger(str("12"))).toBe(12n);
    expect(toInteger(str("1.5"))).toBeNull();
    expect(toInteger(EMPTY)).toBeNull();
    expect(toFloat(str("1.5"))).toBe(1.5);
    expect(toArray(EMPTY)).toEqual([]);
    expect(toArray(int(0))).toEqual([int(0)]);
    expect(toArray(arr([str("a")]))).toEqual([str("a")]);
  });
});

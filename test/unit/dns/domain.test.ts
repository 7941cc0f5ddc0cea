import { describe, expect, it } from "vitest";
import { dnsName, normalizeDomain, wireName } from "../../../functions/core/dns/domain";
import { DnsInputError } from "../../../functions/core/dns/errors";

const good: [string, string][] = [
  ["example.com", "example.com"],
  ["EXAMPLE.COM", "example.com"],
  ["Example.Com.", "example.com"],
  ["mx1.example.com", "mx1.example.com"],
  ["localhost", "localhost"],
  ["a-b.example", "a-b.example"],
  ["_dmarc.example.com", "_dmarc.example.com"],
  ["bücher.test", "xn--bcher-kva.test"],
  ["BÜCHER.test", "xn--bcher-kva.test"],
  ["xn--bcher-kva.test", "xn--bcher-kva.test"],
  ["例え.テスト", "xn--r8jz45g.xn--zckzah"],
  ["faß.de", "xn--fa-hia.de"],
  ["a。b.example", "a.b.example"],
  ["1.2.3.4.example", "1.2.3.4.example"],
  ["123.example", "123.example"],
  [`${"a".repeat(63)}.com`, `${"a".repeat(63)}.com`],
  [`${"a.".repeat(126)}b`, `${"a.".repeat(126)}b`],
];

const bad: [string, string][] = [
  ["", "empty"],
  ["-example.com", "label starting with a hyphen"],
  ["example-.com", "label ending with a hyphen"],
  ["mx.-a.example", "inner label starting with a hyphen"],
  [".", "root"],
  ["..", "empty label"],
  [".example.com", "leading dot"],
  ["example..com", "empty label"],
  ["example.com..", "double trailing dot"],
  ["192.0.2.1", "IPv4"],
  ["1.2.3", "IPv4 shorthand"],
  ["0x7f.1", "hex IPv4"],
  ["127.1", "short IPv4"],
  ["12345", "number"],
  ["example.0x1f", "hex tail"],
  ["[::1]", "IPv6 literal"],
  ["::1", "IPv6"],
  ["2001:db8::1", "IPv6"],
  ["example.com:25", "port"],
  ["example.com/path", "path"],
  ["example.com?x=1", "query"],
  ["example.com#frag", "fragment"],
  ["http://example.com", "scheme"],
  ["mailto:bob@example.com", "scheme-ish"],
  ["bob@example.com", "email"],
  ["user:pw@example.com", "userinfo"],
  ["exa mple.com", "space"],
  [" example.com", "leading space"],
  ["example.com\n", "newline"],
  ["exam\tple.com", "tab"],
  ["ex\u0000ample.com", "NUL"],
  ["ex%41mple.com", "percent"],
  ["back\\slash.com", "backslash"],
  ["a!b.com", "bang"],
  ["a*b.com", "star"],
  ["a$b.com", "dollar"],
  [`${"a".repeat(64)}.com`, "long label"],
  [`${"a.".repeat(127)}bc`, "long name"],
  ["xn--zz.com", "bad punycode"],
  ["⒈.com", "disallowed IDNA"],
  ["a。。b", "empty label after mapping"],
  ["x".repeat(2000), "huge input"],
  ["example.com\\.", "escaped dot"],
];

describe("normalizeDomain", () => {
  it.each(good)("accepts %j as %j", (input, out) => {
    expect(normalizeDomain(input)).toBe(out);
  });

  it.each(bad)("rejects %j (%s) with invalid_domain", (input) => {
    let err: unknown;
    try {
      normalizeDomain(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DnsInputError);
    expect((err as DnsInputError).code).toBe("invalid_domain");
    expect((err as DnsInputError).message).toMatch(/found .*expected/);
  });

  it("is idempotent on its output", () => {
    for (const [, out] of good) expect(normalizeDomain(out)).toBe(out);
  });
});

describe("dnsName", () => {
  it("lower-cases, strips the trailing dot and keeps the root", () => {
    expect(dnsName("MX1.Example.COM.")).toBe("mx1.example.com");
    expect(dnsName(".")).toBe(".");
    expect(dnsName("")).toBe(".");
  });
});

describe("wireName", () => {
  it.each([
    ["foo:bar/baz.Example.COM.", "foo:bar/baz.example.com"],
    [
      "macro%percent  space%20url-space.example.com",
      "macro%percent  space%20url-space.example.com",
    ],
    ["OEMCOMPUTER", "oemcomputer"],
    [`${"a".repeat(63)}.example`, `${"a".repeat(63)}.example`],
  ])("keeps %j as DNS allows it: %j", (input, out) => {
    expect(wireName(input)).toBe(out);
  });

  it.each([
    ["", "empty"],
    [".", "the root"],
    ["a..example", "an empty label"],
    [`${"a".repeat(64)}.example`, "a 64-character label"],
    [`${"a.".repeat(127)}ab`, "256 characters"],
    ["tab\there.example", "a control character"],
    ["bücher.example", "non-ASCII"],
  ])("refuses %j (%s)", (input) => {
    expect(wireName(input)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { parseIp } from "../../../functions/core/ip";
import {
  expandDomain,
  expandText,
  type MacroValues,
  parseMacroString,
} from "../../../functions/core/spf/macro";

function values(ip: string, over: Partial<MacroValues> = {}): MacroValues {
  const parsed = parseIp(ip);
  if (!parsed) throw new Error(ip);
  return {
    local: "strong-bad",
    senderDomain: "email.example.com",
    domain: "email.example.com",
    ip: parsed,
    helo: "mx.example.org",
    now: () => 1_700_000_000.9,
    ...over,
  };
}

function expand(spec: string, v: MacroValues): string {
  const parsed = parseMacroString(spec, true);
  if ("message" in parsed) throw new Error(parsed.message);
  return expandText(parsed.parts, v);
}

describe("macro expansion: the examples of RFC 7208 §7.4", () => {
  // <sender> strong-bad@email.example.com, <ip> 192.0.2.3 (and 2001:db8::cb01 below).
  it.each([
    ["%{s}", "strong-bad@email.example.com"],
    ["%{o}", "email.example.com"],
    ["%{d}", "email.example.com"],
    ["%{d4}", "email.example.com"],
    ["%{d3}", "email.example.com"],
    ["%{d2}", "example.com"],
    ["%{d1}", "com"],
    ["%{dr}", "com.example.email"],
    ["%{d2r}", "example.email"],
    ["%{l}", "strong-bad"],
    ["%{l-}", "strong.bad"],
    ["%{lr}", "strong-bad"],
    ["%{lr-}", "bad.strong"],
    ["%{l1r-}", "strong"],
    ["%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com"],
    ["%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"],
    ["%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"],
    ["%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com"],
    ["%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net"],
  ])("%s → %s", (spec, out) => {
    expect(expand(spec, values("192.0.2.3"))).toBe(out);
  });

  it("IPv6: %{ir}.%{v}._spf.%{d2} gives the nibbles, upper case as §7.4 shows them", () => {
    expect(expand("%{ir}.%{v}._spf.%{d2}", values("2001:db8::cb01"))).toBe(
      "1.0.B.C.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6._spf.example.com",
    );
  });

  it("c, h, t, r, p and the escapes %% %_ %-", () => {
    const v = values("2001:DB8::CB01", { validated: "mx.example.com" });
    expect(expand("%{c} %{h} %{t} %{r} %{p}", v)).toBe(
      "2001:db8::cb01 mx.example.org 1700000000 unknown mx.example.com",
    );
    expect(expand("100%% %_%-", v)).toBe("100%  %20");
    expect(expand("%{p}", values("192.0.2.3"))).toBe("unknown");
  });

  it("an upper-case letter URL-escapes everything outside unreserved (§7.3)", () => {
    const v = values("192.0.2.3", { local: "~jack&jill=up-a_b3.c é" });
    expect(expand("%{L}", v)).toBe("~jack%26jill%3Dup-a_b3.c%20%C3%A9");
  });
});

describe("parseMacroString", () => {
  it.each([
    ["%", '"%" must be followed'],
    ["a%b", '"%" must be followed'],
    ["%{d", "without a closing"],
    ["%{x}", "not a macro letter"],
    ["%{d0}", "zero parts"],
    ["%{d2x}", "is not a macro"],
    ["a b", "U+0020"],
    ["a\u0000", "U+0000"],
  ])("rejects %j in a domain-spec (%s)", (text, why) => {
    const r = parseMacroString(text, false);
    expect("message" in r ? r.message : "").toContain(why);
  });

  it("allows c, r, t and spaces only in explanation text (§7.1/8, §6.2)", () => {
    expect(parseMacroString("%{c}", false)).toHaveProperty("message");
    expect(parseMacroString("from %{c} at %{t}", true)).toHaveProperty("parts");
  });

  it("says where the error is", () => {
    expect(parseMacroString("ok.%{q}.x", false)).toMatchObject({ offset: 3 });
  });

  it("knows whether the string ends in a macro-expand (§7.1 domain-end)", () => {
    expect(parseMacroString("_spf.%{d2}", false)).toMatchObject({ endsWithExpand: true });
    expect(parseMacroString("a.%%", false)).toMatchObject({ endsWithExpand: true });
    expect(parseMacroString("%{d}.com", false)).toMatchObject({ endsWithExpand: false });
  });
});

describe("expandDomain", () => {
  it("drops a trailing dot and, past 253 characters, labels from the left (§7.3)", () => {
    const parsed = parseMacroString(
      "foobar.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.example.com.",
      false,
    );
    if ("message" in parsed) throw new Error(parsed.message);
    const out = expandDomain(
      parsed.parts,
      values("192.0.2.3", { senderDomain: "somewhat.long.exp.example.com" }),
    );
    expect(out).toBe(`${"somewhat.long.exp.example.com.".repeat(8)}example.com`);
    expect(out.length).toBeLessThanOrEqual(253);
  });

  it("costs no more than the 253 characters it yields for a record of many macros", () => {
    const parsed = parseMacroString(`${"%{s}".repeat(1000)}.example.com`, false);
    if ("message" in parsed) throw new Error(parsed.message);
    const out = expandDomain(parsed.parts, values("192.0.2.3", { local: "x".repeat(60) }));
    expect(out.length).toBeLessThanOrEqual(253);
    expect(out.endsWith(".example.com")).toBe(true);
  });
});

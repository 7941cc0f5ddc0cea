/** `mentions`: which variables an expression reads and which functions it calls. */
import { describe, expect, it } from "vitest";
import { ALL_VARIABLES } from "../../../functions/core/expr/catalog";
import { mentions, parseExpression } from "../../../functions/core/expr/parser";

const tokens = { variables: ALL_VARIABLES, constants: new Map() };
const parse = (s: string) => parseExpression(s, tokens);

describe("mentions", () => {
  it("finds variables anywhere in the expression, not other identifiers or strings", () => {
    const e = parse("retry_num > 1 && ends_with(mx, '.test') || 'mx' == rcpt");
    expect(mentions(e, "var", "mx")).toBe(true);
    expect(mentions(e, "var", "retry_num")).toBe(true);
    expect(mentions(e, "var", "rcpt")).toBe(true);
    expect(mentions(e, "var", "sender")).toBe(false);
    expect(mentions(e, "fn", "ends_with")).toBe(true);
    expect(mentions(e, "fn", "mx")).toBe(false);
    expect(mentions(e, "var", "ends_with")).toBe(false);
  });

  it("finds calls nested in arguments and arrays", () => {
    const e = parse("[1, len(dns_query(rcpt_domain, 'mx'))]");
    expect(mentions(e, "fn", "dns_query")).toBe(true);
    expect(mentions(e, "fn", "len")).toBe(true);
    expect(mentions(e, "var", "rcpt_domain")).toBe(true);
  });

  it("a constant mentions nothing", () => {
    expect(mentions(parse("'192.0.2.1'"), "var", "mx")).toBe(false);
    expect(mentions(parse("42"), "fn", "dns_query")).toBe(false);
  });
});

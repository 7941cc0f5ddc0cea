import { describe, expect, it } from "vitest";
import type { Answer, LookupResult } from "../../../functions/core/dns/types";
import { CoreError, CoreErrorCode } from "../../../functions/core/errors";
import { COST } from "../../../functions/core/expr/cost";
import { evaluate, evaluateAsync, newEvalState } from "../../../functions/core/expr/evaluator";
import { valueToJson } from "../../../functions/core/expr/format";
import { parseExpression } from "../../../functions/core/expr/parser";
import { PendingDns } from "../../../functions/core/expr/types";
import { LIMITS } from "../../../functions/core/limits";
import { Meter } from "../../../functions/core/meter";
import { ALL, json, makeEnv } from "./helpers";

const S = (value: string) => ({ type: "string", value });
const I = (value: number) => ({ type: "integer", value });
const SA = (...v: string[]) => ({ type: "array", value: v.map(S) });
const ok = (answers: readonly Answer[]): LookupResult => ({ status: "ok", answers });
const NX: LookupResult = { status: "not_found", rcode: "NXDOMAIN" };
const FAIL: LookupResult = { status: "error", message: "SERVFAIL" };
const MX_B: Answer = { type: "MX", preference: 10, exchange: "mx.b.test." };

function evalError(source: string, env: ReturnType<typeof makeEnv>): CoreError {
  try {
    evaluate(parseExpression(source, ALL), env);
  } catch (e) {
    if (e instanceof CoreError) return e;
    throw e;
  }
  throw new Error(`${source} did not fail`);
}

function dnsEnv(records: Record<string, LookupResult>) {
  const env = makeEnv();
  for (const [k, v] of Object.entries(records)) env.dns.set(k, v);
  return env;
}

describe("§4 dns_query(name, type)", () => {
  it("throws PendingDns for an answer not resolved yet", () => {
    const expr = parseExpression("dns_query('Example.com.', 'MX')", ALL);
    expect(() => evaluate(expr, makeEnv())).toThrow(PendingDns);
    try {
      evaluate(expr, makeEnv());
    } catch (e) {
      expect(e).toEqual(new PendingDns("example.com", "MX"));
    }
  });
  it("mx: exchanges without the trailing dot, in preference order", () => {
    const env = dnsEnv({
      "MX example.com": ok([
        { type: "MX", preference: 20, exchange: "b.example.com." },
        { type: "MX", preference: 10, exchange: "A.example.com." },
        { type: "MX", preference: 20, exchange: "c.example.com." },
      ]),
    });
    expect(json("dns_query('example.com', 'mx')", env)).toEqual(
      SA("a.example.com", "b.example.com", "c.example.com"),
    );
  });
  it("ip: the A answers when the A lookup succeeds, never AAAA too; at most 10, printed as Rust does", () => {
    const a = Array.from({ length: 12 }, (_, i) => ({
      type: "A" as const,
      address: `192.0.2.${i}`,
    }));
    const env = dnsEnv({
      "A h.test": ok(a),
      "AAAA h.test": ok([{ type: "AAAA", address: "2001:db8::1" }]),
    });
    const r = json("dns_query('h.test', 'ip')", env) as { value: { value: string }[] };
    expect(r.value).toHaveLength(10);
    expect(r.value.every((v) => v.value.startsWith("192.0.2."))).toBe(true);
    const v6 = dnsEnv({
      "A h.test": NX,
      "AAAA h.test": ok([{ type: "AAAA", address: "2001:DB8:0:0:0:0:0:1" }]),
    });
    expect(json("dns_query('h.test', 'ip')", v6)).toEqual(SA("2001:db8::1"));
  });
  it("ip: AAAA only when the A lookup fails; both failing is an evaluation error", () => {
    const aaaa = ok([{ type: "AAAA", address: "::1" }]);
    expect(json("dns_query('h', 'ip')", dnsEnv({ "A h": FAIL, "AAAA h": aaaa }))).toEqual(
      SA("::1"),
    );
    // mail-auth's ip_lookup(Ipv4thenIpv6): the AAAA lookup's error is the one returned.
    const err = evalError("dns_query('h', 'ip')", dnsEnv({ "A h": NX, "AAAA h": FAIL }));
    expect(err.code).toBe(CoreErrorCode.ExprEval);
    expect(err.message).toContain("AAAA");
    expect(err.message).toContain("SERVFAIL");
  });
  it("a lookup that fails, NXDOMAIN included, is an evaluation error (Stalwart's `?`), never ''", () => {
    const env = dnsEnv({ "MX gone.test": NX, "TXT t": FAIL, "A v": NX, "AAAA v": NX });
    for (const expr of [
      "dns_query('gone.test', 'mx')",
      "dns_query('t', 'txt')",
      "dns_query('v', 'ipv4')",
      "dns_query('v', 'ipv6')",
      "dns_query('not-an-ip', 'ptr')",
    ]) {
      expect(evalError(expr, env).code).toBe(CoreErrorCode.ExprEval);
    }
  });
  it("txt, ptr, ipv4, ipv6, unknown type", () => {
    const env = dnsEnv({
      "TXT t": ok([
        { type: "TXT", text: "v=spf1 " },
        { type: "TXT", text: "-all" },
      ]),
      "PTR 1.2.0.192.in-addr.arpa": ok([{ type: "PTR", name: "mx.example.org." }]),
      "A v": ok([{ type: "A", address: "192.0.2.9" }]),
      "AAAA v": ok([{ type: "AAAA", address: "2001:db8::9" }]),
    });
    expect(json("dns_query('t', 'TXT')", env)).toEqual(S("v=spf1 -all"));
    expect(json("dns_query('192.0.2.1', 'ptr')", env)).toEqual(SA("mx.example.org."));
    expect(json("dns_query('v', 'ipv4')", env)).toEqual(SA("192.0.2.9"));
    expect(json("dns_query('v', 'ipv6')", env)).toEqual(SA("2001:db8::9"));
    expect(json("dns_query('v', 'srv')", env)).toEqual(S(""));
  });
});

describe("evaluateAsync resolves each pending lookup and evaluates again", () => {
  it("fills the cache through resolve()", async () => {
    const env = makeEnv();
    const asked: string[] = [];
    const expr = parseExpression(
      "count(dns_query('a.test', 'ip')) + count(dns_query('b.test', 'mx'))",
      ALL,
    );
    const v = await evaluateAsync(expr, env, async (name, type) => {
      asked.push(`${type} ${name}`);
      env.dns.set(
        `${type} ${name}`,
        type === "A" ? NX : ok([{ type: "AAAA", address: "::1" }, MX_B, MX_B]),
      );
    });
    expect(valueToJson(v)).toEqual(I(3));
    expect(asked).toEqual(["A a.test", "AAAA a.test", "MX b.test"]);
  });
  it("keeps the captures given on entry", async () => {
    const state = newEvalState();
    state.captures = ["all", "one"];
    const env = makeEnv();
    const expr = parseExpression("$1 + dns_query('x', 'txt')", ALL);
    const v = await evaluateAsync(
      expr,
      env,
      async (n, t) => void env.dns.set(`${t} ${n}`, ok([{ type: "TXT", text: "" }])),
      state,
    );
    expect(valueToJson(v)).toEqual(S("one"));
  });
  it("gives up after LIMITS.dohQueries lookups", async () => {
    const expr = parseExpression("dns_query('x', 'txt')", ALL);
    const err = await evaluateAsync(expr, makeEnv(), async () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe(CoreErrorCode.ExprLimit);
    expect(LIMITS.dohQueries).toBe(30);
  });
});

describe("§4 functions that need the server", () => {
  it("is_local_domain answers from the user's list", () => {
    expect(json("is_local_domain('*', 'local.test')")).toEqual(I(1));
    expect(json("is_local_domain('*', 'other.test')")).toEqual(I(0));
  });
  it.each([
    ["key_get('s', 'k')", S("")],
    ["key_exists('s', 'k')", I(0)],
    ["key_set('s', 'k', 'v')", I(0)],
    ["counter_incr('s', 'k', 1)", S("")],
    ["counter_get('s', 'k')", I(0)],
    ["sql_query('s', 'SELECT 1', [])", S("")],
    ["is_local_address('*', 'a@b')", I(0)],
  ])("%s says the playground has no store", (src, expected) => {
    const env = makeEnv();
    expect(json(src, env)).toEqual(expected);
    expect(env.notes).toHaveLength(1);
    expect(env.notes[0]).toMatch(
      /^store_unavailable: \w+\(\) needs a store; the playground has none, so it returned /,
    );
  });
});

describe("if-block captures: one state shared between the condition and its then", () => {
  it("a then reads the captures of its if", () => {
    const env = makeEnv({ rcpt: { kind: "string", value: "x@example.org" } });
    const state = newEvalState();
    evaluate(parseExpression("matches('@(.+)$', rcpt)", ALL), env, state);
    expect(valueToJson(evaluate(parseExpression("$1", ALL), env, state))).toEqual(S("example.org"));
  });
  it("charges the state's meter when the environment brings none", () => {
    const state = newEvalState(new Meter(COST.item));
    expect(() => evaluate(parseExpression("1 + 1", ALL), makeEnv(), state)).toThrow(
      expect.objectContaining({ code: CoreErrorCode.CostLimit }),
    );
    expect(state.meter.used).toBe(2 * COST.item);
  });
});

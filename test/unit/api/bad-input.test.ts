/**
 * The bad-input battery, through the real app in-process (`app.request()`; none of it
 * needs DNS): every refusal is a coded error in the one envelope, with the right status,
 * and line/column where the problem has a place. Never a 5xx. The workerd layer
 * (test/workers/security/bad-input.test.ts) repeats what depends on the runtime.
 */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../../functions/core/limits";
import { app } from "../../support/api";

interface ErrorEnvelope {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly line?: number;
    readonly column?: number;
    readonly field?: string;
  };
}

const call = async (path: string, init: RequestInit = {}): Promise<Response> =>
  app.request(path, init, {});
const postJson = (path: string, body: unknown): Promise<Response> =>
  call(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

interface Case {
  readonly name: string;
  readonly req: () => Promise<Response>;
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly line?: number;
  readonly column?: number;
}

const ctx = (domain: string, extra: Record<string, unknown> = {}) => ({
  context: { domain, ...extra },
  resolver: "none",
});
const evalBody = (body: unknown) => postJson("/api/evaluate", body);
const domainCase = (name: string, domain: string): Case => ({
  name: `hostile domain: ${name}`,
  req: () => evalBody(ctx(domain)),
  status: 400,
  code: "invalid_domain",
  field: "context.domain",
});
const expr = (expression: string, extra: Record<string, unknown> = {}) =>
  postJson("/api/expression", { expression, ...extra });
const cfg = (config: string) => evalBody({ config, ...ctx("example.com") });

const CASES: Case[] = [
  // Transport and media type.
  { name: "not JSON", req: () => evalBody("{ nope"), status: 400, code: "invalid_json" },
  { name: "empty body", req: () => evalBody(""), status: 400, code: "invalid_json" },
  {
    name: "invalid UTF-8",
    req: () =>
      call("/api/evaluate", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      }),
    status: 400,
    code: "invalid_json",
  },
  { name: "JSON array body", req: () => evalBody([]), status: 400, code: "invalid_field" },
  { name: "JSON null body", req: () => evalBody("null"), status: 400, code: "invalid_field" },
  {
    name: "text/plain",
    req: () =>
      call("/api/evaluate", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify(ctx("example.com")),
      }),
    status: 415,
    code: "unsupported_media_type",
  },
  {
    name: "form encoding",
    req: () =>
      call("/api/expression", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "expression=1",
      }),
    status: 415,
    code: "unsupported_media_type",
  },
  {
    name: "application/json-patch+json",
    req: () =>
      call("/api/evaluate", {
        method: "POST",
        headers: { "content-type": "application/json-patch+json" },
        body: "{}",
      }),
    status: 415,
    code: "unsupported_media_type",
  },
  {
    name: "body over the limit",
    req: () => evalBody({ ...ctx("example.com"), config: `# ${"x".repeat(140_000)}` }),
    status: 413,
    code: "body_too_large",
  },
  {
    name: "config over 64 KiB",
    req: () => cfg(`# ${"x".repeat(LIMITS.configBytes)}`),
    status: 413,
    code: "config_too_large",
    field: "config",
  },
  {
    name: "config over 64 KiB in the expression console",
    req: () => expr("1", { config: `# ${"x".repeat(LIMITS.configBytes)}` }),
    status: 413,
    code: "config_too_large",
    field: "config",
  },
  // Strict schemas: unknown fields at every level.
  {
    name: "unknown top-level field",
    req: () => evalBody({ ...ctx("example.com"), url: "http://169.254.169.254/" }),
    status: 400,
    code: "unknown_field",
    field: "url",
  },
  {
    name: "unknown context field",
    req: () => evalBody(ctx("example.com", { evil: 1 })),
    status: 400,
    code: "unknown_field",
    field: "context.evil",
  },
  {
    name: "unknown record field",
    req: () =>
      evalBody({
        ...ctx("example.com"),
        records: [{ name: "example.com", type: "A", value: "192.0.2.1", extra: true }],
      }),
    status: 400,
    code: "unknown_field",
  },
  {
    name: "unknown expression field",
    req: () => expr("1", { dohUrl: "http://127.0.0.1/" }),
    status: 400,
    code: "unknown_field",
    field: "dohUrl",
  },
  {
    name: "unknown GET parameter",
    req: () => call("/api/evaluate?domain=example.com&resolver_url=http://10.0.0.1/"),
    status: 400,
    code: "unknown_field",
    field: "resolver_url",
  },
  // Wrong types, missing fields, ranges.
  {
    name: "missing context",
    req: () => evalBody({ config: "" }),
    status: 400,
    code: "missing_field",
    field: "context",
  },
  {
    name: "missing domain",
    req: () => evalBody({ context: {} }),
    status: 400,
    code: "missing_field",
    field: "context.domain",
  },
  {
    name: "missing domain in GET",
    req: () => call("/api/evaluate?retry_num=1"),
    status: 400,
    code: "missing_field",
    field: "context.domain",
  },
  {
    name: "domain is a number",
    req: () => evalBody({ context: { domain: 42 } }),
    status: 400,
    code: "invalid_field",
    field: "context.domain",
  },
  {
    name: "config is an object",
    req: () => evalBody({ ...ctx("example.com"), config: { a: 1 } }),
    status: 400,
    code: "invalid_field",
    field: "config",
  },
  {
    name: "retry_num is a string",
    req: () => evalBody(ctx("example.com", { retry_num: "1" })),
    status: 400,
    code: "invalid_field",
    field: "context.retry_num",
  },
  {
    name: "retry_num is fractional",
    req: () => evalBody(ctx("example.com", { retry_num: 1.5 })),
    status: 400,
    code: "invalid_field",
    field: "context.retry_num",
  },
  {
    name: "retry_num negative",
    req: () => evalBody(ctx("example.com", { retry_num: -1 })),
    status: 400,
    code: "invalid_field",
    field: "context.retry_num",
  },
  {
    name: "retry_num not a number in GET",
    req: () => call("/api/evaluate?domain=example.com&retry_num=abc"),
    status: 400,
    code: "invalid_field",
    field: "context.retry_num",
  },
  {
    name: "last_error outside Stalwart's set",
    req: () => evalBody(ctx("example.com", { last_error: "boom" })),
    status: 400,
    code: "invalid_field",
    field: "context.last_error",
  },
  {
    name: "seed out of range",
    req: () => evalBody({ ...ctx("example.com"), seed: 2 ** 32 }),
    status: 400,
    code: "invalid_field",
    field: "seed",
  },
  {
    name: "seed negative",
    req: () => evalBody({ ...ctx("example.com"), seed: -1 }),
    status: 400,
    code: "invalid_field",
    field: "seed",
  },
  {
    name: "resolver as a URL",
    req: () => evalBody({ context: { domain: "example.com" }, resolver: "https://evil.test/dns" }),
    status: 400,
    code: "invalid_field",
    field: "resolver",
  },
  {
    name: "resolver as a URL in GET",
    req: () => call("/api/evaluate?domain=example.com&resolver=http://127.0.0.1:53/"),
    status: 400,
    code: "invalid_field",
    field: "resolver",
  },
  {
    name: "resolver as a URL in the expression console",
    req: () => expr("1", { resolver: "http://169.254.169.254/" }),
    status: 400,
    code: "invalid_field",
    field: "resolver",
  },
  {
    name: "recipients over the limit",
    req: () =>
      evalBody(
        ctx("example.com", {
          recipients: Array.from({ length: LIMITS.recipients + 1 }, (_, i) => `u${i}@x.test`),
        }),
      ),
    status: 400,
    code: "invalid_field",
    field: "context.recipients",
  },
  {
    name: "records over the limit",
    req: () =>
      evalBody({
        ...ctx("example.com"),
        records: Array.from({ length: LIMITS.records + 1 }, (_, i) => ({
          name: `h${i}.example.com`,
          type: "A",
          value: "192.0.2.1",
        })),
      }),
    status: 400,
    code: "invalid_field",
    field: "records",
  },
  // Hostile domains.
  domainCase("empty", ""),
  domainCase("IPv4 literal", "192.0.2.1"),
  domainCase("IPv4 loopback", "127.0.0.1"),
  domainCase("IPv6 literal", "2001:db8::1"),
  domainCase("bracketed IPv6", "[::1]"),
  domainCase("decimal IPv4", "3221225985"),
  domainCase("hex IPv4", "0x7f000001"),
  domainCase("metadata address", "169.254.169.254"),
  domainCase("port", "example.com:25"),
  domainCase("path", "example.com/x"),
  domainCase("scheme", "http://example.com"),
  domainCase("userinfo", "user@example.com"),
  domainCase("empty label", "a..example.com"),
  domainCase("leading dot", ".example.com"),
  domainCase("long label", `${"a".repeat(64)}.com`),
  domainCase("long name", `${"a23456789.".repeat(26)}com`),
  domainCase("space", "exa mple.com"),
  domainCase("NUL", "example\u0000.com"),
  domainCase("right-to-left override", "exa\u202emple.com"),
  domainCase("percent-encoding", "example%2ecom"),
  domainCase("query string", "example.com?x=1"),
  domainCase("backslash", "example.com\\evil"),
  {
    name: "hostile local domain",
    req: () => evalBody({ ...ctx("example.com"), localDomains: ["127.0.0.1"] }),
    status: 400,
    code: "invalid_domain",
    field: "localDomains.0",
  },
  // What-if records.
  {
    name: "record: MX without a preference",
    req: () =>
      evalBody({
        ...ctx("example.com"),
        records: [{ name: "example.com", type: "MX", value: "mx" }],
      }),
    status: 400,
    code: "invalid_record",
    field: "records.0",
  },
  {
    name: "record: A that is not an address",
    req: () =>
      evalBody({
        ...ctx("example.com"),
        records: [
          { name: "ok.example.com", type: "A", value: "192.0.2.1" },
          { name: "mx.example.com", type: "A", value: "not-an-ip" },
        ],
      }),
    status: 400,
    code: "invalid_record",
    field: "records.1",
  },
  {
    name: "record: AAAA holding IPv4",
    req: () =>
      evalBody({
        ...ctx("example.com"),
        records: [{ name: "mx.example.com", type: "AAAA", value: "192.0.2.1" }],
      }),
    status: 400,
    code: "invalid_record",
    field: "records.0",
  },
  {
    name: "record: unsupported type",
    req: () =>
      evalBody({
        ...ctx("example.com"),
        records: [{ name: "example.com", type: "SRV", value: "0 0 25 mx" }],
      }),
    status: 400,
    code: "invalid_field",
  },
  {
    name: "record: unknown rcode",
    req: () =>
      evalBody({
        ...ctx("example.com"),
        records: [{ name: "example.com", type: "MX", rcode: "BOGUS" }],
      }),
    status: 400,
    code: "invalid_field",
  },
  {
    name: "record: hostile name",
    req: () =>
      evalBody({
        ...ctx("example.com"),
        records: [{ name: "http://x/", type: "A", value: "192.0.2.1" }],
      }),
    status: 400,
    code: "invalid_record",
    field: "records.0",
  },
  {
    name: "variables nested 1,000 arrays deep (stack depth of a recursive validation)",
    req: () => {
      let v: unknown = 1;
      for (let i = 0; i < 1000; i++) v = [v];
      return expr("1", { variables: { rcpt: v } });
    },
    status: 400,
    code: "invalid_field",
  },
  // TOML that cannot be read at all.
  {
    name: "TOML syntax error with line and column",
    req: () => cfg("[queue.outbound]\nip-strategy = ipv4_only\n"),
    status: 422,
    code: "toml_syntax",
    // Stalwart's parser stops at the '_' (a bare value may not hold one).
    line: 2,
    column: 19,
  },
  {
    name: "TOML unterminated string",
    req: () => cfg('\n\n[a]\nb = "abc\n'),
    status: 422,
    code: "toml_syntax",
    // A string may span lines for Stalwart: it ends at the end of the text, line 5.
    line: 5,
  },
  {
    name: "TOML duplicate key",
    req: () => cfg("[a]\nb = 1\nb = 2\n"),
    status: 422,
    code: "toml_syntax",
    line: 3,
  },
  {
    name: "config over the key limit",
    req: () => cfg(Array.from({ length: LIMITS.configKeys + 1 }, (_, i) => `k${i} = 1`).join("\n")),
    status: 422,
    code: "config_limit",
  },
  // Expressions.
  {
    name: "expression syntax error with column",
    req: () => expr("retry_num > 'abc"),
    status: 422,
    code: "expr_syntax",
    column: 13,
  },
  {
    name: "expression variable not allowed for the key",
    req: () => expr("rcpt_domain == 'x'", { key: "queue.outbound.ip-strategy" }),
    status: 422,
    code: "expr_syntax",
    column: 1,
  },
  {
    name: "expression unknown key",
    req: () => expr("1", { key: "queue.outbound.nope" }),
    status: 400,
    code: "invalid_key",
    field: "key",
  },
  {
    name: "expression too long",
    req: () => expr("1".padEnd(LIMITS.exprLength + 1, " ")),
    status: 422,
    code: "expr_limit",
  },
  {
    name: "expression too deep",
    req: () => expr(`${"(".repeat(LIMITS.exprDepth + 1)}1${")".repeat(LIMITS.exprDepth + 1)}`),
    status: 422,
    code: "expr_limit",
    column: LIMITS.exprDepth + 1,
  },
  {
    name: "array literal too large",
    req: () => expr(`[${"1,".repeat(LIMITS.arraySize + 1)}1]`),
    status: 422,
    code: "expr_limit",
  },
  {
    name: "array built too large",
    req: () => expr("split(rcpt, ',')", { variables: { rcpt: ",".repeat(LIMITS.arraySize + 5) } }),
    status: 422,
    code: "expr_limit",
  },
  {
    name: "cost limit reached by a regex over a long subject",
    req: () =>
      expr(`matches('(a|a)*b', ${Array(15).fill("rcpt").join(" + ")})`, {
        variables: { rcpt: "a".repeat(4096) },
      }),
    status: 422,
    code: "cost_limit",
  },
  {
    name: "huge regex",
    req: () => expr(`matches('${"a".repeat(LIMITS.regexLength + 1)}', rcpt)`),
    status: 422,
    code: "expr_limit",
    column: 9,
  },
  {
    name: "regex that expands too far",
    req: () => expr("matches('(a{999}){999}', rcpt)"),
    status: 422,
    code: "expr_limit",
    column: 9,
  },
  {
    name: "regex with a backreference",
    req: () => expr("matches('(a)\\1', rcpt)"),
    status: 422,
    code: "expr_syntax",
    column: 9,
  },
  {
    name: "variable of the wrong kind",
    req: () => postJson("/api/expression", { expression: "x", variables: { x: { a: 1 } } }),
    status: 400,
    code: "invalid_field",
  },
  {
    name: "variable array too large",
    req: () =>
      postJson("/api/expression", {
        expression: "x",
        variables: { x: Array.from({ length: LIMITS.arraySize + 1 }, () => 1) },
      }),
    status: 400,
    code: "invalid_field",
  },
  // Routes and methods.
  { name: "unknown route", req: () => call("/api/nope"), status: 404, code: "not_found" },
  {
    name: "PUT evaluate",
    req: () => call("/api/evaluate", { method: "PUT", body: "{}" }),
    status: 405,
    code: "method_not_allowed",
  },
  {
    name: "DELETE expression",
    req: () => call("/api/expression", { method: "DELETE" }),
    status: 405,
    code: "method_not_allowed",
  },
  {
    name: "GET expression",
    req: () => call("/api/expression"),
    status: 405,
    code: "method_not_allowed",
  },
  {
    name: "POST health",
    req: () => call("/api/health", { method: "POST" }),
    status: 405,
    code: "method_not_allowed",
  },
];

describe("bad-input battery", () => {
  it("has at least 40 kinds", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const res = await c.req();
    const text = await res.text();
    expect(res.headers.get("content-type") ?? "").toMatch(/^application\/json/);
    const body = JSON.parse(text) as ErrorEnvelope;
    expect({ status: res.status, code: body.error?.code }).toEqual({
      status: c.status,
      code: c.code,
    });
    expect(typeof body.error.message).toBe("string");
    expect(body.error.message.length).toBeGreaterThan(10);
    if (c.field !== undefined) expect(body.error.field).toBe(c.field);
    if (c.line !== undefined) expect(body.error.line).toBe(c.line);
    if (c.column !== undefined) expect(body.error.column).toBe(c.column);
    if (c.status === 422 && c.code === "toml_syntax") expect(body.error.line).toBeTypeOf("number");
  });
});

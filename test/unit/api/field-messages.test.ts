/**
 * `invalid_field` messages name the field, say what was expected in words (bounds
 * included, read from the schema) and what was found, in the JSON and the query form
 * alike; never zod's internal type names ("expected int, received number").
 */
import { describe, expect, it } from "vitest";
import { app, post } from "../../support/api";

interface Refusal {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

const refusal = async (res: Response | Promise<Response>): Promise<Refusal> => {
  const r = await res;
  expect(r.status).toBe(400);
  return ((await r.json()) as { error: Refusal }).error;
};
const postContext = (context: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  refusal(post("/api/evaluate", { context: { domain: "example.com", ...context }, ...extra }));
const getQuery = (query: string) =>
  refusal(app.request(`/api/evaluate?domain=example.com&resolver=none&${query}`, {}, {}));

const ZOD_WORDS = /expected (int|number|string)\b|, received |Too (big|small)|Invalid input/;

function expectField(e: Refusal, field: string, ...parts: string[]): void {
  expect(e.code).toBe("invalid_field");
  expect(e.field).toBe(field);
  expect(e.message).toContain(`"${field}"`);
  for (const part of parts) expect(e.message).toContain(part);
  expect(e.message).not.toMatch(ZOD_WORDS);
}

const RETRY = "expected a whole number from 0 to 1,000,000";

describe("whole numbers and their ranges", () => {
  it("a fraction in JSON", async () => {
    expectField(await postContext({ retry_num: 2.5 }), "context.retry_num", `${RETRY}; found 2.5`);
  });

  it("a fraction in the query string reads as in JSON", async () => {
    expectField(await getQuery("retry_num=2.5"), "context.retry_num", `${RETRY}; found 2.5`);
  });

  it("below and above the range say both bounds", async () => {
    expectField(await postContext({ retry_num: -1 }), "context.retry_num", `${RETRY}; found -1`);
    expectField(
      await getQuery("retry_num=2000000"),
      "context.retry_num",
      `${RETRY}; found 2000000`,
    );
    expectField(
      await postContext({ received_via_port: 70000 }),
      "context.received_via_port",
      "expected a whole number from 0 to 65,535; found 70000",
    );
  });

  it("not a number at all", async () => {
    expectField(await getQuery("retry_num=abc"), "context.retry_num", `${RETRY}; found "abc"`);
    expectField(await postContext({ retry_num: "1" }), "context.retry_num", `${RETRY}; found "1"`);
  });
});

describe("lengths and allowed values", () => {
  it("a string too long", async () => {
    expectField(
      await postContext({ sender: "s".repeat(2000) }),
      "context.sender",
      "expected a string of at most 1,024 characters; found a string of 2,000 characters",
    );
  });

  it("an array too long", async () => {
    expectField(
      await postContext({ recipients: Array(101).fill("a@example.com") }),
      "context.recipients",
      "expected an array of at most 100 elements; found an array of 101 elements",
    );
  });

  it("a value not among the allowed ones, with a union's values merged", async () => {
    expectField(
      await postContext({}, { resolver: "x" }),
      "resolver",
      'expected one of "default", "cloudflare", "google", "quad9" or "none"; found "x"',
    );
    expectField(
      await postContext({ last_error: "bogus" }),
      "context.last_error",
      '"concurrency", "io" or ""; found "bogus"',
    );
  });
});

describe("what-if records", () => {
  const records = (record: Record<string, unknown>) =>
    refusal(post("/api/evaluate", { context: { domain: "example.com" }, records: [record] }));

  it("a bad field of a record is named, with what it may be", async () => {
    const e = await records({ name: "x.example", type: "SRV", value: "1" });
    expectField(e, "records.0.type", 'one of "MX", "A"', 'found "SRV"');
  });

  it("neither or both of value and rcode: the record says it needs exactly one", async () => {
    for (const r of [
      { name: "x.example", type: "A" },
      { name: "x.example", type: "A", value: "192.0.2.1", rcode: "NXDOMAIN" },
    ]) {
      expectField(await records(r), "records.0", 'exactly one of "value"');
    }
  });
});

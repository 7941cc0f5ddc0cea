/**
 * The bad-input battery's runtime layer, inside workerd: what depends on the platform's
 * request handling (bodies streamed without a length, invalid UTF-8 bytes on the wire,
 * methods and paths). The full battery runs in-process (test/unit/api/bad-input.test.ts).
 */
import { describe, expect, it } from "vitest";
import { call, type ErrorEnvelope, postJson } from "../api/helpers";

const ctx = { context: { domain: "example.com" }, resolver: "none" };

async function refusal(res: Response): Promise<{ status: number; code: string | undefined }> {
  expect(res.headers.get("content-type") ?? "").toMatch(/^application\/json/);
  const body = (await res.json()) as ErrorEnvelope;
  return { status: res.status, code: body.error?.code };
}

/** A body streamed in chunks: no content-length reaches the Worker. */
function streamed(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + 16_384));
      at += 16_384;
    },
  });
}

describe("bad input inside workerd", () => {
  it("refuses invalid UTF-8 as invalid_json", async () => {
    const res = await call("/api/evaluate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    });
    expect(await refusal(res)).toEqual({ status: 400, code: "invalid_json" });
  });

  it("refuses a body over the limit, declared or streamed", async () => {
    const big = JSON.stringify({ ...ctx, config: `# ${"x".repeat(140_000)}` });
    expect(await refusal(await postJson("/api/evaluate", big))).toEqual({
      status: 413,
      code: "body_too_large",
    });
    const res = await call("/api/evaluate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: streamed(new TextEncoder().encode(big)),
    });
    expect(await refusal(res)).toEqual({ status: 413, code: "body_too_large" });
  });

  it("refuses variables nested 1,000 deep before validating them (no stack overflow)", async () => {
    let v: unknown = 1;
    for (let i = 0; i < 1000; i++) v = [v];
    const res = await postJson("/api/expression", { expression: "1", variables: { rcpt: v } });
    expect(await refusal(res)).toEqual({ status: 400, code: "invalid_field" });
  });

  it("answers 405 with Allow, and /API in any case with the envelope", async () => {
    const res = await call("/api/health", { method: "POST" });
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(await refusal(res)).toEqual({ status: 405, code: "method_not_allowed" });
    expect(await refusal(await call("/API/nothing"))).toEqual({ status: 404, code: "not_found" });
    expect(await refusal(await call("/api"))).toEqual({ status: 404, code: "not_found" });
    const upper = await postJson("/API/evaluate", ctx);
    expect(upper.status).toBe(200);
  });
});

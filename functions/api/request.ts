/**
 * Turning an untrusted request into a validated value, or a coded 4xx.
 * Order of checks: media type (415), size (413), JSON syntax (400), schema (400).
 */
import type { Context } from "hono";
import type { z } from "zod";
import { LIMITS } from "../core/limits";
import { ApiErrorCode, apiError } from "./errors";

/** Largest accepted body: a 64 KiB config plus its JSON escaping and the context. */
export const MAX_BODY_BYTES = 2 * LIMITS.configBytes;

export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw apiError(
      415,
      ApiErrorCode.UnsupportedMediaType,
      `Expected content-type application/json, found ${JSON.stringify(type || "none")}.`,
    );
  }
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge(declared);
  const body = c.req.raw.body;
  if (!body)
    throw apiError(400, ApiErrorCode.InvalidJson, "Expected a JSON body, found an empty request.");
  // Stream with a cap: content-length can be absent or wrong (chunked uploads).
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge(size);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const ch of chunks) {
    bytes.set(ch, at);
    at += ch.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw apiError(
      400,
      ApiErrorCode.InvalidJson,
      "Expected a UTF-8 JSON body, found invalid UTF-8.",
    );
  }
  if (text.trim() === "")
    throw apiError(400, ApiErrorCode.InvalidJson, "Expected a JSON body, found an empty request.");
  try {
    return JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : "syntax error";
    throw apiError(400, ApiErrorCode.InvalidJson, `The body is not valid JSON: ${detail}.`);
  }
}

function tooLarge(size: number) {
  return apiError(
    413,
    ApiErrorCode.BodyTooLarge,
    `The body is ${size} bytes; at most ${MAX_BODY_BYTES} bytes are accepted.`,
  );
}

/** Validate with zod and map the first issue to a coded 400. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue ? issue.path.map(String).join(".") : "";
  if (!issue) throw apiError(400, ApiErrorCode.InvalidField, "The request is invalid.");
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k));
    return fail(
      ApiErrorCode.UnknownField,
      `Unknown field ${keys.map((k) => JSON.stringify(k)).join(", ")}: not part of the API.`,
      keys[0] ?? path,
    );
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return fail(
      ApiErrorCode.MissingField,
      `Missing required field ${JSON.stringify(path)} (expected ${issue.expected}).`,
      path,
    );
  }
  const found = describe(issue.input);
  return fail(
    ApiErrorCode.InvalidField,
    `Invalid field ${JSON.stringify(path || "(body)")}: ${issue.message}; found ${found}.`,
    path,
  );
}

function fail(code: ApiErrorCode, message: string, field: string): never {
  throw apiError(400, code, message, field ? { field } : {});
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "string")
    return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  if (typeof v === "object") return "an object";
  return `${typeof v} ${String(v)}`;
}

/**
 * Turning an untrusted request into a validated value, or a coded 4xx.
 * Order of checks: media type (415), size (413), JSON syntax (400), schema (400).
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type * as z from "zod/mini";
import { LIMITS } from "../core/limits";
import { ENGLISH } from "../core/zod-english";
import { ApiError, ApiErrorCode, apiError } from "./errors";

/** Largest accepted body: a 64 KiB config plus its JSON escaping and the context. */
export const MAX_BODY_BYTES = 2 * LIMITS.configBytes;

/** 415 unless the body is declared JSON (checked before the body is read at all). */
const requireJson: MiddlewareHandler = async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw apiError(
      415,
      ApiErrorCode.UnsupportedMediaType,
      `Expected content-type application/json, found ${JSON.stringify(type || "none")}.`,
    );
  }
  await next();
};

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => {
    const declared = c.req.header("content-length");
    throw apiError(
      413,
      ApiErrorCode.BodyTooLarge,
      `The body is ${declared ? `${declared} bytes` : "larger than that"}; at most ${MAX_BODY_BYTES} bytes are accepted.`,
    );
  },
});

/**
 * A body that stops arriving (the client went away mid-upload) is a coded 400, not an
 * unhandled error: the answer reaches no one, and nothing went wrong on our side.
 */
function incompleteBody(): ApiError {
  return apiError(
    400,
    ApiErrorCode.BodyIncomplete,
    "The request body ended before it was complete (did the client disconnect?).",
  );
}

/** The size cap, with a failed read of the body (before the handler runs) an `incompleteBody`. */
const capBody: MiddlewareHandler = async (c, next) => {
  let handled = false;
  try {
    await limitBody(c, async () => {
      handled = true;
      await next();
    });
  } catch (e) {
    if (handled || e instanceof ApiError) throw e;
    throw incompleteBody();
  }
};

/**
 * What a JSON POST route runs before its handler: the media type (415), then the size
 * (413), by content-length when given, else counted while the body streams in.
 */
export const jsonBody = [requireJson, capBody] as const;

/** The body as JSON (after `jsonBody`): 400 for invalid UTF-8, an empty body or bad JSON. */
export async function readJsonBody(c: Context): Promise<unknown> {
  let bytes: ArrayBuffer;
  try {
    bytes = await c.req.arrayBuffer();
  } catch {
    throw incompleteBody();
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

/**
 * How deeply `value` nests arrays and objects, counted without recursion and no further
 * than `max + 1`: the schemas are recursive (`variables`), and a body of a few KB can nest
 * deep enough to overflow the stack of any recursive walk.
 */
export function nestingDepth(value: unknown, max: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [v, depth] = top;
    if (typeof v !== "object" || v === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > max) return deepest;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Validate with zod and map the first issue to a coded 400. */
export function parseWith<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  if (nestingDepth(input, LIMITS.requestDepth) > LIMITS.requestDepth) {
    return fail(
      ApiErrorCode.InvalidField,
      `The request nests arrays and objects more than ${LIMITS.requestDepth} deep.`,
      "",
    );
  }
  const result = schema.safeParse(input, { reportInput: true, ...ENGLISH });
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
  // The message says what was expected and what was found (zod-english.ts).
  return fail(
    ApiErrorCode.InvalidField,
    `Invalid field ${JSON.stringify(path || "(body)")}: ${issue.message}.`,
    path,
  );
}

function fail(code: ApiErrorCode, message: string, field: string): never {
  throw apiError(400, code, message, field ? { field } : {});
}

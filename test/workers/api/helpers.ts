/**
 * Requests to the real Worker inside workerd (`exports.default.fetch`), whose resolver
 * "default" is the counting DoH proxy of the test harness (vitest.config.ts bindings).
 */
import { exports } from "cloudflare:workers";

export const BASE = "https://playground.test";

export interface ErrorEnvelope {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly line?: number;
    readonly column?: number;
    readonly key?: string;
    readonly field?: string;
  };
}

export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

export function postJson(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return call(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

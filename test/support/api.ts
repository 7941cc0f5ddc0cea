/** In-process calls to the real app (`app.request()`), offline: resolver "none" + what-if records. */
import { createApp } from "../../functions/app";
import type { Plan } from "../../functions/core/contract";

export const app = createApp({
  fetch: () => Promise.reject(new Error("unit tests make no network requests")),
  clock: { now: () => 0 },
  newSeed: () => 7,
});

export type Rec = { name: string; type: string; value?: string; rcode?: string };

export function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(
      path,
      {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      },
      {},
    ),
  );
}

export interface EvalInput {
  config?: string;
  context?: Record<string, unknown>;
  records?: Rec[];
  seed?: number;
  localDomains?: string[];
  /** `auto` (the server's default), `v0.12`, `v0.13` or `v0.16`. */
  model?: string;
}

/** Evaluate for example.com unless the context says otherwise; fails the test on non-200. */
export async function plan(input: EvalInput): Promise<Plan> {
  const res = await post("/api/evaluate", {
    config: input.config ?? "",
    context: { domain: "example.com", ...input.context },
    records: input.records ?? [],
    resolver: "none",
    seed: input.seed ?? 1,
    ...(input.localDomains ? { localDomains: input.localDomains } : {}),
    ...(input.model ? { model: input.model } : {}),
  });
  const body: unknown = await res.json();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body)}`);
  return body as Plan;
}

export const mx = (pref: number, host: string, name = "example.com"): Rec => ({
  name,
  type: "MX",
  value: `${pref} ${host}`,
});
export const a = (name: string, ip: string): Rec => ({ name, type: "A", value: ip });
export const aaaa = (name: string, ip: string): Rec => ({ name, type: "AAAA", value: ip });
export const rcode = (name: string, type: string, code: string): Rec => ({
  name,
  type,
  rcode: code,
});

/** The attempt list as "host ip source" lines: what users read. */
export const attemptsOf = (p: Plan): string[] =>
  p.attempts.map((t) => `${t.host} ${t.ip} ${t.sourceIp ?? "-"}`);

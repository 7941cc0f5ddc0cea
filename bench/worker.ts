/**
 * Bench-only Worker entry (bench/wrangler.toml), run in local workerd
 * (bench/support/local-workerd.ts) so the DNS figure is measured INSIDE workerd. It serves
 * the real app (`createApp`) three ways, and the floor, chosen by the `x-bench-mode`
 * request header:
 *
 *   parallel    the app exactly as deployed (default deps: every host's A/AAAA together)
 *   cap6        the same app with at most 6 DoH exchanges open at once (the platform cap)
 *   sequential  one DoH exchange at a time, in Stalwart's order (bench/sequential.ts)
 *   floor       not the app: only the same DoH exchanges, MX then every A/AAAA at once
 *               (bench/floor.ts), i.e. what this runtime and rig cost with no app at all
 *
 * The response carries `x-bench-ms`: the evaluation's wall time measured inside workerd,
 * without the local HTTP hop in front of it.
 *
 * Each mode gets its own DoH URL (`?bench=<mode>` is appended; the proxy ignores it) so
 * the per-isolate DoH client of resolver-stack.ts, keyed by URL, uses that mode's fetch.
 */

import * as z from "zod";
import { createApp } from "../functions/app";
import type { AppEnv } from "../functions/app-env";
import { defaultDeps } from "../functions/deps";
import { floorLookups } from "./floor";
import { limitConcurrency } from "./sequential";

const base = defaultDeps();
const MODES = {
  parallel: createApp(base),
  cap6: createApp({ ...base, fetch: limitConcurrency(base.fetch, 6) }),
  sequential: createApp({ ...base, fetch: limitConcurrency(base.fetch, 1) }),
} as const;

type Mode = keyof typeof MODES;
const FloorRequest = z.object({ context: z.object({ domain: z.string() }) });
const isMode = (m: string): m is Mode => Object.hasOwn(MODES, m);

export default {
  async fetch(request: Request, env: AppEnv["Bindings"], ctx: ExecutionContext): Promise<Response> {
    const asked = request.headers.get("x-bench-mode") ?? "parallel";
    if (asked === "floor") {
      const parsed = FloorRequest.safeParse(await request.json());
      const domain = parsed.success ? parsed.data.context.domain : undefined;
      if (domain === undefined) return new Response("floor: no context.domain", { status: 400 });
      const started = Date.now();
      const queries = await floorLookups(`${env.DOH_URL ?? ""}?bench=floor`, domain);
      return Response.json(
        { queries },
        { headers: { "x-bench-ms": String(Date.now() - started) } },
      );
    }
    const mode: Mode = isMode(asked) ? asked : "parallel";
    const url = env.DOH_URL ?? "";
    const doh = `${url}${url.includes("?") ? "&" : "?"}bench=${mode}`;
    // Inside workerd the clock only moves on I/O, which is exactly what this measures: from
    // the request reaching the app to its last DoH answer and the response built.
    const started = Date.now();
    const res = await MODES[mode].fetch(request, { ...env, DOH_URL: doh }, ctx);
    const body = await res.arrayBuffer();
    const headers = new Headers(res.headers);
    headers.set("x-bench-ms", String(Date.now() - started));
    return new Response(body, { status: res.status, headers });
  },
};

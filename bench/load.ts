/**
 * 5. Load: requests per second and p99 latency of POST /api/evaluate at 1, 8, 32 and 64
 * concurrent connections, measured with autocannon against the real app in local workerd
 * (bench/worker.ts through bench/support/local-workerd.ts, as the DNS figure runs it):
 * - offline: the seed config with what-if records and resolver "none";
 * - DoH cold: mx5.bench.test over the real BIND + dnsdist DoH server (TTL 0: every
 *   request makes all 11 queries);
 * - DoH warm: multi.zone.test (TTL 300: after the first request, the isolate's cache).
 * No budget: the figures say how the app behaves under load on this 2-core machine, which
 * also runs the load generator, workerd and the DNS servers. Any 5xx fails the section.
 */
import autocannon from "autocannon";
import { CONTEXT, RECORDS, SEED_CONFIG } from "./configs";
import { type Figure, figure } from "./support/figures";
import { startLocalWorkerd } from "./support/local-workerd";

const LEVELS = [1, 8, 32, 64] as const;
const SECONDS = 5;

const WORKLOADS = {
  offline: { config: SEED_CONFIG, context: CONTEXT, records: RECORDS, resolver: "none" },
  "DoH cold": { config: "", context: { domain: "mx5.bench.test" }, resolver: "default" },
  "DoH warm": { config: "", context: { domain: "multi.zone.test" }, resolver: "default" },
} as const;

type Workload = (typeof WORKLOADS)[keyof typeof WORKLOADS];

async function run(url: string, body: Workload, connections: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/api/evaluate`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ seed: 7, ...body }),
    connections,
    duration: SECONDS,
  });
}

export async function benchLoad(dohUrl: string): Promise<Figure[]> {
  const worker = await startLocalWorkerd("bench/wrangler.toml", { DOH_URL: dohUrl });
  const out: Figure[] = [];
  try {
    for (const [name, body] of Object.entries(WORKLOADS)) {
      // One request first: the code is compiled and, for "DoH warm", the answers cached.
      await run(worker.baseUrl, body, 1);
      for (const connections of LEVELS) {
        const r = await run(worker.baseUrl, body, connections);
        if (r["5xx"] > 0 || r.errors > 0 || r.non2xx > 0) {
          throw new Error(`${name} at ${connections}: ${r.non2xx} non-2xx, ${r.errors} errors`);
        }
        out.push(
          figure(
            "load",
            `${name}, ${connections} connections: requests/s`,
            r.requests.average,
            "/s",
            {
              note: `${r.requests.total} requests in ${SECONDS} s`,
            },
          ),
          figure("load", `${name}, ${connections} connections: p99`, r.latency.p99, "ms"),
        );
      }
    }
  } finally {
    await worker.stop();
  }
  return out;
}

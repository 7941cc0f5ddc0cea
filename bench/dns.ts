/**
 * 2. DNS critical path: POST /api/evaluate inside local workerd (bench/worker.ts, bundled by
 * `wrangler deploy --dry-run` and run by Miniflare: bench/support/local-workerd.ts says why
 * not `wrangler dev`)
 * through the latency-injecting proxy (test/support/dns-proxy.ts) in front of the real
 * BIND + dnsdist DoH server, for bench.test domains with 1, 5 and 10 dual-stack MX hosts
 * (TTL 0, so no cache ever answers). Modes side by side: the app as deployed
 * (parallel), the same with the platform's 6-open-connection cap, a strictly sequential
 * resolver (MX, then per host A then AAAA, as Stalwart resolves), the floor (the same
 * exchanges with no app), and the app again with the proxy's older latency model
 * (`after`: the injected round trip starts only once the local server has answered, so
 * BIND and dnsdist's queueing on this machine is added to it; see test/support/dns-proxy.ts).
 * Then the app with `checks: ["spf", "ptr"]` for the same domains, a sender whose SPF
 * record reaches its address through a 3-level include chain, and an EHLO name with its
 * own record and reverse DNS (issue 16: max(2, 1 + include depth) round trips).
 */

import { type Figure, figure } from "./support/figures";
import { startLocalWorkerd } from "./support/local-workerd";
import { median } from "./support/util";

export const LATENCY_MS = 50;
/** Unmeasured zero-latency evaluations before the figures (see benchDns). */
const WARM_UP = 100;
const HOSTS = [1, 5, 10] as const;
const MODES = ["parallel", "floor", "cap6", "sequential", "after"] as const;
type Mode = (typeof MODES)[number];
const RUNS: Record<Mode, number> = { parallel: 21, floor: 21, cap6: 7, sequential: 5, after: 7 };
/** What bench/worker.ts runs for each mode (`after` is the app under the older proxy model). */
const WORKER_MODE: Record<Mode, string> = {
  parallel: "parallel",
  floor: "floor",
  cap6: "cap6",
  sequential: "sequential",
  after: "parallel",
};
const byMode = <T>(f: () => T): Record<Mode, T> => ({
  parallel: f(),
  floor: f(),
  cap6: f(),
  sequential: f(),
  after: f(),
});
/** Issue budget: ≤ 2.3 round trips for every host count under local workerd. */
const RT_BUDGET = 2.3;
/** Open connections per Worker invocation on the deployed platform. */
const PLATFORM_CAP = 6;

// ip_strategy with both families (A then AAAA per host) and room for all ten hosts.
const CONFIG = `[queue.outbound]
ip-strategy = "ipv4_then_ipv6"
limits.mx = 10
`;

/** The checks' bench: one IPv4 source address named out.bench.test (bench.test zone). */
const CHECKS_CONFIG = `${CONFIG}hostname = "'out.bench.test'"
source-ip.v4 = "['198.51.100.200']"
`;
const CHECKS_SENDER = "bench@sender.bench.test";
/**
 * DoH queries the checks add: the sender's record and its three includes, the EHLO
 * name's record and its address (its \`a\`), the source address's PTR record (whose
 * forward lookup is that same address, shared).
 */
const CHECK_QUERIES = 7;
/** Issue 16: max(2, 1 + 3) round trips for a 3-level chain, plus the same 0.3 as RT_BUDGET. */
const CHECKS_RT_BUDGET = 4.3;
const CHECK_RUNS = 11;

interface Counts {
  readonly total: number;
  readonly maxInFlight: number;
}

async function control(base: string, path: string, method = "POST"): Promise<Response> {
  const res = await fetch(`${base}${path}`, { method });
  if (!res.ok) throw new Error(`proxy control ${path}: HTTP ${res.status}`);
  return res;
}

async function oneRun(
  baseUrl: string,
  proxy: string,
  mode: Mode,
  hosts: number,
  latencyMs: number,
  checks = false,
): Promise<{ ms: number; clientMs: number; counts: Counts }> {
  await control(proxy, "/__reset");
  await control(proxy, `/__latency?ms=${latencyMs}${mode === "after" ? "&order=after" : ""}`);
  const body = JSON.stringify({
    config: checks ? CHECKS_CONFIG : CONFIG,
    context: {
      domain: `mx${hosts}.bench.test`,
      retry_num: 0,
      ...(checks ? { sender: CHECKS_SENDER } : {}),
    },
    resolver: "default",
    seed: 1,
    ...(checks ? { checks: ["spf", "ptr"] } : {}),
  });
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api/evaluate`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-bench-mode": WORKER_MODE[mode] },
    body,
  });
  const plan = (await res.json()) as {
    hosts?: unknown[];
    attempts?: { deliverability?: { spf?: { result?: string } } }[];
    queries?: number;
  };
  const clientMs = performance.now() - t0;
  const ms = Number(res.headers.get("x-bench-ms") ?? Number.NaN);
  // The plan must be complete (the floor: every exchange made), or the timing means nothing.
  const complete =
    mode === "floor"
      ? plan.queries === 1 + 2 * hosts
      : plan.hosts?.length === hosts &&
        plan.attempts?.length === 2 * hosts &&
        (!checks || plan.attempts[0]?.deliverability?.spf?.result === "pass");
  if (res.status !== 200 || !complete) {
    throw new Error(`${mode} mx${hosts}: unexpected answer ${JSON.stringify(plan).slice(0, 400)}`);
  }
  const counts = (await (await control(proxy, "/__counts", "GET")).json()) as Counts;
  const expected = 1 + 2 * hosts + (checks ? CHECK_QUERIES : 0);
  if (counts.total !== expected) {
    throw new Error(`${mode} mx${hosts}: ${counts.total} DoH queries, expected ${expected}`);
  }
  return { ms, clientMs, counts };
}

/** Round trips the 6-connection cap implies: the MX, then 2n lookups six at a time. */
export const cappedRoundTrips = (hosts: number) => 1 + Math.ceil((2 * hosts) / PLATFORM_CAP);

export async function benchDns(dohUrl: string, proxyControl: string): Promise<Figure[]> {
  const dev = await startLocalWorkerd("bench/wrangler.toml", { DOH_URL: dohUrl });
  const out: Figure[] = [];
  try {
    // Warm the isolate and every mode's DoH client (not measured).
    for (const mode of MODES) await oneRun(dev.baseUrl, proxyControl, mode, 1, 0);
    // Then the app's own code, as a Worker that has served requests is: its JIT tiers come
    // up over the first ~100 evaluations (measured here, 10 MX: ~118 ms after 25
    // evaluations, ~114 after 100; the floor, a few lines of code, moves ~1 ms).
    for (let i = 0; i < WARM_UP; i++) await oneRun(dev.baseUrl, proxyControl, "parallel", 10, 0);
    // Fixed cost of a request with DNS but no injected latency (10 hosts, parallel).
    const zero: number[] = [];
    for (let i = 0; i < 9; i++) {
      zero.push((await oneRun(dev.baseUrl, proxyControl, "parallel", 10, 0)).ms);
    }
    out.push(
      figure("dns", "no added latency, 10 MX, parallel (fixed cost)", median(zero), "ms", {
        note: "loopback DoH round trips + request, no injected latency",
      }),
    );
    for (const hosts of HOSTS) {
      const med = byMode(() => 0);
      const client = byMode(() => 0);
      let maxInFlight = 0;
      const samples = byMode((): number[] => []);
      const wall = byMode((): number[] => []);
      for (const mode of MODES) await oneRun(dev.baseUrl, proxyControl, mode, hosts, LATENCY_MS);
      // Modes interleaved run by run, so a busy moment of the machine hits them alike.
      for (let i = 0; i < Math.max(...Object.values(RUNS)); i++) {
        for (const mode of MODES) {
          if (i >= RUNS[mode]) continue;
          const r = await oneRun(dev.baseUrl, proxyControl, mode, hosts, LATENCY_MS);
          samples[mode].push(r.ms);
          wall[mode].push(r.clientMs);
          if (mode === "parallel") maxInFlight = Math.max(maxInFlight, r.counts.maxInFlight);
        }
      }
      for (const mode of MODES) {
        med[mode] = median(samples[mode]);
        client[mode] = median(wall[mode]);
      }
      const rt = (ms: number) => ms / LATENCY_MS;
      const q = 1 + 2 * hosts;
      const seen = (m: Mode) => `${med[m].toFixed(0)} ms (client ${client[m].toFixed(0)} ms)`;
      out.push(
        figure("dns", `${hosts} MX: workerd, parallel`, rt(med.parallel), "RT", {
          budget: RT_BUDGET,
          note: `${seen("parallel")}, ${q} queries, max ${maxInFlight} in flight`,
        }),
        figure("dns", `${hosts} MX: sequential (Stalwart order)`, rt(med.sequential), "RT", {
          note: `${seen("sequential")}; parallel is ${(med.sequential / med.parallel).toFixed(1)}× faster`,
        }),
        figure("dns", `${hosts} MX: floor (same DoH exchanges, no app)`, rt(med.floor), "RT", {
          note: `${seen("floor")}; the app adds ${(med.parallel - med.floor).toFixed(0)} ms to it`,
        }),
        figure(
          "dns",
          `${hosts} MX: parallel, latency after the local server`,
          rt(med.after),
          "RT",
          {
            note: `${seen("after")}; older proxy model: BIND + dnsdist time added to each RT`,
          },
        ),
        // The sequential run makes 1 + 2n round trips by construction, so its time per
        // query is the effective round trip of this machine (latency + every local cost).
        figure(
          "dns",
          `${hosts} MX: parallel in effective round trips`,
          med.parallel / (med.sequential / q),
          "eff. RT",
          { note: `effective RT = sequential time / ${q} = ${(med.sequential / q).toFixed(1)} ms` },
        ),
        figure(
          "dns",
          `${hosts} MX: cap of ${PLATFORM_CAP} connections (deployed)`,
          rt(med.cap6),
          "RT",
          {
            note: `${seen("cap6")}; the cap implies ${cappedRoundTrips(hosts)} RT`,
          },
        ),
      );
    }
    out.push(...(await benchChecks(dev.baseUrl, proxyControl)));
  } finally {
    await control(proxyControl, "/__reset").catch(() => undefined);
    await dev.stop();
  }
  return out;
}

/** The app with checks, 1/5/10 MX, in round trips of the proxy's latency. */
async function benchChecks(baseUrl: string, proxy: string): Promise<Figure[]> {
  const out: Figure[] = [];
  // The checks' code warms up like the plan's did above (not measured).
  for (let i = 0; i < 20; i++) await oneRun(baseUrl, proxy, "parallel", 10, 0, true);
  for (const hosts of HOSTS) {
    const samples: number[] = [];
    let maxInFlight = 0;
    for (let i = 0; i < CHECK_RUNS; i++) {
      const r = await oneRun(baseUrl, proxy, "parallel", hosts, LATENCY_MS, true);
      samples.push(r.ms);
      maxInFlight = Math.max(maxInFlight, r.counts.maxInFlight);
    }
    const med = median(samples);
    out.push(
      figure(
        "dns",
        `${hosts} MX + checks (SPF 3-level include chain, PTR): parallel`,
        med / LATENCY_MS,
        "RT",
        {
          budget: CHECKS_RT_BUDGET,
          note: `${med.toFixed(0)} ms, ${1 + 2 * hosts + CHECK_QUERIES} queries, max ${maxInFlight} in flight; 1 + 3 RT for the chain`,
        },
      ),
    );
  }
  return out;
}

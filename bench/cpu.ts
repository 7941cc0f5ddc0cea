/**
 * 1. Core CPU time, in-process (Node, the same TypeScript the Worker runs): the evaluation
 * core's entry point end to end (core/evaluate.ts: config analysis, planner, diagnostics)
 * with what-if records (no network), median and p99 over many runs after warm-up. Plus the whole
 * request through the Hono app (`app.request`, zod, JSON) for the seed config, and the
 * growth of time with config size.
 */
import { createApp } from "../functions/app";
import { noneResolver } from "../functions/core/dns/records-resolver";
import { evaluate } from "../functions/core/evaluate";
import { systemClock } from "../functions/core/io";
import { defaultDeps } from "../functions/deps";
import {
  CONTEXT,
  expressionHeavyConfig,
  RECORDS,
  realisticConfig,
  SEED_CONFIG,
  stalwartStyleConfig,
} from "./configs";
import { benchHostile } from "./hostile";
import { v013StyleConfig, v016Snapshot } from "./strategy-configs";
import { type Figure, figure } from "./support/figures";
import { median, quantile } from "./support/util";

/** One evaluation; throws unless it produced a plan with attempts (so we time real work). */
export async function evaluateCore(text: string): Promise<void> {
  const plan = await evaluate(
    { config: text, context: CONTEXT, records: [...RECORDS], resolver: "none", seed: 7 },
    { upstream: noneResolver, clock: systemClock, newSeed: () => 7 },
  );
  const errors = plan.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`bench config has errors: ${errors[0]?.message}`);
  if (plan.attempts.length === 0) throw new Error("bench config planned no attempt");
}

/**
 * CPU time (user + system, `process.cpuUsage`) per run in µs, for each workload: what the
 * Workers limit counts, and unlike wall time it does not grow when other processes share
 * the cores. Several workloads are measured interleaved, one run of each in turn, so a
 * change of the host's speed hits them alike.
 */
async function sampleEach(
  runs: readonly (() => Promise<void>)[],
  warmup: number,
  count: number,
): Promise<number[][]> {
  for (const run of runs) for (let i = 0; i < warmup; i++) await run();
  const out = runs.map((): number[] => []);
  for (let i = 0; i < count; i++) {
    for (const [k, run] of runs.entries()) {
      const c0 = process.cpuUsage();
      await run();
      const c = process.cpuUsage(c0);
      out[k]?.push(c.user + c.system);
    }
  }
  return out;
}

const sample = async (run: () => Promise<void>, warmup: number, runs: number) =>
  (await sampleEach([run], warmup, runs))[0] ?? [];

const lineCount = (s: string) => s.split("\n").length;

/**
 * The issue's budgets are one figure per config, held against the median (the cost of a
 * typical evaluation). The p99 is reported beside it: it is the few samples in which a
 * garbage collection, or V8's background threads (concurrent marking, optimising
 * compiles: `process.cpuUsage` counts every thread of the process), land.
 */
const P99_NOTE = "reported, no budget: GC and V8 background threads (BENCHMARKS.md)";

export async function benchCpu(): Promise<Figure[]> {
  const out: Figure[] = [];
  const seed = await sample(() => evaluateCore(SEED_CONFIG), 500, 3000);
  out.push(
    figure("cpu", "seed config, median", median(seed), "µs", { budget: 200 }),
    figure("cpu", "seed config, p99", quantile(seed, 0.99), "µs", { note: P99_NOTE }),
  );

  const app = createApp(defaultDeps());
  const body = JSON.stringify({
    config: SEED_CONFIG,
    context: CONTEXT,
    records: RECORDS,
    resolver: "none",
    seed: 7,
  });
  const request = async () => {
    const res = await app.request(
      "/api/evaluate",
      { method: "POST", headers: { "content-type": "application/json" }, body },
      { DOH_URL: "" },
    );
    if (res.status !== 200) throw new Error(`app answered ${res.status}`);
    await res.arrayBuffer();
  };
  const whole = await sample(request, 300, 2000);
  out.push(
    figure("cpu", "seed config, whole request (app.request), median", median(whole), "µs", {
      note: "Hono + zod + JSON + core, no network",
    }),
  );

  const real = stalwartStyleConfig();
  const realRuns = await sample(() => evaluateCore(real), 100, 1000);
  out.push(
    figure(
      "cpu",
      `${lineCount(real)}-line Stalwart-style config, median`,
      median(realRuns) / 1000,
      "ms",
      {
        budget: 1,
        note: "listeners, stores, 12 relays, if-blocks in every outbound setting",
      },
    ),
    figure(
      "cpu",
      `${lineCount(real)}-line Stalwart-style config, p99`,
      quantile(realRuns, 0.99) / 1000,
      "ms",
      {
        note: P99_NOTE,
      },
    ),
  );

  for (const [name, text, note] of [
    [
      "v0.13 Stalwart-style config",
      v013StyleConfig(),
      "12 relay routes and connections, selectors of 13 branches",
    ],
    ["v0.16 snapshot", v016Snapshot(), "the same server as registry objects (NDJSON)"],
  ] as const) {
    const runs = await sample(() => evaluateCore(text), 100, 1000);
    out.push(
      figure("cpu", `${name} (${lineCount(text)} lines), median`, median(runs) / 1000, "ms", {
        budget: 1,
        note,
      }),
      figure("cpu", `${name}, p99`, quantile(runs, 0.99) / 1000, "ms", { note: P99_NOTE }),
    );
  }

  const big = realisticConfig(2000);
  const bigRuns = await sample(() => evaluateCore(big), 20, 200);
  out.push(
    figure("cpu", `${lineCount(big)}-line config, median`, median(bigRuns) / 1000, "ms", {
      budget: 10,
      note: `${(new TextEncoder().encode(big).byteLength / 1024).toFixed(1)} KiB, 3 if-blocks of ${Math.floor((2000 - 12) / 11)} branches, all evaluated`,
    }),
    figure("cpu", `${lineCount(big)}-line config, p99`, quantile(bigRuns, 0.99) / 1000, "ms", {
      note: P99_NOTE,
    }),
  );

  const heavy = expressionHeavyConfig();
  const heavyRuns = await sample(() => evaluateCore(heavy), 50, 500);
  out.push(
    figure("cpu", "expression-heavy config, median", median(heavyRuns) / 1000, "ms", {
      budget: 10,
      note: `${lineCount(heavy)} lines, 80 branches of 6-clause conditions, all evaluated`,
    }),
    figure("cpu", "expression-heavy config, p99", quantile(heavyRuns, 0.99) / 1000, "ms", {
      note: P99_NOTE,
    }),
  );

  // Growth with size: time per line at 250 … 2,000 lines should stay flat (linear). The
  // sizes are measured interleaved, run by run: this host's CPU speed changes for seconds
  // at a time, and sizes measured one after another can land in different phases.
  const sizes = [250, 500, 1000, 2000];
  const texts = sizes.map((n) => realisticConfig(n));
  const bySize = await sampleEach(
    texts.map((text) => () => evaluateCore(text)),
    20,
    100,
  );
  const medians = bySize.map((runs) => median(runs));
  const perLine = medians.map((m, i) => m / lineCount(texts[i] ?? ""));
  for (const [i, n] of sizes.entries()) {
    out.push(
      figure("cpu", `growth: ${n} lines`, (medians[i] ?? 0) / 1000, "ms", {
        note: `${(perLine[i] ?? 0).toFixed(2)} µs per line`,
      }),
    );
  }
  const ratio = (medians[3] ?? 0) / (medians[2] ?? 1);
  out.push(
    figure("cpu", "growth: time(2,000 lines) / time(1,000 lines)", ratio, "×", {
      budget: 2.5,
      note: "2 = linear, 4 = quadratic",
    }),
  );
  out.push(...(await benchHostile()));
  return out;
}

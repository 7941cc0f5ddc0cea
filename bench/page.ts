/**
 * 4. The playground in headless Debian Chromium on loopback, cold (a fresh profile, so an
 * empty HTTP cache) each time, its static files replayed from memory as `wrangler dev`
 * (the real wrangler.toml: Worker + static assets) served them, the API forwarded to it
 * (support/replay-server.ts says why); editor ready is also reported straight from
 * `wrangler dev`, the loads interleaved:
 * - bytes loaded before the editor is ready, counted as gzip: each decoded response body
 *   is gzipped here (zlib level 6, what a CDN typically uses; wrangler dev compresses on
 *   the fly at a level of its own) and summed for the requests finished before readiness;
 * - time to editor ready: navigation start → Monaco mounted (`#editor[data-ready]` with
 *   its `.view-lines`, the marker web/src/main.ts sets);
 * - Run → result drawn: click on Run → `#result-panel[data-run]` bumped (the run
 *   controller sets it after rendering) → the next animation frame; first example
 *   (what-if records, resolver "none"), which the page computes itself: no network, and
 *   the bench counts the API requests made meanwhile (none expected).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Request } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../test/support/chromium";
import { startWranglerDev } from "../test/support/wrangler-dev";
import { type Figure, figure } from "./support/figures";
import { startReplayServer } from "./support/replay-server";
import { median, ROOT } from "./support/util";

const COLD_LOADS = 7;
const RUNS = 15;

// Browser-side snippets are strings: this file is type-checked without the DOM library.

/** Installed before any page script: notes the moment the editor is ready. */
const WATCH_READY = `(() => {
  const ready = () => document.querySelector("#editor[data-ready] .monaco-editor .view-lines");
  const obs = new MutationObserver(() => {
    if (window.__benchReady === undefined && ready()) {
      window.__benchReady = performance.now();
      obs.disconnect();
    }
  });
  obs.observe(document, { subtree: true, childList: true, attributes: true });
})()`;

/** Clicks Run and resolves with the ms until the frame after the result is rendered. */
const TIME_RUN = `new Promise((resolve) => {
  const el = document.getElementById("result-panel");
  const before = Number(el.dataset.run ?? 0);
  const t0 = performance.now();
  const obs = new MutationObserver(() => {
    if (Number(el.dataset.run ?? 0) > before) {
      obs.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
    }
  });
  obs.observe(el, { attributes: true });
  document.getElementById("run").click();
})`;

interface Load {
  readyMs: number;
  gzipBytes: number;
  rawBytes: number;
  requests: number;
  runMs: number[];
  /** Requests to /api/ made while the Runs were timed. */
  apiDuringRuns: number;
}

async function coldLoad(baseUrl: string, runs: number): Promise<Load> {
  const profile = mkdtempSync(join(tmpdir(), "bench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1360, height: 900 },
  });
  try {
    const finished: { req: Request; at: number }[] = [];
    context.on("requestfinished", (req) => finished.push({ req, at: Date.now() }));
    await context.addInitScript({ content: WATCH_READY });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(baseUrl, { waitUntil: "commit" });
    // Functions, not strings: the page's CSP forbids eval, which string predicates use.
    await page.waitForFunction(
      () => (globalThis as { __benchReady?: number }).__benchReady !== undefined,
      undefined,
      { timeout: 60_000 },
    );
    const [readyMs, origin] = (await page.evaluate(
      "[window.__benchReady, performance.timeOrigin]",
    )) as [number, number];
    const readyAt = origin + readyMs;
    let gzipBytes = 0;
    let rawBytes = 0;
    let requests = 0;
    for (const { req, at } of finished) {
      const t = req.timing();
      const end = t.responseEnd >= 0 ? t.startTime + t.responseEnd : at;
      if (end > readyAt) continue;
      const res = await req.response();
      const body = res ? await res.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
      rawBytes += body.byteLength;
      gzipBytes += gzipSync(body, { level: 6 }).byteLength;
      requests++;
    }
    // The page runs the first example on load; wait for it, then time Run clicks.
    await page.waitForSelector("#result-panel[data-run]", { state: "attached" });
    let apiDuringRuns = 0;
    context.on("request", (req) => {
      if (new URL(req.url()).pathname.startsWith("/api/")) apiDuringRuns++;
    });
    const runMs: number[] = [];
    for (let i = 0; i < runs; i++) runMs.push((await page.evaluate(TIME_RUN)) as number);
    return { readyMs, gzipBytes, rawBytes, requests, runMs, apiDuringRuns };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function benchPage(): Promise<Figure[]> {
  const dev = await startWranglerDev("wrangler.toml", { DOH_URL: "http://127.0.0.1:9/dns-query" });
  try {
    const replay = await startReplayServer(dev.baseUrl, join(ROOT, "dist", "web"));
    try {
      // Warm wrangler dev, the replay and the OS file cache; not counted.
      await coldLoad(dev.baseUrl, 1);
      await coldLoad(replay.baseUrl, 3);
      const loads: Load[] = [];
      const devLoads: Load[] = [];
      // Interleaved, so a slow moment of the machine hits both alike.
      for (let i = 0; i < COLD_LOADS; i++) {
        loads.push(await coldLoad(replay.baseUrl, i === 0 ? RUNS : 3));
        devLoads.push(await coldLoad(dev.baseUrl, 0));
      }
      const first = loads[0] as Load;
      const runs = loads.flatMap((l) => l.runMs.slice(1));
      const list = (ls: Load[]) => ls.map((l) => l.readyMs.toFixed(0)).join(", ");
      return [
        figure(
          "page",
          "bytes before editor ready (gzip)",
          median(loads.map((l) => l.gzipBytes)) / 1000,
          "KB",
          {
            budget: 1200,
            note: `${first.requests} requests, ${(first.rawBytes / 1000).toFixed(0)} KB uncompressed; gzip computed here`,
          },
        ),
        figure("page", "time to editor ready", median(loads.map((l) => l.readyMs)), "ms", {
          budget: 1500,
          note: `median of ${COLD_LOADS} cold loads (fresh profile), wrangler dev's ${replay.files} static responses replayed from memory: ${list(loads)} ms`,
        }),
        figure(
          "page",
          "time to editor ready, files served by wrangler dev",
          median(devLoads.map((l) => l.readyMs)),
          "ms",
          {
            note: `same, each file through workerd and wrangler's proxy on these cores: ${list(devLoads)} ms`,
          },
        ),
        figure("page", "Run → result drawn (computed in the page)", median(runs), "ms", {
          budget: 30,
          note: `median of ${runs.length} runs; what-if records, resolver none: ${loads.reduce((n, l) => n + l.apiDuringRuns, 0)} API requests meanwhile`,
        }),
      ];
    } finally {
      await replay.stop();
    }
  } finally {
    await dev.stop();
  }
}

/**
 * The benchmark run (bench/run.mjs → vitest with bench/vitest.config.ts). Sections run one
 * after another; the table is printed and bench/results.json written at the end.
 * BENCH_ONLY=cpu,dns,worker,page,load runs a subset (for working on one figure).
 */
import { afterAll, inject, it } from "vitest";
import { benchCpuBundled } from "./cpu-bundled";
import { benchDns } from "./dns";
import { benchLoad } from "./load";
import { benchPage } from "./page";
import { writeReport } from "./report";
import type { Figure } from "./support/figures";
import { benchWorker } from "./worker-size";

const only = (process.env.BENCH_ONLY ?? "").split(",").filter(Boolean);
const wanted = (s: string) => only.length === 0 || only.includes(s);
const figures: Figure[] = [];

it.runIf(wanted("cpu"))("1. core CPU", async () => {
  figures.push(...(await benchCpuBundled()));
});

it.runIf(wanted("dns"))("2. DNS critical path", async () => {
  figures.push(...(await benchDns(inject("dohUrl"), inject("dnsProxyControl"))));
});

it.runIf(wanted("worker"))("3. Worker bundle and start-up", async () => {
  figures.push(...(await benchWorker()));
});

it.runIf(wanted("page"))("4. playground in Chromium", async () => {
  figures.push(...(await benchPage()));
});

it.runIf(wanted("load"))("5. load", async () => {
  figures.push(...(await benchLoad(inject("dnsdistDohUrl"))));
});

afterAll(() => {
  writeReport(figures);
});

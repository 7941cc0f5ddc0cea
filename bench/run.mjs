#!/usr/bin/env node
// `npm run bench`: builds the playground if dist/web is missing or older than web/, then
// runs bench/bench.suite.ts under vitest (which imports the TypeScript sources directly)
// with bench/vitest.config.ts. Prints the table, writes bench/results.json, and exits 1
// when a budget FAILs. BENCH_ONLY=cpu,dns,worker,page runs a subset.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
};

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const index = join(root, "dist", "web", "index.html");
const only = (env.BENCH_ONLY ?? "").split(",").filter(Boolean);
const needsPage = only.length === 0 || only.includes("page") || only.includes("worker");
if (needsPage && (!existsSync(index) || statSync(index).mtimeMs < newest(join(root, "web")))) {
  const b = spawnSync("npm", ["run", "build"], { cwd: root, env, stdio: "inherit" });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const vitest = join(root, "node_modules", ".bin", "vitest");
const r = spawnSync(vitest, ["run", "--config", "bench/vitest.config.ts"], {
  cwd: root,
  env,
  stdio: "inherit",
});
if (r.status !== 0) process.exit(r.status ?? 1);
const results = JSON.parse(readFileSync(join(root, "bench", "results.json"), "utf8"));
process.exit(results.figures.some((f) => f.pass === false) ? 1 : 0);

/**
 * 1. Core CPU, measured on the code as the Worker runs it: one esbuild bundle, minified
 * (wrangler deploy --minify does the same), executed by a fresh Node process. Under
 * vitest the core would run through vitest's module runner instead, whose rewritten
 * imports (every cross-module call through a property access) cost more than the
 * bundled code and are not what production runs.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { Figure } from "./support/figures";
import { ROOT } from "./support/util";

export async function benchCpuBundled(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), "bench-cpu-"));
  try {
    const outfile = join(dir, "cpu.mjs");
    await build({
      entryPoints: [join(ROOT, "bench", "cpu-process.ts")],
      bundle: true,
      minify: true,
      platform: "node",
      // ESM entry points first, as the Worker's bundler (browser, module, main) picks them:
      // jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow.
      mainFields: ["module", "main"],
      format: "esm",
      target: "es2022",
      outfile,
      logLevel: "warning",
      // dns-packet (pulled in by the app's DoH client) requires node:buffer.
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    const run = spawnSync(process.execPath, [outfile], {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
      timeout: 600_000,
    });
    if (run.status !== 0) throw new Error(`CPU bench process failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as Figure[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

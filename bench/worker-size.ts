/**
 * 3. Worker: the upload `wrangler deploy --dry-run --minify` would make (gzip of the
 * bundle, level 9 as wrangler reports it) and the module start-up time: a fresh Node
 * process imports the minified bundle (top-level evaluation, the same work workerd does
 * at isolate start-up), median of several processes.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { type Figure, figure } from "./support/figures";
import { median, ROOT } from "./support/util";

const STARTUP_RUNS = 15;

export async function benchWorker(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), "bench-bundle-"));
  try {
    const log = execFileSync(
      join(ROOT, "node_modules", ".bin", "wrangler"),
      ["deploy", "--dry-run", "--minify", "--outdir", dir],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          WRANGLER_SEND_METRICS: "false",
          CLOUDFLARE_CF_FETCH_ENABLED: "false",
        },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const modules = readdirSync(dir).filter((f) => /\.(m?js|wasm)$/.test(f));
    let raw = 0;
    let gz = 0;
    for (const f of modules) {
      const bytes = readFileSync(join(dir, f));
      raw += bytes.byteLength;
      gz += gzipSync(bytes, { level: 9 }).byteLength;
    }
    const reported = /gzip: ([\d.]+) KiB/.exec(log)?.[1];
    // Start-up: import the bundle in a fresh process and time only the import.
    const probe = join(dir, "startup.mjs");
    writeFileSync(
      probe,
      `const t0 = performance.now();\nawait import(${JSON.stringify(join(dir, "index.js"))});\nprocess.stdout.write(String(performance.now() - t0));\n`,
    );
    const times: number[] = [];
    for (let i = 0; i < STARTUP_RUNS; i++) {
      const r = spawnSync(process.execPath, [probe], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`bundle import failed: ${r.stderr}`);
      times.push(Number(r.stdout));
    }
    return [
      figure("worker", "bundle, gzip", gz / 1000, "KB", {
        budget: 150,
        note: `${(raw / 1000).toFixed(0)} KB minified; wrangler reports ${reported ?? "?"} KiB gzip`,
      }),
      figure("worker", "module start-up (import of the bundle)", median(times), "ms", {
        note: `Node ${process.version}, median of ${STARTUP_RUNS} fresh processes`,
      }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

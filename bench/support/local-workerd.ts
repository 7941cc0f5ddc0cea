/**
 * Runs a Worker in local workerd for the bench: the bundle `wrangler deploy --dry-run`
 * makes (what would be uploaded) served by Miniflare, i.e. workerd with the config's
 * compatibility date and flags, vars, static assets (routed as wrangler routes them) and
 * rate limits, and nothing in front of it.
 *
 * Why not `wrangler dev`: its development layers cost per subrequest, on the cores the
 * measured exchanges need. For one evaluation of a 10-MX domain (21 DoH fetches, no
 * injected latency) the bench machine measured, from /proc CPU times, 70–88 ms of workerd
 * CPU plus 70–92 ms in wrangler's own Node process under `wrangler dev`, against 13–23 ms
 * of workerd CPU and nothing else under Miniflare; the same exchanges took 26–30 ms
 * instead of ~70 ms. Requests into it cost too: ~5 ms of workerd CPU for /api/health and
 * ~14 ms for an asset, on the two cores Chromium loads the playground with. The platform
 * runs none of that.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Miniflare } from "miniflare";
import { parse } from "smol-toml";
import * as z from "zod";
import { ROOT } from "./util";

export interface LocalWorker {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/** The fields of a wrangler.toml this runner uses (the rest is wrangler's business). */
const WranglerToml = z.object({
  main: z.string(),
  compatibility_date: z.string(),
  compatibility_flags: z.array(z.string()).default([]),
  vars: z.record(z.string(), z.string()).default({}),
  assets: z
    .object({
      directory: z.string(),
      binding: z.string().optional(),
      not_found_handling: z.enum(["single-page-application", "404-page", "none"]).optional(),
      run_worker_first: z.array(z.string()).optional(),
    })
    .optional(),
  ratelimits: z
    .array(
      z.object({
        name: z.string(),
        simple: z.object({ limit: z.number(), period: z.number() }),
      }),
    )
    .default([]),
});

/** `config` is relative to the repository root; `vars` become the Worker's text bindings. */
export async function startLocalWorkerd(
  config: string,
  vars: Record<string, string>,
): Promise<LocalWorker> {
  const toml = WranglerToml.parse(parse(readFileSync(join(ROOT, config), "utf8")));
  const dir = mkdtempSync(join(tmpdir(), "bench-workerd-"));
  try {
    execFileSync(
      join(ROOT, "node_modules", ".bin", "wrangler"),
      ["deploy", "--dry-run", "--minify", "--outdir", dir, "-c", config],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          WRANGLER_SEND_METRICS: "false",
          CLOUDFLARE_CF_FETCH_ENABLED: "false",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    // wrangler names the bundle after `main` (worker.ts → worker.js).
    const entry = join(dir, `${toml.main.replace(/^.*\//, "").replace(/\.[cm]?[jt]s$/, "")}.js`);
    const modules = readdirSync(dir).filter((f) => /\.(m?js|wasm)$/.test(f));
    if (!modules.includes(entry.slice(dir.length + 1)) || modules.length !== 1) {
      throw new Error(`expected one module ${entry} from wrangler, found ${modules.join(", ")}`);
    }
    const assets = toml.assets;
    const mf = new Miniflare({
      modules: true,
      scriptPath: entry,
      modulesRoot: dirname(entry),
      compatibilityDate: toml.compatibility_date,
      compatibilityFlags: toml.compatibility_flags,
      bindings: { ...toml.vars, ...vars },
      ratelimits: Object.fromEntries(toml.ratelimits.map((r) => [r.name, { simple: r.simple }])),
      // As wrangler dev configures them (its getAssetsOptions): `run_worker_first` paths go
      // to the Worker, everything else to the assets, then the Worker if none matches.
      ...(assets === undefined
        ? {}
        : {
            assets: {
              directory: join(ROOT, dirname(config), assets.directory),
              ...(assets.binding === undefined ? {} : { binding: assets.binding }),
              routerConfig: {
                has_user_worker: true,
                ...(assets.run_worker_first === undefined
                  ? {}
                  : { static_routing: { user_worker: assets.run_worker_first } }),
              },
              assetConfig: {
                ...(assets.not_found_handling === undefined
                  ? {}
                  : { not_found_handling: assets.not_found_handling }),
                compatibility_date: toml.compatibility_date,
                compatibility_flags: toml.compatibility_flags,
              },
            },
          }),
    });
    const url = await mf.ready;
    return {
      baseUrl: url.origin,
      stop: async () => {
        await mf.dispose();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

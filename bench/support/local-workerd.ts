/**
 * Runs a Worker in local workerd for the DNS figure: the bundle `wrangler deploy --dry-run`
 * makes (what would be uploaded) served by Miniflare, i.e. workerd with the config's
 * compatibility date and flags and nothing in front of it.
 *
 * Why not `wrangler dev`: its development layers cost per subrequest, on the cores the
 * measured exchanges need. For one evaluation of a 10-MX domain (21 DoH fetches, no
 * injected latency) the bench machine measured, from /proc CPU times, 70–88 ms of workerd
 * CPU plus 70–92 ms in wrangler's own Node process under `wrangler dev`, against 13–23 ms
 * of workerd CPU and nothing else under Miniflare; the same exchanges took 26–30 ms
 * instead of ~70 ms. The platform runs none of that per fetch, nor Miniflare's own
 * outbound layer, which is turned off too (below). (The playground figure stays on
 * `wrangler dev`: Miniflare's own static-asset serving measured ~32 ms of workerd CPU per
 * 800 KB chunk against ~14 ms under wrangler dev.)
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
    const mf = new Miniflare({
      modules: true,
      scriptPath: entry,
      modulesRoot: dirname(entry),
      compatibilityDate: toml.compatibility_date,
      compatibilityFlags: toml.compatibility_flags,
      bindings: vars,
      // Miniflare's default sends every outbound fetch through a second Worker
      // (`strip-cf-connecting-ip`: copies the headers, drops CF-Connecting-IP, sets
      // CF-Worker, fetches again), one more JS invocation per subrequest that the platform
      // does natively. Measured on the bench machine with 21 DoH fetches per evaluation:
      // the last answer reaches the Worker 3-4 ms later with it.
      // Nothing here depends on those headers.
      stripCfConnectingIp: false,
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

/**
 * Starts `wrangler dev` (workerd) on free loopback ports, for the browser tests and the
 * bench, with setsid so it and its workerd child form one process group, stopped
 * together by PID (DEVELOPERS.md: killing npx would orphan them).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { freePort, sleep } from "./net";

const ROOT = join(import.meta.dirname, "..", "..");

export interface WranglerDev {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * The `--var NAME:value` pairs of `npm start`, so the servers the tests start are local
 * dev exactly as a user runs it (no rate limit, for one).
 */
export function npmStartVars(): Record<string, string> {
  const pkg = z
    .object({ scripts: z.object({ start: z.string() }) })
    .parse(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")));
  const start = pkg.scripts.start;
  return Object.fromEntries(
    [...start.matchAll(/--var ([A-Z_]+):(\S+)/g)].map((m) => [m[1] ?? "", m[2] ?? ""]),
  );
}

/** `config` is relative to the repository root; `vars` become `--var NAME:value`. */
export async function startWranglerDev(
  config: string,
  vars: Record<string, string>,
): Promise<WranglerDev> {
  const port = await freePort();
  const inspector = await freePort();
  const persist = mkdtempSync(join(tmpdir(), "wrangler-dev-"));
  const args = [
    join(ROOT, "node_modules", ".bin", "wrangler"),
    "dev",
    "-c",
    config,
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspector),
    "--persist-to",
    persist,
    "--show-interactive-dev-session=false",
    "--log-level",
    "warn",
    ...Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]),
  ];
  const child = spawn("setsid", args, {
    cwd: ROOT,
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: "false",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      CI: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const add = (d: Buffer) => {
    output = (output + d.toString()).slice(-8000);
  };
  child.stdout?.on("data", add);
  child.stderr?.on("data", add);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    killGroup(child, "SIGTERM");
    for (let i = 0; i < 20 && child.exitCode === null; i++) await sleep(100);
    killGroup(child, "SIGKILL");
    rmSync(persist, { recursive: true, force: true });
  };
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`wrangler dev (${config}) exited (${child.exitCode}):\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return { baseUrl, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev (${config}) did not answer /api/health in time:\n${output}`);
    }
    await sleep(300);
  }
}

/**
 * globalSetup of the `browser` project: serves the built playground with `wrangler dev`
 * as `npm start` runs it (the real Worker and its static assets, _headers included) on a
 * free port, with an
 * unreachable DoH resolver: browser tests use resolver "none" and what-if records.
 * Builds dist/web first if `npm run build` has not run.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { npmStartVars, startWranglerDev } from "../support/wrangler-dev";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = join(import.meta.dirname, "..", "..");

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(root, "dist", "web", "index.html"))) {
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  }
  // Port 9 (discard) on loopback: nothing answers, so no test can depend on real DNS.
  const dev = await startWranglerDev("wrangler.toml", {
    ...npmStartVars(),
    DOH_URL: "http://127.0.0.1:9/dns-query",
  });
  project.provide("baseUrl", dev.baseUrl);
  return () => dev.stop();
}

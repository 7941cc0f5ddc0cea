/**
 * `npm run bench` (bench/run.mjs) runs bench/bench.suite.ts with this config: vitest
 * imports the TypeScript sources directly, and the workers tests' globalSetup starts the
 * real DNS stack (BIND + dnsdist DoH + the latency proxy). Not part of `npm test`.
 */
import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: resolve(import.meta.dirname, ".."),
  test: {
    include: ["bench/bench.suite.ts"],
    environment: "node",
    globalSetup: ["test/setup/dns-servers.ts"],
    testTimeout: 900_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    disableConsoleIntercept: true,
    reporters: ["dot"],
  },
});

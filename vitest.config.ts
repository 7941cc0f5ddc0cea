import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/**
 * Three projects:
 * - unit: the pure core and the routes through app.request(), in Node (fast, fast-check);
 * - workers: inside workerd (vitest-pool-workers) against a real BIND zone served over
 *   DoH by dnsdist, both started by test/setup/dns-servers.ts on free ports;
 * - browser: Debian Chromium driven by playwright-core against `wrangler dev`.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              // Tests talk to the loopback DoH server; production keeps the flag on.
              compatibilityFlags: ["nodejs_compat"],
              // Resolver "default" of the real Worker (SELF/exports.default.fetch) is the
              // counting proxy started by globalSetup, never the public internet.
              bindings: { DOH_URL: inject("dohUrl") },
              // A small limit so a 429 is cheap to reach; only requests carrying
              // CF-Connecting-IP are limited, and each test picks its own address.
              ratelimits: { RATE_LIMITER: { simple: { limit: 10, period: 60 } } },
            },
          })),
        ],
        test: {
          name: "workers",
          include: ["test/workers/**/*.test.ts"],
          globalSetup: ["test/setup/dns-servers.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/setup/web-server.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

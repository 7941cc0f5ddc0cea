import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The playground: root web/, output dist/web (wrangler.toml serves it as assets).
 * Monaco is reached only through a dynamic import (src/editor/monaco.ts) so the page
 * paints and the context/results work before the editor chunk arrives.
 */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  publicDir: "public",
  base: "/",
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    // No inline polyfill script: the CSP has no 'unsafe-inline' for scripts.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4096,
    assetsInlineLimit: 0,
  },
  worker: { format: "es" },
});

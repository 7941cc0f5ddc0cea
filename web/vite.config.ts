import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

/**
 * Monaco is imported dynamically (src/editor/monaco.ts) so the page paints and works
 * before the editor arrives; but the page asks for it at once, so tell the browser in the
 * HTML: a modulepreload of the editor chunk (and a preload of its CSS) lets the 3 MB
 * download start with the page instead of after the main script has run.
 */
function preloadEditor(): Plugin {
  return {
    name: "preload-editor",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === "chunk" && c.facadeModuleId?.endsWith("/src/editor/monaco.ts"),
        );
        if (chunk?.type !== "chunk") return [];
        const css = [...(chunk.viteMetadata?.importedCss ?? [])];
        return [
          {
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: true, href: `/${chunk.fileName}` },
            injectTo: "head",
          },
          ...css.map((href) => ({
            tag: "link",
            attrs: { rel: "preload", as: "style", crossorigin: true, href: `/${href}` },
            injectTo: "head" as const,
          })),
        ];
      },
    },
  };
}

/** The playground: root web/, output dist/web (wrangler.toml serves it as assets). */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  publicDir: "public",
  base: "/",
  plugins: [preloadEditor()],
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

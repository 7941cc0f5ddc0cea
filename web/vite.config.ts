import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

/**
 * Monaco is imported dynamically (src/editor/monaco.ts) so the page paints and works
 * before the editor arrives; but the page asks for it at once, so tell the browser in the
 * HTML: a modulepreload of each editor chunk (and a preload of their CSS) lets the 3 MB
 * download start with the page instead of after the main script has run.
 */
function preloadEditor(): Plugin {
  return {
    name: "preload-editor",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const bundle = ctx.bundle ?? {};
        const editor = Object.values(bundle).find(
          (c) => c.type === "chunk" && c.facadeModuleId?.endsWith("/src/editor/monaco.ts"),
        );
        if (editor?.type !== "chunk") return [];
        // The editor chunk and every chunk it imports (MONACO_LAYERS), not the entry.
        const files: string[] = [];
        const css: string[] = [];
        const visit = (name: string): void => {
          const c = bundle[name];
          if (c?.type !== "chunk" || c.isEntry || files.includes(name)) return;
          files.push(name);
          css.push(...(c.viteMetadata?.importedCss ?? []));
          for (const dep of c.imports) visit(dep);
        };
        visit(editor.fileName);
        return [
          ...files.map((href) => ({
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: true, href: `/${href}` },
            injectTo: "head" as const,
          })),
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

/**
 * The modules src/editor/monaco.ts imports statically, directly or not: all that must run
 * before the editor is ready. Filled once the build has read every module (buildEnd),
 * before rolldown makes the chunks. The layers hold only these: a Monaco module the
 * editor never imports (the editor worker's, the fallbacks loaded on first use) stays out
 * of the chunks every cold load compiles.
 */
const beforeReady = new Set<string>();

function findBeforeReady(): Plugin {
  return {
    name: "find-before-ready",
    apply: "build",
    buildEnd() {
      beforeReady.clear();
      const entry = [...this.getModuleIds()].find((id) => id.endsWith("/src/editor/monaco.ts"));
      if (!entry) throw new Error("src/editor/monaco.ts is not in the build");
      const queue = [entry];
      for (const id of queue) {
        if (beforeReady.has(id)) continue;
        beforeReady.add(id);
        queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    },
  };
}

/** Monaco modules under monaco-editor/esm/vs/ whose path there starts with one of `paths`. */
const vs = (paths: string): RegExp => new RegExp(`/monaco-editor/esm/vs/(?:${paths})`);

/** A layer's test: a module `paths` matches that runs before the editor is ready. */
const layer =
  (paths: RegExp) =>
  (id: string): boolean => {
    if (beforeReady.size === 0) throw new Error("find-before-ready has not run");
    return paths.test(id) && beforeReady.has(id);
  };

// nls and amdX sit at vs/ but import only vs/base.
const baseLayer = layer(vs("base/|nls|amdX"));

/**
 * Monaco split along its own layers (VS Code's rule: base ← platform ← editor, common ←
 * browser; nothing imports upwards), so the chunks import one another in one direction
 * only and every module still runs after its imports. Why: Chromium compiles each module
 * script on its own background thread while it downloads; as one 3.3 MB chunk that
 * compile ended 0.5–1 s after the last byte arrived (the single longest step before the
 * editor could start), as four ~0.8 MB chunks it runs on both cores at once.
 */
const MONACO_LAYERS = [
  // rolldown's runtime helpers go first, with vs/base.
  {
    name: "monaco-base",
    test: (id: string): boolean => /rolldown\/runtime/.test(id) || baseLayer(id),
    priority: 4,
  },
  { name: "monaco-common", test: layer(vs("platform/[^/]+/common/|editor/common/")), priority: 3 },
  {
    name: "monaco-browser",
    test: layer(vs("platform/[^/]+/browser/|editor/browser/")),
    priority: 2,
  },
  // The rest (standalone services, the features, our editor module) stays in "monaco".
];

/**
 * Monaco's language services (the JSON mode) start their worker through
 * `internal/common/workers.js`, which first imports every editor contribution: they get
 * src/editor/language-worker.ts instead, which starts it with the editor API alone.
 */
const LANGUAGE_WORKER = {
  find: /^(?:\.\.\/)+internal\/common\/workers\.js$/,
  replacement: fileURLToPath(new URL("src/editor/language-worker.ts", import.meta.url)),
};

/** The playground: root web/, output dist/web (wrangler.toml serves it as assets). */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  publicDir: "public",
  base: "/",
  resolve: { alias: [LANGUAGE_WORKER] },
  plugins: [findBeforeReady(), preloadEditor()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    // No inline polyfill script: the CSP has no 'unsafe-inline' for scripts.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4096,
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Only the modules each test names: following their imports would pull vs/base
          // into the first layer's chunk and make the chunks import each other in a cycle.
          includeDependenciesRecursively: false,
          groups: MONACO_LAYERS,
        },
      },
    },
  },
  worker: { format: "es" },
});

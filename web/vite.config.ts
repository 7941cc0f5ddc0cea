import { dirname, resolve } from "node:path";
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
        // The editor chunk and every chunk it imports (MONACO_LAYERS), not the entry. Not
        // the contributions (monaco-contributions.ts, imported once the editor is up): a
        // preload would compile them on the cores the editor's own chunks need.
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

/** A class that says it is not bundled if it is ever constructed. */
const unused = (name: string): string => `export class ${name} {
  constructor() {
    throw new Error("${name} is not bundled in the playground (web/vite.config.ts)");
  }
}
`;

/**
 * Monaco modules the playground never runs, each replaced by a module exporting the
 * same name (a class that throws, or a cheap equivalent): less JS for every cold load to
 * compile and run before the editor is ready. Keyed by path under monaco-editor/esm/vs.
 */
const MONACO_STUBS: Readonly<Record<string, string>> = {
  // Monaco's editor API module imports the diff editors (`createDiffEditor`,
  // `createMultiFileDiffEditor`), with their CSS; the playground never makes one.
  "editor/browser/widget/diffEditor/diffEditorWidget.js": unused("DiffEditorWidget"),
  "editor/browser/widget/multiDiffEditor/multiDiffEditorWidget.js": unused("MultiDiffEditorWidget"),
  // The WebGPU renderer (editor/browser/gpu: texture atlas, glyph rasterizer, WGSL
  // shaders). editor/browser/view.js is the only module outside it that imports these
  // four, and constructs them only when `experimentalGpuAcceleration` is "on"; it is
  // "off" by default and src/editor/monaco.ts says so explicitly. Everywhere else the
  // view passes `undefined` for the GPU context and parts (viewLine.js, mouseTarget.js,
  // renderingContext.js test `?.` / truthiness), so no static member is read either.
  "editor/browser/gpu/viewGpuContext.js": unused("ViewGpuContext"),
  "editor/browser/viewParts/viewLinesGpu/viewLinesGpu.js": unused("ViewLinesGpu"),
  "editor/browser/viewParts/rulersGpu/rulersGpu.js": unused("RulersGpu"),
  "editor/browser/viewParts/gpuMark/gpuMark.js": unused("GpuMarkOverlay"),
  // The minimap (canvas renderer, character atlas, slider, 36 KB): editor/browser/view.js
  // always constructs one and appends its DOM node, but src/editor/monaco.ts turns it off
  // (`minimap.enabled: false`), and then Monaco's own (viewParts/minimap/minimap.js,
  // InnerMinimap.render) draws nothing and gives it zero width (the layout's
  // minimap.minimapWidth is 0). The equivalent: a view part with an empty node. It
  // refuses an editor whose minimap is on rather than silently draw none; monaco.ts never
  // updates that option.
  "editor/browser/viewParts/minimap/minimap.js": `
import { createFastDomNode } from "monaco-editor/base/browser/fastDomNode.js";
import { EditorOptions } from "monaco-editor/editor/common/config/editorOptions.js";
import { ViewPart } from "monaco-editor/editor/browser/view/viewPart.js";
export class Minimap extends ViewPart {
  constructor(context) {
    super(context);
    if (context.configuration.options.get(EditorOptions.minimap.id).enabled)
      throw new Error("Monaco's minimap is not bundled in the playground (web/vite.config.ts)");
    this._domNode = createFastDomNode(document.createElement("div"));
    this._domNode.setAttribute("aria-hidden", "true");
  }
  getDomNode() {
    return this._domNode;
  }
  prepareRender() {}
  render() {}
}
`,
  // The editor worker's code (diff computers, link/colour computers, unicode highlighter:
  // 139 KB of source), which editor/browser/services/editorWorkerService.js imports only to
  // run it on the main thread (SynchronousWorkerClient) if the web worker cannot be
  // created or does not answer its $ping. The equivalent loads that module when such a
  // fallback is first made: its callers only ever await what a method returns (the same
  // calls go to a worker proxy otherwise), and calls run in their order once it is there.
  // The worker bundle (src/editor/monaco.ts's ?worker import) is built without this plugin.
  "editor/common/services/editorWebWorker.js": `
export class EditorWorker {
  constructor(...args) {
    const real = import("monaco-editor/editor/common/services/editorWebWorker.js").then(
      (m) => new m.EditorWorker(...args),
    );
    // Not a thenable (\`await\` would call it), and no symbol-keyed members.
    const method = (_, key) =>
      key === "then" || typeof key !== "string"
        ? undefined
        : (...a) => real.then((worker) => worker[key](...a));
    return new Proxy({}, { get: method });
  }
}
`,
};
const STUB = "\0monaco-stub:";

function stubMonaco(): Plugin {
  return {
    name: "stub-monaco",
    enforce: "pre",
    resolveId(source, importer) {
      if (!importer?.includes("/monaco-editor/esm/vs/") || !source.startsWith(".")) return null;
      const path = resolve(dirname(importer), source);
      const key = Object.keys(MONACO_STUBS).find((suffix) => path.endsWith(`/vs/${suffix}`));
      return key ? `${STUB}${key}` : null;
    },
    load(id) {
      return id.startsWith(STUB) ? (MONACO_STUBS[id.slice(STUB.length)] ?? null) : null;
    },
  };
}

/**
 * Monaco's editor options (editor/common/config/editorOptions.js, 102 KB minified, and
 * editorConfigurationSchema.js) carry a JSON schema for each option whose description,
 * markdownDescription, enumDescriptions and markdownEnumDescriptions are written for VS
 * Code's settings editor: ~40 KB of prose every cold load compiles before the editor is
 * ready. The standalone editor registers the schemas with its configuration registry
 * (platform/configuration/common/configurationRegistry.js) but nothing in Monaco reads
 * those four properties back (no settings UI), so each `localize(...)` there becomes "".
 * Build error if either module is not found or yields too few, so a Monaco update cannot
 * silently undo this.
 */
const OPTION_SCHEMAS =
  /\/monaco-editor\/esm\/vs\/editor\/common\/config\/(editorOptions|editorConfigurationSchema)\.js$/;
const PROSE = new Set([
  "description",
  "markdownDescription",
  "enumDescriptions",
  "markdownEnumDescriptions",
]);

interface Node {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}
const isNode = (v: unknown): v is Node =>
  typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string";

function stripOptionDescriptions(): Plugin {
  const stripped = new Set<string>();
  return {
    name: "strip-option-descriptions",
    apply: "build",
    buildStart() {
      stripped.clear();
    },
    buildEnd(error) {
      // Both modules must have been seen: a Monaco update that moves one would otherwise
      // bring its prose back without a word.
      if (!error && stripped.size !== 2)
        throw new Error(`option schemas stripped in ${stripped.size} of 2 Monaco modules`);
    },
    transform(code, id) {
      const match = OPTION_SCHEMAS.exec(id);
      if (!match) return null;
      stripped.add(match[1] ?? id);
      const cuts: { start: number; end: number; text: string }[] = [];
      const isLocalize = (v: unknown): v is Node =>
        isNode(v) && v.type === "CallExpression" && code.startsWith("localize(", v.start);
      const visit = (v: unknown): void => {
        if (Array.isArray(v)) {
          for (const item of v) visit(item);
          return;
        }
        if (!isNode(v)) return;
        if (v.type === "Property") {
          const { key, value } = v as Node & { key: unknown; value: unknown };
          const prose =
            isNode(key) &&
            key.type === "Identifier" &&
            PROSE.has((key as Node & { name: string }).name);
          if (prose && isLocalize(value)) {
            cuts.push({ start: value.start, end: value.end, text: '""' });
            return;
          }
          if (prose && isNode(value) && value.type === "ArrayExpression") {
            const { elements } = value as Node & { elements: unknown[] };
            if (elements.length > 0 && elements.every(isLocalize)) {
              cuts.push({ start: value.start, end: value.end, text: "[]" });
              return;
            }
          }
        }
        for (const [k, child] of Object.entries(v)) if (k !== "type") visit(child);
      };
      visit(this.parse(code));
      if (cuts.length < 20) throw new Error(`${id}: only ${cuts.length} option descriptions found`);
      let out = "";
      let at = 0;
      for (const c of cuts.sort((a, b) => a.start - b.start)) {
        out += code.slice(at, c.start) + c.text;
        at = c.end;
      }
      return { code: out + code.slice(at), map: null };
    },
  };
}

/**
 * The modules src/editor/monaco.ts imports statically, directly or not: all that must run
 * before the editor is ready. Filled once the build has read every module (buildEnd),
 * before rolldown makes the chunks. The layers hold only these: a layer module that only
 * the contributions import (platform/actionWidget's action list, 50 KB minified, the find
 * widget's replace input, ...) stays with them, in a chunk loaded after the editor is up,
 * instead of being compiled by every cold load before it.
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
  // The rest (standalone services, our editor module) stays in "monaco"; what only the
  // contributions import, in theirs.
];

/** The playground: root web/, output dist/web (wrangler.toml serves it as assets). */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  publicDir: "public",
  base: "/",
  plugins: [stubMonaco(), stripOptionDescriptions(), findBeforeReady(), preloadEditor()],
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

/**
 * Monaco modules replaced at build time (web/vite.config.ts's first plugin): less JS for
 * every cold load to compile and run before the editor is ready.
 */
import { dirname, resolve } from "node:path";
import type { Plugin } from "vite";

/** A class that says it is not bundled if it is ever constructed. */
const unused = (name: string): string => `export class ${name} {
  constructor() {
    throw new Error("${name} is not bundled in the playground (web/build/monaco-stubs.ts)");
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
      throw new Error("Monaco's minimap is not bundled in the playground (web/build/monaco-stubs.ts)");
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

export function stubMonaco(): Plugin {
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

/**
 * Stands in for monaco-editor's `internal/common/workers.js` (web/vite.config.ts points
 * the language services' imports of it here). That module imports every editor
 * contribution (context menu, code lens, colour picker, …: the whole `editor.main`)
 * before it starts a worker, which made the JSON mode's chunk 617 KB and would switch on
 * features the playground leaves out on purpose (monaco-features.ts). Starting a
 * language worker needs only the editor API's `createWebWorker`; the worker comes from
 * `MonacoEnvironment.getWorker` by its label (monaco.ts), as in Monaco's own module.
 */
import { editor } from "monaco-editor/editor";

interface LanguageWorkerOptions {
  readonly moduleId: string;
  readonly label?: string;
  readonly createWorker?: () => Worker;
  readonly createData?: unknown;
  readonly host?: Record<string, (...args: never[]) => unknown>;
  readonly keepIdleModels?: boolean;
}

export function createWebWorker<T extends object>(opts: LanguageWorkerOptions) {
  const label = opts.label ?? "monaco-editor-worker";
  const made = self.MonacoEnvironment?.getWorker?.("workerMain.js", label) ?? opts.createWorker?.();
  if (!made) throw new Error(`No worker for the ${label} language service`);
  // Monaco's protocol: a first message the worker ignores, then its create data.
  const worker = Promise.resolve(made).then((w) => {
    w.postMessage("ignore");
    w.postMessage(opts.createData);
    return w;
  });
  return editor.createWebWorker<T>({
    worker,
    ...(opts.host ? { host: opts.host } : {}),
    ...(opts.keepIdleModels !== undefined ? { keepIdleModels: opts.keepIdleModels } : {}),
  });
}

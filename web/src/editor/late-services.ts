/**
 * Services of the contributions registered before the first editor, their code after it.
 *
 * Monaco's standalone services are collected once, the first time any of them is used
 * (editor/standalone/browser/standaloneServices.js, `initialize`, which `get` calls; here
 * monaco.ts's module body, whose `defineTheme` asks for the theme service): a service
 * whose module (`registerSingleton`) runs later is never found, and the contributions that
 * need it fail to construct. Importing those modules that early, though, pulled their code
 * (peek view, go to definition/references, marker navigation, suggest memory: ~100 KB
 * minified) into what every cold load compiles before the editor is ready.
 *
 * So for each, a stand-in is registered now under the same id (`createDecorator` returns
 * the one identifier per name, platform/instantiation/common/instantiation.js). It is
 * constructed the first time something asks for the service, and then builds the real
 * one, which its module (loaded with monaco-contributions.ts) has registered by then. Only
 * the contributions ask for these services, and they are constructed after that module.
 */
import {
  getSingletonServiceDescriptors,
  registerSingleton,
  type SyncDescriptorLike,
} from "monaco-editor/platform/instantiation/common/extensions";
import {
  createDecorator,
  IInstantiationService,
  type InstantiationServiceLike,
  type ServiceIdentifier,
} from "monaco-editor/platform/instantiation/common/instantiation";

/** Each service's id, as its module's `createDecorator` call names it. */
const LATE_SERVICES = [
  "IPeekViewService", // editor/contrib/peekView/browser/peekView.js
  "ISymbolNavigationService", // editor/contrib/gotoSymbol/browser/symbolNavigation.js
  "IMarkerNavigationService", // editor/contrib/gotoError/browser/markerNavigationService.js
  "ISuggestMemories", // editor/contrib/suggest/browser/suggestMemory.js
] as const;

const standIns = new Set<unknown>();

/** The descriptor the service's own module registered, if it has run. */
function realDescriptor(id: ServiceIdentifier): SyncDescriptorLike | undefined {
  return getSingletonServiceDescriptors().findLast(
    ([i, d]) => i === id && !standIns.has(d.ctor),
  )?.[1];
}

for (const name of LATE_SERVICES) {
  const id = createDecorator(name);
  class StandIn {
    constructor(instantiation: InstantiationServiceLike) {
      const real = realDescriptor(id);
      if (!real) throw new Error(`${name} is asked for before its module has loaded`);
      // A constructor that returns an object makes `new` give that object: the service.
      // biome-ignore lint/correctness/noConstructorReturn: the stand-in is that
      return instantiation.createInstance(real) as StandIn;
    }
  }
  // What `@IInstantiationService` on the parameter would record: the owner of the service
  // (the root instantiation service) passes itself, as it does to any service.
  IInstantiationService(StandIn, undefined, 0);
  standIns.add(StandIn);
  // 0: built when first asked for, without the proxy Monaco puts before "delayed" services
  // until first used: the real one is then built when the first contribution needing it
  // is constructed rather than at its first use, which changes nothing it does.
  registerSingleton(id, StandIn, 0);
}

/** Throws unless every late service's module has registered it (call after loading them). */
export function checkLateServices(): void {
  const missing = LATE_SERVICES.filter((name) => !realDescriptor(createDecorator(name)));
  if (missing.length > 0) throw new Error(`Monaco services not registered: ${missing.join(", ")}`);
}

/**
 * The few Monaco internals late-services.ts uses, which monaco-editor ships without type
 * declarations (only its public API, editor.api.d.ts, has them). Written from the
 * monaco-editor 0.57 sources named in each module; only what is called.
 */

declare module "monaco-editor/platform/instantiation/common/instantiation" {
  /** A service's id; also a parameter decorator recording the dependency on it. */
  export interface ServiceIdentifier {
    (target: object, key: string | undefined, index: number): void;
    toString(): string;
  }
  /** The same identifier for the same name (instantiation.js caches them in _util). */
  export function createDecorator(serviceId: string): ServiceIdentifier;
  export interface InstantiationServiceLike {
    createInstance(descriptor: unknown): object;
  }
  export const IInstantiationService: ServiceIdentifier;
}

declare module "monaco-editor/platform/instantiation/common/extensions" {
  import type { ServiceIdentifier } from "monaco-editor/platform/instantiation/common/instantiation";
  export interface SyncDescriptorLike {
    readonly ctor: unknown;
  }
  /** 0 = instantiated when first asked for, 1 = behind a proxy until first used. */
  export function registerSingleton(
    id: ServiceIdentifier,
    ctor: new (...args: never[]) => object,
    instantiationType: 0 | 1,
  ): void;
  export function getSingletonServiceDescriptors(): ReadonlyArray<
    readonly [ServiceIdentifier, SyncDescriptorLike]
  >;
}

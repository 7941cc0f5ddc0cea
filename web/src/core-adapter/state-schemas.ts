/**
 * The contract's schemas the share-link schema (state/schema.ts) reuses, apart from the
 * index: they bring zod, which the page's first script must not load.
 */
export { RequestedModelSchema } from "../../../functions/core/contract/strategy";

/**
 * The HTTP contract (shared/spec/api.md) as zod schemas and the types inferred from them:
 * what the core produces, the API validates and documents, and the web reads.
 */
export * from "./migrate";
export * from "./plan";
export * from "./request";
export * from "./response";
export * from "./spf";

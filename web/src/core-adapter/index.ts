/**
 * The one way the web app reaches the evaluation core (functions/**), so the browser's
 * live diagnostics, hovers, completions and offline Runs come from the very code the
 * Worker runs: every other module in web/ imports from here, never from functions/. The
 * heavy parts (the config loader, the planner, zod) are imported when first used.
 */
export * from "./contract";
export * from "./model-reading";
export * from "./offline";
export * from "./settings";
export * from "./settings-v013";

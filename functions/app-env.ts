/** The Hono environment every route and middleware shares: bindings and injected deps. */
import type { AppDeps } from "./deps";

export type AppEnv = { Bindings: Env; Variables: { deps: AppDeps } };

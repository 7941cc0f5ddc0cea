/**
 * Hono on its TrieRouter alone, built the way hono's own presets are (`hono/tiny`,
 * `hono/quick`). The default preset adds the RegExpRouter and the SmartRouter that picks
 * one of the two: ~2 KB gzip more for the same routing (Worker bundle budget ≤ 150 KB gzip,
 * BENCHMARKS.md §3). `hono/tiny`'s PatternRouter is not used: it makes a trailing slash
 * optional (`/api/health/` would answer as `/api/health`, and a wrong method there would
 * be a 404, not a 405). The TrieRouter is also the one `methodNotAllowed` matches paths
 * with, so the routes and the 405s agree on every path.
 */

import { HonoBase, type HonoOptions } from "hono/hono-base";
import { TrieRouter } from "hono/router/trie-router";
import type { BlankSchema, Env, Schema } from "hono/types";

export class Hono<
  E extends Env = Env,
  S extends Schema = BlankSchema,
  BasePath extends string = "/",
> extends HonoBase<E, S, BasePath> {
  constructor(options: HonoOptions<E> = {}) {
    super({ ...options, router: new TrieRouter() });
  }
}

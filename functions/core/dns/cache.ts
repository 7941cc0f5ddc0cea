/**
 * Cache of DoH response bodies, keyed by the GET URL (which, with DNS id 0, is fully
 * determined by resolver, name and type). Two layers:
 * - an in-memory LRU per isolate, bounded, honouring TTLs against the injected clock;
 *   every lookup reads it synchronously;
 * - the Cache API when the platform has one (`caches` in workerd and browsers), used for
 *   whole evaluations rather than single queries: after an evaluation that queried the
 *   network, the bodies it used are stored as one entry keyed by resolver and domain
 *   (cache-bundle.ts), expiring with the longest TTL; a later evaluation of that domain in
 *   another isolate reads it once, raced against its first query (doh-client.ts).
 * Only cacheable outcomes are stored (the client decides: NOERROR/NXDOMAIN answers).
 */
import type { Clock } from "../io";
import { type BundleEntry, decodeBundle, encodeBundle } from "./cache-bundle";
import type { CacheSession } from "./types";

export interface CachedBody {
  readonly body: Uint8Array;
  /** Seconds left before expiry when known (memory layer), else null. */
  readonly ttlLeft: number | null;
}

export interface DnsCache {
  /** The in-memory layer: synchronous, no platform round trip. */
  peek(key: string): CachedBody | undefined;
  /** Keeps a body in memory for `ttlSeconds` (capped); a zero TTL stores nothing. */
  put(key: string, body: Uint8Array, ttlSeconds: number): void;
  /**
   * Loads the bundle stored under `bundleKey` into memory (entries not yet expired).
   * Never rejects; resolves at once when the platform has no Cache API.
   */
  warm(bundleKey: string): Promise<void>;
  /**
   * Stores the memory entries of `keys` that are still fresh as one platform entry under
   * `bundleKey`, in the background (never delays an answer); `settled()` waits for the
   * writes started so far, for `waitUntil`.
   */
  storeBundle(bundleKey: string, keys: Iterable<string>): void;
  settled(): Promise<void>;
}

/** The slice of the Cache API we use (workerd's `caches`, the browser's `CacheStorage`). */
export interface CacheStorageLike {
  open(name: string): Promise<{
    match(request: string): Promise<Response | undefined>;
    put(request: string, response: Response): Promise<void>;
  }>;
}

export interface DnsCacheOptions {
  readonly clock: Clock;
  /** Most entries kept in memory; the least recently used goes first. */
  readonly maxEntries?: number;
  /** Upper bound on any TTL we honour, in seconds (a hostile TTL cannot pin an entry). */
  readonly maxTtl?: number;
  /** Cache API storage; pass `globalThis.caches` where it exists, or omit. */
  readonly storage?: CacheStorageLike;
}

export const DEFAULT_CACHE_ENTRIES = 2_000;
export const DEFAULT_MAX_TTL = 3_600;
const CACHE_NAME = "doh-responses";

interface Entry {
  readonly body: Uint8Array;
  readonly expires: number;
}

/** The bounded LRU alone; exported for tests and for platforms without a Cache API. */
export class MemoryLru {
  readonly #map = new Map<string, Entry>();
  constructor(
    private readonly clock: Clock,
    private readonly maxEntries: number,
  ) {}

  get size(): number {
    return this.#map.size;
  }

  get(key: string): CachedBody | undefined {
    const entry = this.#map.get(key);
    if (entry === undefined) return undefined;
    const left = entry.expires - this.clock.now();
    if (left <= 0) {
      this.#map.delete(key);
      return undefined;
    }
    // Map keeps insertion order: re-inserting marks the entry most recently used.
    this.#map.delete(key);
    this.#map.set(key, entry);
    return { body: entry.body, ttlLeft: Math.ceil(left / 1000) };
  }

  /** The stored entry without marking it used, or undefined when absent or expired. */
  entry(key: string): { readonly body: Uint8Array; readonly expires: number } | undefined {
    const entry = this.#map.get(key);
    return entry !== undefined && entry.expires > this.clock.now() ? entry : undefined;
  }

  put(key: string, body: Uint8Array, ttlSeconds: number): void {
    if (!(ttlSeconds > 0) || this.maxEntries <= 0) return;
    this.#map.delete(key);
    this.#map.set(key, { body, expires: this.clock.now() + ttlSeconds * 1000 });
    while (this.#map.size > this.maxEntries) {
      const oldest = this.#map.keys().next();
      if (oldest.done) break;
      this.#map.delete(oldest.value);
    }
  }
}

export function createDnsCache(options: DnsCacheOptions): DnsCache {
  const clock = options.clock;
  const memory = new MemoryLru(clock, options.maxEntries ?? DEFAULT_CACHE_ENTRIES);
  const maxTtl = options.maxTtl ?? DEFAULT_MAX_TTL;
  const storage = options.storage;
  // One open() per cache, not per lookup: each is a platform round trip.
  let opened: ReturnType<CacheStorageLike["open"]> | undefined;
  const open = () => {
    opened ??= storage?.open(CACHE_NAME);
    return opened;
  };
  const writes = new Set<Promise<void>>();
  const put = (key: string, body: Uint8Array, ttlSeconds: number): void => {
    const ttl = Math.min(Math.floor(ttlSeconds), maxTtl);
    if (ttl > 0) memory.put(key, body, ttl);
  };
  return {
    peek: (key) => memory.get(key),
    put,
    async warm(bundleKey) {
      if (storage === undefined) return;
      try {
        const cache = await open();
        const res = await cache?.match(bundleKey);
        if (res === undefined || !res.ok) return;
        const now = clock.now();
        for (const e of decodeBundle(await res.text())) {
          // Seconds left, rounded down: an entry never outlives the TTL it was given.
          const left = Math.floor((e.expires - now) / 1000);
          if (left > 0 && memory.entry(e.key) === undefined) put(e.key, e.body, left);
        }
      } catch {
        // A broken platform cache only costs queries.
      }
    },
    storeBundle(bundleKey, keys) {
      if (storage === undefined) return;
      const entries: BundleEntry[] = [];
      let longest = 0;
      for (const key of keys) {
        const e = memory.entry(key);
        if (e === undefined) continue;
        entries.push({ key, body: e.body, expires: e.expires });
        longest = Math.max(longest, e.expires);
      }
      const ttl = Math.min(Math.floor((longest - clock.now()) / 1000), maxTtl);
      if (entries.length === 0 || !(ttl > 0)) return;
      const write = (async () => {
        try {
          const cache = await open();
          await cache?.put(
            bundleKey,
            new Response(encodeBundle(entries), {
              headers: { "content-type": "application/json", "cache-control": `max-age=${ttl}` },
            }),
          );
        } catch {
          // Cache API failures are not lookup failures.
        }
      })();
      writes.add(write);
      void write.then(() => writes.delete(write));
    },
    async settled() {
      await Promise.all([...writes]);
    },
  };
}

/**
 * The cache session of one evaluation under `bundleKey` (resolver and domain): the
 * platform read starts with the first lookup memory cannot answer (an evaluation that
 * needs no DoH answer, e.g. what-if records for every name, makes none), and `finish`
 * stores the bodies used, but only when this evaluation fetched something (otherwise the
 * stored bundle already holds them).
 */
export function openCacheSession(cache: DnsCache, bundleKey: string): CacheSession {
  const used = new Set<string>();
  let fetched = false;
  let reading: Promise<void> | undefined;
  return {
    get ready() {
      reading ??= cache.warm(bundleKey);
      return reading;
    },
    used(key, fromNetwork) {
      used.add(key);
      fetched ||= fromNetwork;
    },
    finish() {
      if (fetched) cache.storeBundle(bundleKey, used);
    },
  };
}

/** `globalThis.caches` when the platform has a Cache API, else undefined. */
export function platformCacheStorage(): CacheStorageLike | undefined {
  const c: unknown = (globalThis as { caches?: unknown }).caches;
  if (typeof c === "object" && c !== null && typeof (c as { open?: unknown }).open === "function") {
    return c as CacheStorageLike;
  }
  return undefined;
}

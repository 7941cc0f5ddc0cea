/**
 * Cache of DoH response bodies, keyed by the GET URL (which, with DNS id 0, is fully
 * determined by resolver, name and type). Two layers:
 * - an in-memory LRU per isolate, bounded, honouring TTLs against the injected clock;
 * - the Cache API when the platform has one (`caches` in workerd and browsers): the
 *   body is stored as a response with `cache-control: max-age=<min ttl>` so the
 *   platform expires it.
 * Only cacheable outcomes are stored (the client decides: NOERROR/NXDOMAIN answers).
 */
import type { Clock } from "../io";

export interface CachedBody {
  readonly body: Uint8Array;
  /** Seconds left before expiry when known (memory layer), else null. */
  readonly ttlLeft: number | null;
}

export interface DnsCache {
  /** Memory, then the Cache API: what a caller that can wait for both uses. */
  get(key: string): Promise<CachedBody | undefined>;
  /** The in-memory layer alone: synchronous, no platform round trip. */
  peek(key: string): CachedBody | undefined;
  /**
   * The Cache API layer alone, or undefined when the platform has none. The DoH client
   * races this against the network instead of waiting for it (doh-client.ts).
   */
  platform(key: string): Promise<CachedBody | undefined> | undefined;
  /**
   * Resolves once the memory layer has the entry. The Cache API write, which costs a
   * platform round trip, runs in the background (it never delays an answer); `settled()`
   * waits for the writes started so far, for `waitUntil`.
   */
  put(key: string, body: Uint8Array, ttlSeconds: number): Promise<void>;
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
  const memory = new MemoryLru(options.clock, options.maxEntries ?? DEFAULT_CACHE_ENTRIES);
  const maxTtl = options.maxTtl ?? DEFAULT_MAX_TTL;
  const storage = options.storage;
  // One open() per cache, not per lookup: each is a platform round trip.
  let opened: ReturnType<CacheStorageLike["open"]> | undefined;
  const open = () => {
    opened ??= storage?.open(CACHE_NAME);
    return opened;
  };
  const writes = new Set<Promise<void>>();
  const platform = async (key: string): Promise<CachedBody | undefined> => {
    try {
      const cache = await open();
      if (cache === undefined) return undefined;
      const res = await cache.match(key);
      if (res === undefined || !res.ok) return undefined;
      return { body: new Uint8Array(await res.arrayBuffer()), ttlLeft: null };
    } catch {
      return undefined; // a broken platform cache only costs a query
    }
  };
  return {
    async get(key) {
      const hit = memory.get(key);
      if (hit !== undefined || storage === undefined) return hit;
      return platform(key);
    },
    peek: (key) => memory.get(key),
    platform: (key) => (storage === undefined ? undefined : platform(key)),
    async put(key, body, ttlSeconds) {
      const ttl = Math.min(Math.floor(ttlSeconds), maxTtl);
      if (!(ttl > 0)) return;
      memory.put(key, body, ttl);
      if (storage === undefined) return;
      const write = (async () => {
        try {
          const cache = await open();
          await cache?.put(
            key,
            new Response(body.slice(), {
              headers: {
                "content-type": "application/dns-message",
                "cache-control": `max-age=${ttl}`,
              },
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

/** `globalThis.caches` when the platform has a Cache API, else undefined. */
export function platformCacheStorage(): CacheStorageLike | undefined {
  const c: unknown = (globalThis as { caches?: unknown }).caches;
  if (typeof c === "object" && c !== null && typeof (c as { open?: unknown }).open === "function") {
    return c as CacheStorageLike;
  }
  return undefined;
}

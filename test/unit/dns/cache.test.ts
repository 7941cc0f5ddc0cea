import { describe, expect, it } from "vitest";
import {
  type CacheStorageLike,
  createDnsCache,
  MemoryLru,
  openCacheSession,
} from "../../../functions/core/dns/cache";
import { decodeBundle, encodeBundle } from "../../../functions/core/dns/cache-bundle";
import { createDohClient } from "../../../functions/core/dns/doh-client";
import { MAX_BODY_BYTES } from "../../../functions/core/dns/wire";
import { fakeDoh, manualClock, soa } from "./fake-doh";

const bytes = (n: number) => new Uint8Array([n]);

describe("MemoryLru", () => {
  it("expires entries after their TTL on the injected clock", () => {
    const clock = manualClock();
    const lru = new MemoryLru(clock, 10);
    lru.put("k", bytes(1), 5);
    clock.advance(4_000);
    expect(lru.get("k")?.ttlLeft).toBe(1);
    clock.advance(1_000);
    expect(lru.get("k")).toBeUndefined();
    expect(lru.size).toBe(0);
  });

  it("evicts the least recently used entry past its bound", () => {
    const lru = new MemoryLru(manualClock(), 2);
    lru.put("a", bytes(1), 60);
    lru.put("b", bytes(2), 60);
    lru.get("a"); // a is now the most recent
    lru.put("c", bytes(3), 60);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")?.body).toEqual(bytes(1));
    expect(lru.get("c")?.body).toEqual(bytes(3));
  });

  it("does not store a zero TTL", () => {
    const lru = new MemoryLru(manualClock(), 2);
    lru.put("a", bytes(1), 0);
    expect(lru.get("a")).toBeUndefined();
  });
});

describe("DoH client with the cache", () => {
  function setup(ttl: number) {
    const fake = fakeDoh((name, type) =>
      name === "nx.example"
        ? { rcode: "NXDOMAIN", authorities: [soa("example", 300, 30)] }
        : name === "fail.example"
          ? { rcode: "SERVFAIL" }
          : { answers: [{ name, type: type as "A", ttl, data: "192.0.2.1" }] },
    );
    const clock = manualClock();
    const cache = createDnsCache({ clock });
    const doh = createDohClient({
      url: "https://doh.example/dns-query",
      fetch: fake.fetch,
      clock,
      cache,
    });
    return { doh, seen: fake.seen, clock };
  }

  it("serves a repeat from the cache until the TTL runs out", async () => {
    const { doh, seen, clock } = setup(10);
    const first = await doh.query("h.example", "A");
    expect(first.trace[0]?.from).toBe("doh");
    clock.advance(4_000);
    const second = await doh.query("h.example", "A");
    expect(second.result).toEqual(first.result);
    expect(second.trace[0]).toMatchObject({ from: "cache", ttl: 6 });
    expect(seen).toHaveLength(1);
    clock.advance(6_000);
    expect((await doh.query("h.example", "A")).trace[0]?.from).toBe("doh");
    expect(seen).toHaveLength(2);
  });

  it("caches NXDOMAIN for the SOA negative TTL but never errors", async () => {
    const { doh, seen, clock } = setup(10);
    await doh.query("nx.example", "A");
    clock.advance(29_000);
    expect((await doh.query("nx.example", "A")).trace[0]?.from).toBe("cache");
    clock.advance(1_000);
    expect((await doh.query("nx.example", "A")).trace[0]?.from).toBe("doh");
    await doh.query("fail.example", "A");
    await doh.query("fail.example", "A");
    expect(seen.filter((s) => s.name === "fail.example")).toHaveLength(2);
  });

  it("a cache hit does not take from the budget", async () => {
    const { doh } = setup(60);
    await doh.query("h.example", "A");
    let taken = 0;
    const budget = {
      limit: 0,
      take: () => {
        taken++;
        return false;
      },
      used: () => taken,
    };
    const r = await doh.query("h.example", "A", { budget });
    expect(r.result.status).toBe("ok");
    expect(taken).toBe(0);
  });
});

/** A Cache API stand-in over a Map; when `gated`, every match() waits for `release()`. */
function fakeStorage(store = new Map<string, Response>(), gated = false) {
  const waiting: (() => void)[] = [];
  const puts: string[] = [];
  let matches = 0;
  let opens = 0;
  const storage: CacheStorageLike = {
    open() {
      opens++;
      return Promise.resolve({
        async match(key: string) {
          matches++;
          if (gated) await new Promise<void>((r) => waiting.push(r));
          return store.get(key)?.clone();
        },
        async put(key: string, res: Response) {
          puts.push(key);
          store.set(key, res);
        },
      });
    },
  };
  return {
    storage,
    store,
    puts,
    matches: () => matches,
    /** Platform caches opened: a read or a write opens one synchronously as it starts. */
    opens: () => opens,
    /** Lets every pending match() answer (after letting reads reach their gate). */
    async release() {
      for (let i = 0; i < 10 && waiting.length === 0; i++) await Promise.resolve();
      for (const w of waiting.splice(0)) w();
    },
  };
}

const URL_ = "https://doh.example/dns-query";
const BUNDLE = `${URL_}?bundle=example.com`;

describe("Cache API bundles", () => {
  it("round-trips entries and ignores what it does not understand", () => {
    const entries = [{ key: "k1", body: Uint8Array.from([0, 255, 7]), expires: 1234 }];
    expect(decodeBundle(encodeBundle(entries))).toEqual(entries);
    for (const bad of ["", "{", "[]", '{"v":2,"entries":[]}', '{"v":1,"entries":[{"k":1}]}']) {
      expect(decodeBundle(bad)).toEqual([]);
    }
  });

  it("holds a body as large as the client accepts, and refuses a larger one", () => {
    const largest = [{ key: "k", body: new Uint8Array(MAX_BODY_BYTES).fill(7), expires: 1 }];
    expect(decodeBundle(encodeBundle(largest))).toEqual(largest);
    const tooLarge = [{ key: "k", body: new Uint8Array(MAX_BODY_BYTES + 1), expires: 1 }];
    expect(decodeBundle(encodeBundle(tooLarge))).toEqual([]);
  });

  it("stores the fresh entries used as one platform entry, with the longest TTL as max-age", async () => {
    const clock = manualClock();
    const platform = fakeStorage();
    const cache = createDnsCache({ clock, storage: platform.storage });
    cache.put("a", bytes(1), 30);
    cache.put("b", bytes(2), 300);
    cache.put("c", bytes(3), 5);
    clock.advance(10_000); // c has expired
    cache.storeBundle(BUNDLE, ["a", "b", "c", "missing"]);
    await cache.settled();
    expect(platform.puts).toEqual([BUNDLE]);
    const stored = platform.store.get(BUNDLE);
    expect(stored?.headers.get("cache-control")).toBe("max-age=290");
    const entries = decodeBundle((await stored?.clone().text()) ?? "");
    expect(entries.map((e) => e.key)).toEqual(["a", "b"]);
  });

  it("another isolate loads a bundle into memory with the TTL left, and drops expired entries", async () => {
    const clock = manualClock();
    const platform = fakeStorage();
    const writer = createDnsCache({ clock, storage: platform.storage });
    writer.put("a", bytes(1), 60);
    writer.put("b", bytes(2), 20);
    writer.storeBundle(BUNDLE, ["a", "b"]);
    await writer.settled();
    clock.advance(30_000);
    const reader = createDnsCache({ clock, storage: platform.storage });
    expect(reader.peek("a")).toBeUndefined();
    await reader.warm(BUNDLE);
    expect(reader.peek("a")).toEqual({ body: bytes(1), ttlLeft: 30 });
    expect(reader.peek("b")).toBeUndefined();
    expect(platform.matches()).toBe(1);
  });

  it("a session reads the platform only once a lookup asks for it, and only once", async () => {
    const platform = fakeStorage();
    const cache = createDnsCache({ clock: manualClock(), storage: platform.storage });
    const session = openCacheSession(cache, BUNDLE);
    session.used("a", false);
    session.finish();
    expect(platform.opens()).toBe(0);
    await session.ready;
    await session.ready;
    expect(platform.matches()).toBe(1);
  });

  it("a session stores only when the evaluation fetched something", async () => {
    const platform = fakeStorage();
    const cache = createDnsCache({ clock: manualClock(), storage: platform.storage });
    cache.put("a", bytes(1), 60);
    const hitsOnly = openCacheSession(cache, BUNDLE);
    hitsOnly.used("a", false);
    hitsOnly.finish();
    await cache.settled();
    expect(platform.puts).toEqual([]);
    const fetched = openCacheSession(cache, BUNDLE);
    fetched.used("a", true);
    fetched.finish();
    await cache.settled();
    expect(platform.puts).toEqual([BUNDLE]);
  });

  it("writes the bundle in the background, and settled() waits for the write", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const written: string[] = [];
    const storage: CacheStorageLike = {
      async open() {
        return {
          async match() {
            return undefined;
          },
          async put(key: string) {
            await gate;
            written.push(key);
          },
        };
      },
    };
    const cache = createDnsCache({ clock: manualClock(), storage });
    cache.put("k", bytes(1), 60);
    cache.storeBundle(BUNDLE, ["k"]);
    expect(cache.peek("k")?.body).toEqual(bytes(1));
    expect(written).toEqual([]);
    release();
    await cache.settled();
    expect(written).toEqual([BUNDLE]);
  });
});

describe("DoH client racing the evaluation's platform read against the network", () => {
  const answerFor = () =>
    fakeDoh((name, type) => ({
      answers: [{ name, type: type as "A", ttl: 60, data: "192.0.2.7" }],
    }));

  /** A fetch that answers only when released, and reports whether it was called or aborted. */
  function gatedFetch(inner: ReturnType<typeof answerFor>) {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let aborted = false;
    let called = false;
    const fetch: typeof inner.fetch = async (input, init) => {
      called = true;
      init.signal?.addEventListener("abort", () => {
        aborted = true;
      });
      await gate;
      return inner.fetch(input, init);
    };
    return { fetch, release: () => release(), aborted: () => aborted, called: () => called };
  }

  /** A platform cache holding a bundle with the answer of `name A` from a first isolate. */
  async function withStoredAnswer(name: string, gated: boolean) {
    const store = new Map<string, Response>();
    const first = createDnsCache({ clock: manualClock(), storage: fakeStorage(store).storage });
    const session = openCacheSession(first, BUNDLE);
    const client = createDohClient({
      url: URL_,
      fetch: answerFor().fetch,
      clock: manualClock(),
      cache: first,
    });
    await client.query(name, "A", { session });
    session.finish();
    await first.settled();
    expect([...store.keys()]).toEqual([BUNDLE]);
    return fakeStorage(store, gated);
  }

  it("sends the query without waiting for the platform read; stored answers that come first win", async () => {
    const platform = await withStoredAnswer("h.example", true);
    const net = answerFor();
    const gated = gatedFetch(net);
    const cache = createDnsCache({ clock: manualClock(), storage: platform.storage });
    const client = createDohClient({ url: URL_, fetch: gated.fetch, clock: manualClock(), cache });
    const pending = client.query("h.example", "A", { session: openCacheSession(cache, BUNDLE) });
    await Promise.resolve();
    expect(gated.called()).toBe(true); // the exchange started while the read is pending
    await platform.release();
    const r = await pending;
    expect(r.trace[0]?.from).toBe("cache");
    expect(r.result).toEqual({ status: "ok", answers: [{ type: "A", address: "192.0.2.7" }] });
    expect(gated.aborted()).toBe(true);
  });

  it("answers from the network when it is first, without waiting for the platform read", async () => {
    const platform = fakeStorage(new Map(), true); // never released
    const net = answerFor();
    const cache = createDnsCache({ clock: manualClock(), storage: platform.storage });
    const client = createDohClient({ url: URL_, fetch: net.fetch, clock: manualClock(), cache });
    const r = await client.query("h.example", "A", { session: openCacheSession(cache, BUNDLE) });
    expect(r.trace[0]?.from).toBe("doh");
    expect(net.seen).toHaveLength(1);
  });

  it("falls back to stored answers when the exchange fails or the budget refuses it", async () => {
    const failing = fakeDoh(() => new Response("down", { status: 503 }));
    for (const ctx of [{}, { budget: { limit: 0, take: () => false, used: () => 0 } }]) {
      const platform = await withStoredAnswer("h.example", true);
      const cache = createDnsCache({ clock: manualClock(), storage: platform.storage });
      const client = createDohClient({
        url: URL_,
        fetch: failing.fetch,
        clock: manualClock(),
        cache,
      });
      const pending = client.query("h.example", "A", {
        ...ctx,
        session: openCacheSession(cache, BUNDLE),
      });
      // Let the exchange fail (or be refused) before the platform read completes.
      for (let i = 0; i < 20; i++) await Promise.resolve();
      await platform.release();
      const r = await pending;
      expect(r.trace[0]?.from).toBe("cache");
      expect(r.result.status).toBe("ok");
    }
  });

  it("does not wait past the evaluation's deadline for a platform read that never settles", async () => {
    const failing = fakeDoh(() => new Response("down", { status: 503 }));
    const platform = fakeStorage(new Map(), true); // never released
    const clock = manualClock();
    const cache = createDnsCache({ clock, storage: platform.storage });
    const client = createDohClient({ url: URL_, fetch: failing.fetch, clock, cache });
    const r = await client.query("h.example", "A", {
      deadline: clock.now() + 30,
      session: openCacheSession(cache, BUNDLE),
    });
    expect(r.result).toEqual({ status: "error", message: "HTTP 503 from resolver" });
  });

  it("past the deadline, still serves a stored answer the platform read has", async () => {
    const platform = await withStoredAnswer("h.example", false);
    const net = answerFor();
    const clock = manualClock();
    const cache = createDnsCache({ clock, storage: platform.storage });
    const client = createDohClient({ url: URL_, fetch: net.fetch, clock, cache });
    const r = await client.query("h.example", "A", {
      deadline: clock.now() - 1,
      session: openCacheSession(cache, BUNDLE),
    });
    expect(net.seen).toHaveLength(0); // the deadline refused the exchange
    expect(r.trace[0]?.from).toBe("cache");
    expect(r.result.status).toBe("ok");
  });
});

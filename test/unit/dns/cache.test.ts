import { describe, expect, it } from "vitest";
import {
  type CacheStorageLike,
  createDnsCache,
  MemoryLru,
} from "../../../functions/core/dns/cache";
import { createDohClient } from "../../../functions/core/dns/doh-client";
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

describe("Cache API layer", () => {
  it("stores the body with cache-control max-age and reads it back when memory misses", async () => {
    const store = new Map<string, Response>();
    const storage: CacheStorageLike = {
      async open() {
        return {
          async match(key: string) {
            return store.get(key)?.clone();
          },
          async put(key: string, res: Response) {
            store.set(key, res);
          },
        };
      },
    };
    const clock = manualClock();
    const writer = createDnsCache({ clock, storage });
    await writer.put("https://doh.example/dns-query?dns=AAAA", bytes(7), 42);
    // The platform write runs in the background: an answer never waits for it.
    await writer.settled();
    expect(store.get("https://doh.example/dns-query?dns=AAAA")?.headers.get("cache-control")).toBe(
      "max-age=42",
    );
    // Another isolate: empty memory, same platform cache.
    const reader = createDnsCache({ clock, storage });
    expect((await reader.get("https://doh.example/dns-query?dns=AAAA"))?.body).toEqual(bytes(7));
  });

  it("does not hold a put until the platform write is done", async () => {
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
    await cache.put("k", bytes(1), 60);
    expect((await cache.get("k"))?.body).toEqual(bytes(1));
    expect(written).toEqual([]);
    release();
    await cache.settled();
    expect(written).toEqual(["k"]);
  });
});

describe("DoH client racing the Cache API against the network", () => {
  const URL_ = "https://doh.example/dns-query";
  const answerFor = (ttl: number) =>
    fakeDoh((name, type) => ({ answers: [{ name, type: type as "A", ttl, data: "192.0.2.7" }] }));

  /** A platform cache whose reads resolve only when the test says so. */
  function gatedStorage(stored: Map<string, Response>) {
    const gates: (() => void)[] = [];
    const storage: CacheStorageLike = {
      async open() {
        return {
          async match(key: string) {
            await new Promise<void>((r) => gates.push(r));
            return stored.get(key)?.clone();
          },
          async put(key: string, res: Response) {
            stored.set(key, res);
          },
        };
      },
    };
    const openGates = async () => {
      // open() and match() are two awaits deep: let the read reach its gate first.
      for (let i = 0; i < 5 && gates.length === 0; i++) await Promise.resolve();
      for (const g of gates.splice(0)) g();
    };
    return { storage, openGates };
  }

  /** A fetch that answers only when released, and reports whether it was aborted. */
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

  /** Stores one real answer for `name A` in `stored`, through another client's cache. */
  async function seed(stored: Map<string, Response>, name: string) {
    const writer = createDnsCache({ clock: manualClock(), storage: gatedStorage(stored).storage });
    const client = createDohClient({
      url: URL_,
      fetch: answerFor(60).fetch,
      clock: manualClock(),
      cache: writer,
    });
    await client.query(name, "A");
    await writer.settled();
    expect(stored.size).toBe(1);
  }

  it("sends the query without waiting for the platform read; a platform hit that comes first wins", async () => {
    const stored = new Map<string, Response>();
    await seed(stored, "h.example");
    const { storage, openGates } = gatedStorage(stored);
    const net = answerFor(60);
    const gated = gatedFetch(net);
    const client = createDohClient({
      url: URL_,
      fetch: gated.fetch,
      clock: manualClock(),
      cache: createDnsCache({ clock: manualClock(), storage }),
    });
    const pending = client.query("h.example", "A");
    await Promise.resolve();
    // The exchange started while the platform read is still pending.
    expect(gated.called()).toBe(true);
    await openGates();
    const r = await pending;
    expect(r.trace[0]?.from).toBe("cache");
    expect(r.result).toEqual({ status: "ok", answers: [{ type: "A", address: "192.0.2.7" }] });
    expect(gated.aborted()).toBe(true);
  });

  it("answers from the network when it is first, without waiting for the platform read", async () => {
    const { storage } = gatedStorage(new Map()); // never opened: the read never completes
    const net = answerFor(60);
    const client = createDohClient({
      url: URL_,
      fetch: net.fetch,
      clock: manualClock(),
      cache: createDnsCache({ clock: manualClock(), storage }),
    });
    const r = await client.query("h.example", "A");
    expect(r.trace[0]?.from).toBe("doh");
    expect(net.seen).toHaveLength(1);
  });

  it("falls back to the platform's answer when the exchange fails or the budget refuses it", async () => {
    const stored = new Map<string, Response>();
    await seed(stored, "h.example");
    const failing = fakeDoh(() => new Response("down", { status: 503 }));
    for (const ctx of [{}, { budget: { limit: 0, take: () => false, used: () => 0 } }]) {
      const { storage, openGates } = gatedStorage(stored);
      const client = createDohClient({
        url: URL_,
        fetch: failing.fetch,
        clock: manualClock(),
        cache: createDnsCache({ clock: manualClock(), storage }),
      });
      const pending = client.query("h.example", "A", ctx);
      // Let the exchange fail (or be refused) before the platform read completes.
      for (let i = 0; i < 20; i++) await Promise.resolve();
      await openGates();
      const r = await pending;
      expect(r.trace[0]?.from).toBe("cache");
      expect(r.result.status).toBe("ok");
    }
  });
});

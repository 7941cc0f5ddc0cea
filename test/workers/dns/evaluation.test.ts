/**
 * The per-evaluation resolver and the cache inside workerd, with query counts asserted
 * from the proxy. Runs its tests in sequence (proxy latency and max-in-flight are global).
 */
import { afterEach, describe, expect, it } from "vitest";
import { createDnsCache, platformCacheStorage } from "../../../functions/core/dns/cache";
import { createDohClient } from "../../../functions/core/dns/doh-client";
import { createEvaluationResolver } from "../../../functions/core/dns/evaluation-resolver";
import { RecordsResolver } from "../../../functions/core/dns/records-resolver";
import { systemClock } from "../../../functions/core/io";
import {
  countOf,
  dohUrl,
  proxyCounts,
  resetProxy,
  setProxyLatency,
} from "../../support/dns-control";

const doh = () =>
  createDohClient({ url: dohUrl(), fetch: (u, i) => fetch(u, i), clock: systemClock });

afterEach(async () => {
  await setProxyLatency(0);
});

describe.sequential("evaluation resolver over real DoH", () => {
  it("makes duplicate lookups once", async () => {
    const before = await countOf("mx1.multi.zone.test", "A");
    const ev = createEvaluationResolver({ upstream: doh(), clock: systemClock });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => ev.lookup("mx1.multi.zone.test", "A")),
    );
    await ev.lookup("MX1.multi.zone.test.", "A");
    expect(results.every((r) => r.status === "ok")).toBe(true);
    expect(await countOf("mx1.multi.zone.test", "A")).toBe(before + 1);
    expect(ev.trace()).toHaveLength(1);
  });

  it("concurrent lookups overlap at the server", async () => {
    await resetProxy();
    await setProxyLatency(50);
    const ev = createEvaluationResolver({ upstream: doh(), clock: systemClock });
    const names = Array.from({ length: 10 }, (_, i) => `overlap${i}.zone.test`);
    const results = await Promise.all(names.map((n) => ev.lookup(n, "A")));
    expect(results.every((r) => r.status === "not_found")).toBe(true);
    const { counts, maxInFlight } = await proxyCounts();
    for (const n of names) expect(counts[`${n} A`]).toBe(1);
    // Sequential lookups would never have more than one request at the proxy at once.
    expect(maxInFlight).toBeGreaterThanOrEqual(5);
  });

  it("stops at the query cap, counted at the proxy", async () => {
    const ev = createEvaluationResolver({ upstream: doh(), clock: systemClock, maxQueries: 3 });
    const names = Array.from({ length: 5 }, (_, i) => `cap${i}.zone.test`);
    const results = [];
    for (const n of names) results.push(await ev.lookup(n, "A"));
    expect(results.slice(3)).toEqual([
      { status: "error", message: "query limit reached (3)" },
      { status: "error", message: "query limit reached (3)" },
    ]);
    expect(await countOf("cap3.zone.test", "A")).toBe(0);
    expect(await countOf("cap2.zone.test", "A")).toBeGreaterThanOrEqual(1);
  });

  it("what-if records answer without a query; the rest goes to DoH", async () => {
    const before = await countOf("implicit.zone.test", "A");
    const upstream = new RecordsResolver(
      [{ name: "implicit.zone.test", type: "A", value: "198.51.100.1" }],
      doh(),
    );
    const ev = createEvaluationResolver({ upstream, clock: systemClock });
    expect(await ev.lookup("implicit.zone.test", "A")).toEqual({
      status: "ok",
      answers: [{ type: "A", address: "198.51.100.1" }],
    });
    expect(await countOf("implicit.zone.test", "A")).toBe(before);
    expect((await ev.lookup("implicit.zone.test", "AAAA")).status).toBe("ok");
    expect(ev.trace().map((t) => t.from)).toEqual(["record", "doh"]);
  });

  it("the Cache API layer serves a second isolate's memory miss", async () => {
    const storage = platformCacheStorage();
    expect(storage).toBeDefined();
    const before = await countOf("short.zone.test", "A");
    const firstCache = createDnsCache({ clock: systemClock, ...(storage ? { storage } : {}) });
    const first = createDohClient({
      url: dohUrl(),
      fetch: (u, i) => fetch(u, i),
      clock: systemClock,
      cache: firstCache,
    });
    expect((await first.query("short.zone.test", "A")).trace[0]?.from).toBe("doh");
    await firstCache.settled();
    const second = createDohClient({
      url: dohUrl(),
      fetch: (u, i) => fetch(u, i),
      clock: systemClock,
      cache: createDnsCache({ clock: systemClock, ...(storage ? { storage } : {}) }),
    });
    // The client races the Cache API against the network (doh-client.ts): with a slow
    // resolver the platform's stored answer wins and the exchange is abandoned.
    await setProxyLatency(2_000);
    const started = Date.now();
    const again = await second.query("short.zone.test", "A");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(again.trace[0]?.from).toBe("cache");
    expect(again.result).toEqual({ status: "ok", answers: [{ type: "A", address: "192.0.2.99" }] });
    // The raced query may have reached the proxy before it was aborted; no third one.
    expect(await countOf("short.zone.test", "A")).toBeLessThanOrEqual(before + 2);
  });
});

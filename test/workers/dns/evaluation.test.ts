/**
 * The per-evaluation resolver and the cache inside workerd, with query counts asserted
 * from the proxy. Runs its tests in sequence (proxy latency and max-in-flight are global).
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../../functions/app";
import { createDohClient } from "../../../functions/core/dns/doh-client";
import { createEvaluationResolver } from "../../../functions/core/dns/evaluation-resolver";
import { RecordsResolver } from "../../../functions/core/dns/records-resolver";
import { systemClock } from "../../../functions/core/io";
import { defaultDeps } from "../../../functions/deps";
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

  it("a second isolate gets an evaluation's answers from the Cache API before the network's", async () => {
    // Two apps with their own deps are two isolates' worth of memory cache (resolver-stack
    // keys its per-isolate cache by deps); the platform cache (Cache API) is shared.
    const request = () =>
      new Request("https://playground.test/api/evaluate", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          config: '[queue.outbound]\nip-strategy = "ipv4_then_ipv6"\n',
          context: { domain: "multi.zone.test", retry_num: 0 },
          resolver: "default",
          seed: 1,
        }),
      });
    const evaluate = async (deps: ReturnType<typeof defaultDeps>) => {
      const ctx = createExecutionContext();
      const res = await createApp(deps).fetch(request(), env, ctx);
      await waitOnExecutionContext(ctx); // the bundle write runs in waitUntil
      return (await res.json()) as { dns: { name: string; type: string; from: string }[] };
    };
    const first = await evaluate(defaultDeps());
    expect(first.dns.length).toBeGreaterThan(3);
    expect(first.dns.every((d) => d.from === "doh" || d.from === "cache")).toBe(true);
    // A slow resolver: stored answers must win the race against every query.
    await resetProxy();
    await setProxyLatency(2_000);
    // Each answer says where it came from: "cache" only if the stored one won the race.
    const second = await evaluate(defaultDeps());
    expect(second.dns.map((d) => `${d.name} ${d.type}`)).toEqual(
      first.dns.map((d) => `${d.name} ${d.type}`),
    );
    expect(second.dns.every((d) => d.from === "cache")).toBe(true);
  });
});

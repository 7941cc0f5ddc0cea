import { describe, expect, it } from "vitest";
import { createDohClient } from "../../../functions/core/dns/doh-client";
import {
  createEvaluationResolver,
  createQueryBudget,
} from "../../../functions/core/dns/evaluation-resolver";
import { RecordsResolver } from "../../../functions/core/dns/records-resolver";
import type { TraceEntry } from "../../../functions/core/dns/types";
import { LIMITS } from "../../../functions/core/limits";
import { fakeDoh, manualClock } from "./fake-doh";

function setup(maxQueries?: number, delays: Record<string, number> = {}) {
  const fake = fakeDoh(async (name, type) => {
    const d = delays[name];
    if (d) await new Promise((r) => setTimeout(r, d));
    return type === "A"
      ? { answers: [{ name, type: "A", ttl: 60, data: "192.0.2.1" }] }
      : { answers: [] };
  });
  const clock = manualClock();
  const doh = createDohClient({ url: "https://doh.example/dns-query", fetch: fake.fetch, clock });
  const sink: TraceEntry[] = [];
  const ev = createEvaluationResolver({
    upstream: doh,
    clock,
    ...(maxQueries === undefined ? {} : { maxQueries }),
    onTrace: (e) => sink.push(e),
  });
  return { ev, seen: fake.seen, sink };
}

describe("EvaluationResolver", () => {
  it("makes identical (name, type) lookups once, sharing the in-flight promise", async () => {
    const { ev, seen } = setup();
    const [a, b, c] = await Promise.all([
      ev.lookup("mx.example", "A"),
      ev.lookup("MX.example.", "A"),
      ev.lookup("mx.example", "A"),
    ]);
    expect(seen).toHaveLength(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
    await ev.lookup("mx.example", "AAAA");
    expect(seen.map((s) => `${s.name} ${s.type}`)).toEqual(["mx.example A", "mx.example AAAA"]);
    expect(ev.trace()).toHaveLength(2);
  });

  it("keeps the trace in the order lookups were made, not finished", async () => {
    const { ev, sink } = setup(undefined, { "slow.example": 30 });
    await Promise.all([ev.lookup("slow.example", "A"), ev.lookup("fast.example", "A")]);
    expect(ev.trace().map((e) => e.name)).toEqual(["slow.example", "fast.example"]);
    expect(sink.map((e) => e.name)).toEqual(["slow.example", "fast.example"]);
  });

  it("caps network queries per evaluation", async () => {
    const { ev, seen } = setup(2);
    await ev.lookup("a.example", "A");
    await ev.lookup("b.example", "A");
    const third = await ev.lookup("c.example", "A");
    expect(third).toEqual({ status: "error", message: "query limit reached (2)" });
    expect(seen).toHaveLength(2);
    expect(ev.queriesMade()).toBe(2);
  });

  it("defaults the cap to LIMITS.dohQueries", async () => {
    const { ev, seen } = setup();
    for (let i = 0; i <= LIMITS.dohQueries; i++) await ev.lookup(`h${i}.example`, "A");
    expect(seen).toHaveLength(LIMITS.dohQueries);
    expect(ev.peek(`h${LIMITS.dohQueries}.example`, "A")).toEqual({
      status: "error",
      message: `query limit reached (${LIMITS.dohQueries})`,
    });
  });

  it("what-if records do not count against the cap", async () => {
    const fake = fakeDoh(() => ({ answers: [] }));
    const clock = manualClock();
    const doh = createDohClient({ url: "https://doh.example/dns-query", fetch: fake.fetch, clock });
    const upstream = new RecordsResolver(
      [{ name: "r.example", type: "A", value: "192.0.2.2" }],
      doh,
    );
    const ev = createEvaluationResolver({ upstream, clock, maxQueries: 1 });
    expect((await ev.lookup("r.example", "A")).status).toBe("ok");
    expect((await ev.lookup("x.example", "A")).status).toBe("not_found");
    expect(ev.queriesMade()).toBe(1);
  });

  it("peek gives only finished lookups", async () => {
    const { ev } = setup();
    expect(ev.peek("a.example", "A")).toBeUndefined();
    const p = ev.lookup("a.example", "A");
    expect(ev.peek("a.example", "A")).toBeUndefined();
    await p;
    expect(ev.peek("A.example.", "A")).toEqual({
      status: "ok",
      answers: [{ type: "A", address: "192.0.2.1" }],
    });
    expect(ev.peek("a.example", "AAAA")).toBeUndefined();
  });

  it("answers an unusable name with an error, without a query", async () => {
    const { ev, seen } = setup();
    expect((await ev.lookup("bad name", "A")).status).toBe("error");
    expect((await ev.lookup("a..b", "A")).status).toBe("error");
    expect(seen).toHaveLength(0);
  });

  it("a lane spends its own budget and shares lookups with the evaluation", async () => {
    const { ev, seen } = setup(5);
    const budget = createQueryBudget(1);
    const lane = ev.lane({ budget });
    expect((await lane.lookup("a.example", "A")).status).toBe("ok");
    expect((await lane.lookup("b.example", "A")).status).toBe("error");
    expect(budget.used()).toBe(1);
    // The evaluation's own lookup of a.example is the lane's; b.example is made now.
    expect((await ev.lookup("a.example", "A")).status).toBe("ok");
    expect((await ev.lookup("b.example", "A")).status).toBe("ok");
    expect(seen.map((s) => s.name)).toEqual(["a.example", "b.example"]);
    expect(ev.queriesMade()).toBe(1);
  });

  it("a lane with the `any` rule queries names SPF macros build", async () => {
    const { ev, seen } = setup();
    const lane = ev.lane({ budget: createQueryBudget(5), names: "any" });
    expect((await lane.lookup("foo:bar/baz.example", "A")).status).toBe("ok");
    expect((await ev.lookup("foo:bar/baz.example", "A")).status).toBe("error");
    expect(seen.map((s) => s.name)).toEqual(["foo:bar/baz.example"]);
  });
});

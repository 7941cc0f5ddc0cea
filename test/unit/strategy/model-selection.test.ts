/**
 * Which model a config is read in, and why (issue 14, Deliver 1): `auto` by what the
 * config holds, the three explicit models, mixed configs, and that a ≤ v0.12 config's
 * answer is the v0.12 planner's, unchanged (a property over random configs and zones,
 * and every config of the corpus).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeConfig } from "../../../functions/core/config/analysis";
import { type Plan, RecordSchema } from "../../../functions/core/contract";
import { noneResolver } from "../../../functions/core/dns/records-resolver";
import { placeDiagnostics, resolverFor } from "../../../functions/core/evaluate";
import { seededRandom } from "../../../functions/core/io";
import { Meter } from "../../../functions/core/meter";
import { planDelivery } from "../../../functions/core/planner/planner";
import { a, aaaa, app, mx, plan, post, type Rec } from "../../support/api";
import { SETTINGS_JSON, SNAPSHOT_UPSERT } from "../models/fixtures";

const MX1 = "mx1.example.com";
const records = [mx(10, MX1), a(MX1, "198.51.100.1"), aaaa(MX1, "2001:db8::1")];

describe("auto", () => {
  it("≤ v0.12 TOML: v0.12, the reason naming the key and its line", async () => {
    const p = await plan({ config: '\n[queue.outbound]\nip-strategy = "ipv6_only"\n', records });
    expect(p.model).toBe("v0.12");
    expect(p.modelReason).toMatch(
      /^`queue\.outbound\.ip-strategy` at line 3 is a Stalwart ≤ v0\.12 key/,
    );
    expect(p.attempts.map((t) => t.ip)).toEqual(["2001:db8::1"]);
  });

  it("v0.13 TOML, JSON registry objects, a flat settings export", async () => {
    const toml = await plan({ config: '[queue.route.mx]\nip-lookup = "ipv6_only"\n', records });
    expect([toml.model, toml.attempts.map((t) => t.ip)]).toEqual(["v0.13", ["2001:db8::1"]]);
    expect((await plan({ config: SNAPSHOT_UPSERT, records })).model).toBe("v0.16");
    expect((await plan({ config: SETTINGS_JSON, records })).model).toBe("v0.13");
  });

  it("a flat export of ≤ v0.12 keys is read by the v0.12 model", async () => {
    const p = await plan({ config: '{"queue.outbound.ip-strategy": "ipv6_only"}', records });
    expect(p.model).toBe("v0.12");
    expect(p.strategy.value).toBe("ipv6_only");
    expect(p.diagnostics.map((d) => d.code)).not.toContain("not_standard_toml");
  });

  it("a file only v0.13.1's key rule reads is a v0.13 file", async () => {
    const config = '[queue.route.mx]\nip-lookup = "ipv6_only"\nnote@ops = "yes"\n';
    const p = await plan({ config, records });
    expect(p.model).toBe("v0.13");
    const refused = await post("/api/evaluate", {
      config,
      model: "v0.12",
      context: { domain: "example.com" },
      resolver: "none",
    });
    expect(refused.status).toBe(422);
  });
});

describe("explicit models", () => {
  it("v0.12 on a v0.13 config: the v0.13 keys are warned about, one by one", async () => {
    const config = '[queue.route.mx]\nip-lookup = "ipv6_only"\n';
    const p = await plan({ config, records, model: "v0.12" });
    expect(p.model).toBe("v0.12");
    expect(p.modelReason).toBe("The request asks for Stalwart ≤ v0.12 (model v0.12)");
    expect(p.diagnostics.find((d) => d.code === "model_ignored_key")).toMatchObject({
      key: "queue.route.mx.ip-lookup",
      line: 2,
    });
    expect(p.attempts[0]?.ehlo?.from).toBe("hostname");
  });

  it("v0.13 refuses a file Stalwart refuses, with its message (422)", async () => {
    const res = await post("/api/evaluate", {
      config: "[queue.route.mx\n",
      model: "v0.13",
      context: { domain: "example.com" },
      resolver: "none",
    });
    const body = (await res.json()) as { error: { code: string; line?: number } };
    expect([res.status, body.error.code, body.error.line]).toEqual([422, "toml_syntax", 1]);
  });

  it("GET /api/evaluate takes model", async () => {
    const q = new URLSearchParams({
      domain: "example.com",
      resolver: "none",
      model: "v0.16",
      config: "[]",
    });
    const res = await app.request(`/api/evaluate?${q}`, {}, {});
    const body = (await res.json()) as Plan;
    expect([res.status, body.model, body.route?.limits?.mx]).toEqual([200, "v0.16", 2]);
  });
});

/** The v0.12 answer as the v0.12 planner gives it, called as evaluate() called it. */
async function v012Answer(config: string, recs: Rec[], seed: number) {
  const meter = new Meter();
  const analysis = analyzeConfig(config, meter);
  if (!analysis.config) throw new Error("unreadable");
  const parsed = recs.map((r) => RecordSchema.parse(r));
  const resolver = resolverFor(parsed, { upstream: noneResolver, clock: { now: () => 0 } });
  const diagnostics = [...analysis.diagnostics];
  const context = { domain: "example.com" };
  const random = seededRandom(seed);
  const body = await planDelivery(
    analysis,
    context,
    { resolver, random, seed, meter },
    diagnostics,
  );
  return { ...body, diagnostics: placeDiagnostics(config, diagnostics), dns: resolver.trace() };
}

/** A plan without what the models work added to v0.12 answers. */
function withoutAdditions(p: Plan | Awaited<ReturnType<typeof v012Answer>>) {
  const { modelReason: _, ...rest } = p as Plan;
  return { ...rest, attempts: p.attempts.map(({ ehlo: _e, ...t }) => t) };
}

describe("v0.12 answers are unchanged", () => {
  const scenario = fc.record({
    strategy: fc.constantFrom("ipv4_only", "ipv6_only", "ipv4_then_ipv6", "ipv6_then_ipv4"),
    conditional: fc.boolean(),
    sources: fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 3 }),
    hostname: fc.option(fc.constantFrom("'out.example.com'", "''"), { nil: undefined }),
    hosts: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 })), {
      minLength: 1,
      maxLength: 4,
    }),
    seed: fc.nat(),
  });

  it("for random ≤ v0.12 configs and zones, auto answers as the v0.12 planner does", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const strategy = s.conditional
          ? `[{ if = "retry_num > 0", then = "ipv4_only" }, { else = "${s.strategy}" }]`
          : `"${s.strategy}"`;
        const config = [
          "[queue.outbound]",
          `ip-strategy = ${strategy}`,
          ...(s.hostname === undefined ? [] : [`hostname = "${s.hostname}"`]),
          `source-ip.v4 = "[${s.sources.map((i) => `'192.0.2.${i}'`).join(", ")}]"`,
          "",
        ].join("\n");
        const recs: Rec[] = s.hosts.flatMap(([pref, n], i) => [
          mx(pref * 10, `h${i}.example.com`),
          ...Array.from({ length: n }, (_, j) =>
            a(`h${i}.example.com`, `198.51.100.${i * 10 + j + 1}`),
          ),
        ]);
        const p = await plan({ config, records: recs, seed: s.seed });
        expect(p.model).toBe("v0.12");
        expect(withoutAdditions(p)).toEqual(
          withoutAdditions(await v012Answer(config, recs, s.seed)),
        );
        for (const t of p.attempts) expect(t.ehlo).toEqual({ name: p.hostname, from: "hostname" });
      }),
      { numRuns: 40 },
    );
  });

  it("for every config of the corpus", async () => {
    const root = join(__dirname, "../../fixtures/configs");
    for (const dir of readdirSync(root)) {
      for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith(".toml"))) {
        const config = readFileSync(join(root, dir, file), "utf8");
        if (!analyzeConfig(config).config) continue;
        const p = await plan({ config, records, seed: 5 });
        expect(p.model, file).toBe("v0.12");
        expect(withoutAdditions(p), file).toEqual(
          withoutAdditions(await v012Answer(config, records, 5)),
        );
      }
    }
  });
});

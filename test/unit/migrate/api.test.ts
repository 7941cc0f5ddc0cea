/** POST /api/migrate over HTTP (in process): coded 400/413/422, as /api/evaluate. */
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../../functions/core/limits";
import { app, post } from "../../support/api";
import { codes, migrate } from "./helpers";

async function refused(body: unknown): Promise<{ status: number; code: string; field?: string }> {
  const res = await post("/api/migrate", body);
  const json = (await res.json()) as { error: { code: string; field?: string } };
  return {
    status: res.status,
    code: json.error.code,
    ...(json.error.field ? { field: json.error.field } : {}),
  };
}

describe("refusals", () => {
  it("400: an unknown target, an unknown field, no target", async () => {
    expect(await refused({ config: "", target: "v0.14" })).toMatchObject({
      status: 400,
      code: "invalid_field",
      field: "target",
    });
    expect(await refused({ config: "", target: "v0.13", model: "v0.12" })).toMatchObject({
      status: 400,
      code: "unknown_field",
    });
    // zod reports a missing enum as an invalid value (parseWith: invalid_field).
    expect(await refused({ config: "" })).toMatchObject({ status: 400, field: "target" });
  });

  it("413: a config over the size limit", async () => {
    const config = `# ${"x".repeat(LIMITS.configBytes)}\n`;
    expect(await refused({ config, target: "v0.13" })).toMatchObject({
      status: 413,
      code: "config_too_large",
    });
  });

  it("422: a config Stalwart's parser refuses, placed", async () => {
    const res = await post("/api/migrate", {
      config: "[queue.outbound]\nip-strategy = ipv4_only\n",
      target: "v0.16",
    });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { code: string; line: number } };
    expect(error).toMatchObject({ code: "toml_syntax", line: 2 });
  });

  it("422 not_migratable: a v0.13 config, a v0.16 snapshot, a flat settings export", async () => {
    for (const config of [
      '[queue.route.relay]\ntype = "relay"\naddress = "r.example"\n',
      '{"@type":"update","object":"MtaOutboundStrategy","value":{}}\n',
      '{"queue.route.mx.type":"mx"}',
    ]) {
      expect(await refused({ config, target: "v0.13" })).toMatchObject({
        status: 422,
        code: "not_migratable",
        field: "config",
      });
    }
  });

  it("a ≤ v0.12 config with a stray v0.13 key is migrated, the v0.13 key named", async () => {
    const config = '[queue.outbound]\nip-strategy = "ipv6_only"\n[queue.route.x]\ntype = "mx"\n';
    const r = await migrate(config, "v0.13");
    expect(r.notes.find((n) => n.code === "migrate_v013_key_left_out")).toMatchObject({
      key: "queue.route.x.type",
      line: 4,
    });
  });
});

describe("the answer", () => {
  it("v0.16 answers objects beside the plan; v0.13 does not", async () => {
    const v016 = await migrate("", "v0.16");
    expect(Object.keys(v016.objects ?? {})).toEqual([
      "MtaRoute",
      "MtaConnectionStrategy",
      "MtaTlsStrategy",
      "MtaDeliverySchedule",
      "MtaOutboundStrategy",
    ]);
    expect(v016.config.trim().split("\n")).toHaveLength(5);
    expect((await migrate("", "v0.13")).objects).toBeUndefined();
  });

  it("notes without a place in the input config have no line", async () => {
    const r = await migrate("", "v0.13");
    expect(r.notes.every((n) => n.line === undefined)).toBe(true);
    expect(codes(r.notes)).toContain("migrate_schedule_split");
  });

  it("is documented in /api/openapi.json", async () => {
    const doc = (await (await app.request("/api/openapi.json")).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toContain("/api/migrate");
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["MigrateRequest", "MigrateResponse"]),
    );
  });
});

describe("other ≤ v0.12 inputs", () => {
  it("a flat JSON export of ≤ v0.12 keys migrates, its notes placed in the JSON", async () => {
    const config =
      '{\n  "queue.outbound.ip-strategy": "ipv6_then_ipv4",\n  "queue.outbound.foo": "1"\n}';
    const r = await migrate(config, "v0.13");
    expect(r.config).toContain('ip-lookup = "ipv6_then_ipv4"');
    expect(r.notes.find((n) => n.code === "migrate_key_not_carried")).toMatchObject({
      key: "queue.outbound.foo",
      line: 3,
    });
  });
});

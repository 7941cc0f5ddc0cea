import { describe, expect, it } from "vitest";
import { createApp } from "../../../functions/app";

const app = createApp({ fetch: () => Promise.reject(new Error("no network in unit tests")), clock: { now: () => 0 }, newSeed: () => 7 });
const post = (path: string, body: unknown) =>
  app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }, {});

describe("smoke", () => {
  it("evaluates the api.md example", async () => {
    const res = await post("/api/evaluate", {
      config: '[queue.outbound]\nip-strategy = [ { if = "retry_num == 0", then = "ipv6_only" }, { else = "ipv4_only" } ]\n',
      context: { domain: "example.com", retry_num: 0 },
      records: [
        { name: "example.com", type: "MX", value: "10 mx1.example.com" },
        { name: "mx1.example.com", type: "A", value: "192.0.2.25" },
        { name: "mx1.example.com", type: "AAAA", value: "2001:db8::25" },
      ],
      resolver: "none",
      seed: 42,
    });
    const body = await res.json();
    console.log(JSON.stringify(body, null, 1));
    expect(res.status).toBe(200);
  });
});

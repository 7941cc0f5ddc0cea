/**
 * HTTP 4xx/5xx and a throwing fetch from the resolver, through the routes: each becomes
 * a temporary failure for that MX lookup, shown in the plan and the trace, with a 200.
 * (The workers tests cover the other faults against real HTTP; the proxy has no 4xx.)
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../../../functions/app";
import type { Plan } from "../../../functions/core/contract";

function appAnswering(fetch: typeof globalThis.fetch) {
  return createApp({ fetch, clock: { now: () => 0 }, newSeed: () => 1 });
}

async function planFor(fetch: typeof globalThis.fetch, domain: string): Promise<Plan> {
  const res = await appAnswering(fetch).request(
    "/api/evaluate",
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ context: { domain }, resolver: "quad9" }),
    },
    {},
  );
  expect(res.status).toBe(200);
  return (await res.json()) as Plan;
}

describe("DoH HTTP errors become temporary failures", () => {
  it.each([400, 403, 404, 413, 415, 429, 500, 503])("HTTP %i", async (status) => {
    const urls: string[] = [];
    const plan = await planFor(async (input) => {
      urls.push(String(input));
      return new Response("no", { status, headers: { "content-type": "text/plain" } });
    }, `s${status}.example`);
    expect(plan.mx.status).toBe("error");
    expect(plan.outcome?.kind).toBe("temporary_failure");
    expect(plan.dns[0]).toMatchObject({ name: `s${status}.example`, type: "MX", rcode: "ERROR" });
    expect(plan.dns[0]?.error).toContain(String(status));
    for (const u of urls) expect(u.startsWith("https://dns.quad9.net/dns-query?dns=")).toBe(true);
  });

  it("a fetch that throws (network down)", async () => {
    const plan = await planFor(() => Promise.reject(new TypeError("network down")), "down.example");
    expect(plan.mx.status).toBe("error");
    expect(plan.outcome?.kind).toBe("temporary_failure");
  });
});

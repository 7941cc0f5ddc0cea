/** Every fault the proxy injects (test/support/dns-proxy.ts) ends as an `error` result. */
import { describe, expect, it } from "vitest";
import { createDohClient } from "../../../functions/core/dns/doh-client";
import { systemClock } from "../../../functions/core/io";
import { countOf, dohUrl } from "../../support/dns-control";

const doh = (timeoutMs = 3000) =>
  createDohClient({ url: dohUrl(), fetch: (u, i) => fetch(u, i), clock: systemClock, timeoutMs });

describe("faults", () => {
  it.each<[string, RegExp]>([
    ["http500", /^HTTP 500 from resolver$/],
    ["badbody", /^undecodable DNS response from resolver$/],
    ["ctype", /content type text\/html, expected application\/dns-message/],
    ["truncated", /^(undecodable DNS response from resolver|malformed A record)$/],
    ["tcbit", /^truncated DNS response from resolver$/],
    [
      "mismatch",
      /^response question \(other\.zone\.test A\) does not match query \(q\.mismatch\.fault\.test A\)$/,
    ],
    ["refused", /^REFUSED from resolver$/],
  ])("%s", async (fault, message) => {
    const name = `q.${fault}.fault.test`;
    const { result, trace } = await doh().query(name, "A");
    expect(result.status).toBe("error");
    expect(result.status === "error" ? result.message : "").toMatch(message);
    expect(trace).toHaveLength(1);
    expect(trace[0]?.error).toMatch(message);
  });

  it("timeout: the per-query AbortSignal ends a hanging request", async () => {
    const { result, trace } = await doh(300).query("q.timeout.fault.test", "A");
    expect(result).toEqual({ status: "error", message: "timeout after 300 ms" });
    expect(trace[0]).toMatchObject({ rcode: "ERROR", error: "timeout after 300 ms" });
  });

  it("a resolver that does not chase CNAMEs: the client asks for the target itself", async () => {
    const before = await countOf("v4only.zone.test", "A");
    const { result, trace } = await doh().query("q.cnamecut.fault.test", "A");
    expect(result).toEqual({ status: "ok", answers: [{ type: "A", address: "192.0.2.91" }] });
    expect(trace.map((t) => t.name)).toEqual(["q.cnamecut.fault.test", "v4only.zone.test"]);
    expect(await countOf("v4only.zone.test", "A")).toBe(before + 1);
  });
});

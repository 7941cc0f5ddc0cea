import * as dnsPacket from "dns-packet";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDohClient } from "../../../functions/core/dns/doh-client";
import { decodeResponse } from "../../../functions/core/dns/wire";
import { manualClock } from "./fake-doh";

const TYPES = ["A", "AAAA", "MX", "TXT", "PTR"] as const;

function clientReturning(body: Uint8Array) {
  return createDohClient({
    url: "https://doh.example/dns-query",
    clock: manualClock(),
    fetch: async () =>
      new Response(body.slice(), { headers: { "content-type": "application/dns-message" } }),
  });
}

describe("wire decoding of untrusted bodies", () => {
  it("arbitrary bytes give an error result, never a throw", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom(...TYPES),
        async (body, type) => {
          const r = await clientReturning(body).query("example.com", type);
          expect(r.result.status).toBe("error");
          expect(r.trace[0]?.rcode).toBe("ERROR");
        },
      ),
      { numRuns: 400 },
    );
  });

  it("valid answers with random corruption never throw", async () => {
    const valid = dnsPacket.encode({
      type: "response",
      id: 0,
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ name: "example.com", type: "MX" }],
      answers: [
        { name: "example.com", type: "CNAME", ttl: 60, data: "alias.example.com" },
        {
          name: "alias.example.com",
          type: "MX",
          ttl: 60,
          data: { preference: 10, exchange: "mx.example.com" },
        },
      ],
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          maxLength: 6,
        }),
        fc.nat({ max: valid.length }),
        async (edits, cut) => {
          const body = new Uint8Array(valid);
          for (const [i, v] of edits) body[i] = v;
          const r = await clientReturning(body.subarray(0, cut === 0 ? body.length : cut)).query(
            "example.com",
            "MX",
          );
          expect(["ok", "not_found", "error"]).toContain(r.result.status);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("decodeResponse checks id and QR", () => {
    const q = dnsPacket.encode({
      type: "query",
      id: 0,
      questions: [{ name: "example.com", type: "A" }],
    });
    expect(decodeResponse(new Uint8Array(q), "example.com", "A").kind).toBe("error");
    const wrongId = dnsPacket.encode({
      type: "response",
      id: 7,
      questions: [{ name: "example.com", type: "A" }],
    });
    const out = decodeResponse(new Uint8Array(wrongId), "example.com", "A");
    expect(out).toEqual({ kind: "error", message: "response id 7 does not match query id 0" });
  });
});

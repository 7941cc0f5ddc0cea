/**
 * Nothing a request says can make the Worker fetch anything but the allow-listed DoH
 * resolver: internal names, IP literals, relay addresses and metadata IPs only ever
 * reach it as DNS questions. Every fetch the Worker makes is recorded (the Worker runs in
 * the test's isolate, so a spy on the global fetch sees them all).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { countOf, dohUrl } from "../../support/dns-control";
import { postJson } from "../api/helpers";

let urls: string[] = [];
let recording = false;

beforeEach(() => {
  urls = [];
  const real = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation((input, init) => {
    if (recording) urls.push(input instanceof Request ? input.url : String(input));
    return real(input, init);
  });
});

/** Records the Worker's fetches while `f` runs (not the test's own calls to the proxy). */
async function worker(f: () => Promise<Response>): Promise<Response> {
  recording = true;
  try {
    const res = await f();
    await res.clone().arrayBuffer();
    return res;
  } finally {
    recording = false;
  }
}
afterEach(() => {
  vi.restoreAllMocks();
});

function onlyDoh(): void {
  expect(urls.length).toBeGreaterThan(0);
  for (const u of urls) expect(u.startsWith(`${dohUrl()}?dns=`)).toBe(true);
}

describe("only the allow-listed resolver is ever fetched", () => {
  it("dns_query('localhost') is answered by the resolver itself: no question, no fetch", async () => {
    const before = await countOf("localhost", "A");
    const res = await worker(() =>
      postJson("/api/expression", { expression: "dns_query('localhost', 'ip')" }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { value: unknown }).value).toEqual(["127.0.0.1"]);
    expect(urls).toEqual([]);
    expect(await countOf("localhost", "A")).toBe(before);
  });

  it.each([
    ["127.0.0.1", "127.0.0.1"],
    ["169.254.169.254", "169.254.169.254"],
    ["metadata.google.internal", "metadata.google.internal"],
    ["10.0.0.1", "10.0.0.1"],
  ])("dns_query('%s') is a DNS question to the resolver", async (name, asked) => {
    const before = await countOf(asked, "A");
    const res = await worker(() =>
      postJson("/api/expression", { expression: `dns_query('${name}', 'ip')` }),
    );
    // Not found in the test zone: the lookup's failure is the evaluation's (Stalwart's `?`).
    expect(res.status).toBe(422);
    await res.arrayBuffer();
    onlyDoh();
    expect(await countOf(asked, "A")).toBe(before + 1);
  });

  it("a relay address of 127.0.0.1 is looked up by name, never connected to", async () => {
    const config = [
      "[queue.outbound]",
      "next-hop = \"'relay'\"",
      "[remote.relay]",
      'address = "127.0.0.1"',
      "port = 8080",
      "",
    ].join("\n");
    const before = await countOf("127.0.0.1", "A");
    const res = await worker(() =>
      postJson("/api/evaluate", { config, context: { domain: "example.com" } }),
    );
    expect(res.status).toBe(200);
    const plan = (await res.json()) as { nextHop: { kind: string }; hosts: { name: string }[] };
    expect(plan.nextHop.kind).toBe("relay");
    expect(plan.hosts.map((h) => h.name)).toEqual(["127.0.0.1"]);
    onlyDoh();
    expect(await countOf("127.0.0.1", "A")).toBe(before + 1);
  });

  it("an MX pointing at an internal name only produces DNS questions", async () => {
    const res = await worker(() =>
      postJson("/api/evaluate", {
        context: { domain: "example.com" },
        records: [
          { name: "example.com", type: "MX", value: "10 metadata.internal" },
          { name: "metadata.internal", type: "A", value: "169.254.169.254" },
        ],
        resolver: "default",
      }),
    );
    expect(res.status).toBe(200);
    const plan = (await res.json()) as { attempts: { ip: string }[] };
    // The plan shows the address; the Worker never connects to it.
    expect(plan.attempts.map((a) => a.ip)).toContain("169.254.169.254");
    for (const u of urls) expect(u.startsWith(`${dohUrl()}?dns=`)).toBe(true);
  });

  it('resolver "none" makes no fetch at all', async () => {
    const res = await worker(() =>
      postJson("/api/evaluate", {
        context: { domain: "multi.zone.test" },
        resolver: "none",
      }),
    );
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(urls).toEqual([]);
  });
});

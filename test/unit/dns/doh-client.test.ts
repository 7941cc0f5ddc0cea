import * as dnsPacket from "dns-packet";
import { describe, expect, it } from "vitest";
import { createDnsCache } from "../../../functions/core/dns/cache";
import { createDohClient } from "../../../functions/core/dns/doh-client";
import { createQueryBudget } from "../../../functions/core/dns/evaluation-resolver";
import { fakeDoh, manualClock, type Reply, soa } from "./fake-doh";

const URL_ = "https://doh.example/dns-query";

function client(respond: (name: string, type: string) => Reply | Promise<Reply>, timeoutMs = 3000) {
  const fake = fakeDoh(respond);
  const clock = manualClock();
  const doh = createDohClient({ url: URL_, fetch: fake.fetch, clock, timeoutMs });
  return { doh, seen: fake.seen, clock };
}

describe("DoH request (RFC 8484 §4.1)", () => {
  it("sends GET ?dns=<unpadded base64url> with id 0, RD and the accept header", async () => {
    const { doh, seen } = client(() => ({ answers: [] }));
    await doh.lookup("example.com", "MX");
    expect(seen).toHaveLength(1);
    const q = seen[0];
    expect(q?.url.startsWith(`${URL_}?dns=`)).toBe(true);
    const param = new URL(q?.url ?? "").searchParams.get("dns") ?? "";
    expect(param).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(q).toMatchObject({
      name: "example.com",
      type: "MX",
      id: 0,
      rd: true,
      accept: "application/dns-message",
    });
  });
});

describe("answer mapping", () => {
  it("maps MX with preference and exchange, lower-cased, no trailing dot, answer order kept", async () => {
    const { doh } = client(() => ({
      answers: [
        {
          name: "example.com",
          type: "MX",
          ttl: 300,
          data: { preference: 20, exchange: "MX2.Example.COM" },
        },
        {
          name: "example.com",
          type: "MX",
          ttl: 120,
          data: { preference: 10, exchange: "mx1.example.com" },
        },
      ],
    }));
    const { result, trace } = await doh.query("example.com", "MX");
    expect(result).toEqual({
      status: "ok",
      answers: [
        { type: "MX", preference: 20, exchange: "mx2.example.com" },
        { type: "MX", preference: 10, exchange: "mx1.example.com" },
      ],
    });
    expect(trace).toHaveLength(1);
    expect(trace[0]).toMatchObject({
      name: "example.com",
      type: "MX",
      rcode: "NOERROR",
      answers: ["20 mx2.example.com.", "10 mx1.example.com."],
      ttl: 120,
      from: "doh",
      ad: false,
    });
  });

  it("keeps the null MX exchange as '.'", async () => {
    const { doh } = client(() => ({
      answers: [
        { name: "example.com", type: "MX", ttl: 300, data: { preference: 0, exchange: "." } },
      ],
    }));
    const { result, trace } = await doh.query("example.com", "MX");
    expect(result).toEqual({
      status: "ok",
      answers: [{ type: "MX", preference: 0, exchange: "." }],
    });
    expect(trace[0]?.answers).toEqual(["0 ."]);
  });

  it("gives IPv6 addresses in RFC 5952 form and reports the AD bit", async () => {
    const { doh } = client(() => ({
      flags: dnsPacket.AUTHENTIC_DATA,
      answers: [{ name: "h.example", type: "AAAA", ttl: 60, data: "2001:0DB8:0:0:0:0:0:0001" }],
    }));
    const { result, trace } = await doh.query("h.example", "AAAA");
    expect(result).toEqual({ status: "ok", answers: [{ type: "AAAA", address: "2001:db8::1" }] });
    expect(trace[0]?.ad).toBe(true);
  });

  it("ignores records of other types in the answer", async () => {
    const { doh } = client(() => ({
      answers: [
        { name: "h.example", type: "AAAA", ttl: 60, data: "2001:db8::1" },
        { name: "h.example", type: "A", ttl: 60, data: "192.0.2.1" },
      ],
    }));
    expect(await doh.lookup("h.example", "A")).toEqual({
      status: "ok",
      answers: [{ type: "A", address: "192.0.2.1" }],
    });
  });

  it("NXDOMAIN and NODATA are not_found, with the SOA negative TTL", async () => {
    const { doh } = client((name) =>
      name === "nx.example"
        ? { rcode: "NXDOMAIN", authorities: [soa("example", 300, 60)] }
        : { authorities: [soa("example", 30, 600)] },
    );
    const nx = await doh.query("nx.example", "A");
    expect(nx.result).toEqual({ status: "not_found", rcode: "NXDOMAIN" });
    expect(nx.trace[0]).toMatchObject({ rcode: "NXDOMAIN", ttl: 60, answers: [] });
    const nodata = await doh.query("nodata.example", "A");
    expect(nodata.result).toEqual({ status: "not_found", rcode: "NOERROR" });
    expect(nodata.trace[0]).toMatchObject({ rcode: "NOERROR", ttl: 30 });
  });

  it.each(["SERVFAIL", "REFUSED", "NOTIMP", "FORMERR"])(
    "%s is an error naming the rcode",
    async (rcode) => {
      const { doh } = client(() => ({ rcode }));
      const { result, trace } = await doh.query("x.example", "A");
      expect(result).toEqual({ status: "error", message: `${rcode} from resolver` });
      expect(trace[0]).toMatchObject({ rcode, error: `${rcode} from resolver` });
    },
  );
});

describe("CNAME chains", () => {
  it("follows a chain within one answer, recording the chain and the min TTL", async () => {
    const { doh, seen } = client(() => ({
      answers: [
        { name: "www.example", type: "CNAME", ttl: 50, data: "Alias.Example" },
        { name: "alias.example", type: "CNAME", ttl: 300, data: "host.example" },
        { name: "host.example", type: "A", ttl: 100, data: "192.0.2.7" },
      ],
    }));
    const { result, trace } = await doh.query("www.example", "A");
    expect(result).toEqual({ status: "ok", answers: [{ type: "A", address: "192.0.2.7" }] });
    expect(trace[0]).toMatchObject({ cname: ["alias.example", "host.example"], ttl: 50 });
    expect(seen).toHaveLength(1);
  });

  it("follows a chain across queries when the resolver did not chase it", async () => {
    const { doh, seen } = client((name) =>
      name === "www.example"
        ? { answers: [{ name, type: "CNAME", ttl: 60, data: "target.other" }] }
        : { answers: [{ name: "target.other", type: "A", ttl: 60, data: "192.0.2.8" }] },
    );
    const { result, trace } = await doh.query("www.example", "A");
    expect(result).toEqual({ status: "ok", answers: [{ type: "A", address: "192.0.2.8" }] });
    expect(seen.map((s) => s.name)).toEqual(["www.example", "target.other"]);
    expect(trace.map((t) => t.name)).toEqual(["www.example", "target.other"]);
  });

  it("caches an answer that ends at a CNAME the resolver did not chase", async () => {
    const fake = fakeDoh((name) =>
      name === "www.example"
        ? { answers: [{ name, type: "CNAME", ttl: 60, data: "target.other" }] }
        : { answers: [{ name: "target.other", type: "A", ttl: 60, data: "192.0.2.8" }] },
    );
    const clock = manualClock();
    const cache = createDnsCache({ clock });
    const doh = createDohClient({ url: URL_, fetch: fake.fetch, clock, cache });
    await doh.query("www.example", "A");
    const again = await doh.query("www.example", "A");
    expect(again.trace.map((t) => `${t.name} ${t.from}`)).toEqual([
      "www.example cache",
      "target.other cache",
    ]);
    expect(fake.seen).toHaveLength(2);
  });

  it("a CNAME to a missing name is NXDOMAIN", async () => {
    const { doh } = client((name) => ({
      rcode: "NXDOMAIN",
      answers: [{ name, type: "CNAME", ttl: 60, data: "gone.example" }],
      authorities: [soa("example")],
    }));
    expect((await doh.query("www.example", "A")).result).toEqual({
      status: "not_found",
      rcode: "NXDOMAIN",
    });
  });

  it("stops CNAME loops across queries and bounds chain length", async () => {
    const loop = client((name) => ({
      answers: [
        { name, type: "CNAME", ttl: 60, data: name === "a.example" ? "b.example" : "a.example" },
      ],
    }));
    const r = await loop.doh.query("a.example", "A");
    expect(r.result.status).toBe("error");
    expect(loop.seen.length).toBeLessThanOrEqual(2);
    let n = 0;
    const long = client((name) => ({
      answers: [{ name, type: "CNAME", ttl: 60, data: `c${++n}.example` }],
    }));
    const r2 = await long.doh.query("c0.example", "A");
    expect(r2.result).toEqual({ status: "error", message: "CNAME chain longer than 8" });
    expect(long.seen.length).toBeLessThanOrEqual(9);
  });
});

describe("transport failures are errors", () => {
  const cases: [string, () => Response, RegExp][] = [
    ["HTTP 502", () => new Response("bad gateway", { status: 502 }), /^HTTP 502 from resolver$/],
    [
      "redirect",
      () => new Response(null, { status: 302, headers: { location: "http://10.0.0.1/" } }),
      /^HTTP 302/,
    ],
    [
      "wrong content type",
      () => new Response("<html>", { headers: { "content-type": "text/html" } }),
      /content type text\/html, expected application\/dns-message/,
    ],
    [
      "undecodable body",
      () =>
        new Response(new Uint8Array([1, 2, 3]), {
          headers: { "content-type": "application/dns-message" },
        }),
      /undecodable/,
    ],
    [
      "oversized body",
      () =>
        new Response(new Uint8Array(70_000), {
          headers: { "content-type": "application/dns-message" },
        }),
      /more than 65535 bytes/,
    ],
  ];
  it("stops reading a body without content-length once it passes the DNS message limit", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(16_384));
      },
    });
    const { doh } = client(
      () => new Response(endless, { headers: { "content-type": "application/dns-message" } }),
    );
    const { result } = await doh.query("x.example", "A");
    expect(result.status === "error" && result.message).toMatch(/more than 65535 bytes/);
    // 65,535 bytes are 4 chunks of 16 KiB: the fifth passes the limit; nothing more is read.
    expect(pulled).toBeLessThanOrEqual(6);
  });

  it.each(cases)("%s", async (_label, make, message) => {
    const { doh } = client(() => make());
    const { result, trace } = await doh.query("x.example", "A");
    expect(result.status).toBe("error");
    expect(result.status === "error" && result.message).toMatch(message);
    expect(trace[0]).toMatchObject({ rcode: "ERROR", from: "doh" });
  });

  it("a truncated (TC) response is an error", async () => {
    const { doh } = client(() => ({ flags: dnsPacket.TRUNCATED_RESPONSE }));
    expect(await doh.lookup("x.example", "A")).toEqual({
      status: "error",
      message: "truncated DNS response from resolver",
    });
  });

  it("a response to another question is an error", async () => {
    const { doh } = client((name, type) => {
      const body = dnsPacket.encode({
        type: "response",
        id: 0,
        questions: [{ name: `not-${name}`, type: type as dnsPacket.RecordType }],
      });
      return new Response(new Uint8Array(body), {
        headers: { "content-type": "application/dns-message" },
      });
    });
    const r = await doh.lookup("x.example", "A");
    expect(r.status === "error" && r.message).toMatch(/does not match query \(x\.example A\)/);
  });

  it("a body cut short is an error", async () => {
    const full = dnsPacket.encode({
      type: "response",
      id: 0,
      questions: [{ name: "x.example", type: "A" }],
      answers: [{ name: "x.example", type: "A", ttl: 1, data: "192.0.2.1" }],
    });
    const { doh } = client(
      () =>
        new Response(new Uint8Array(full.subarray(0, full.length - 2)), {
          headers: { "content-type": "application/dns-message" },
        }),
    );
    expect((await doh.lookup("x.example", "A")).status).toBe("error");
  });

  it("times out through the AbortSignal", async () => {
    // Like a real fetch, this one only ends when the client's signal aborts it.
    const hanging = createDohClient({
      url: URL_,
      clock: manualClock(),
      timeoutMs: 20,
      fetch: (_input, init) =>
        new Promise((_ok, fail) =>
          init.signal?.addEventListener("abort", () => fail(new Error("aborted"))),
        ),
    });
    expect(await hanging.lookup("x.example", "A")).toEqual({
      status: "error",
      message: "timeout after 20 ms",
    });
  });

  it("a network failure is an error, not a throw", async () => {
    const doh = createDohClient({
      url: URL_,
      clock: manualClock(),
      fetch: () => Promise.reject(new TypeError("connection refused")),
    });
    expect(await doh.lookup("x.example", "A")).toEqual({
      status: "error",
      message: "network error: connection refused",
    });
  });
});

describe("budget and deadline", () => {
  it("refuses queries past the budget without fetching", async () => {
    const { doh, seen } = client(() => ({ answers: [] }));
    const budget = createQueryBudget(1);
    await doh.query("a.example", "A", { budget });
    const r = await doh.query("b.example", "A", { budget });
    expect(r.result).toEqual({ status: "error", message: "query limit reached (1)" });
    expect(seen).toHaveLength(1);
  });

  it("refuses to start a query after the deadline", async () => {
    const { doh, seen, clock } = client(() => ({ answers: [] }));
    const r = await doh.query("a.example", "A", { deadline: clock.now() - 1 });
    expect(r.result.status).toBe("error");
    expect(seen).toHaveLength(0);
  });

  it("shortens the per-query timeout to what is left of the deadline", async () => {
    const clock = manualClock();
    const doh = createDohClient({
      url: URL_,
      clock,
      timeoutMs: 3000,
      fetch: (_input, init) =>
        new Promise((_ok, fail) =>
          init.signal?.addEventListener("abort", () => fail(new Error("aborted"))),
        ),
    });
    const r = await doh.query("a.example", "A", { deadline: clock.now() + 15 });
    expect(r.result).toEqual({ status: "error", message: "timeout after 15 ms" });
  });
});

/**
 * A small HTTP proxy in front of dnsdist's plain-HTTP DoH endpoint, for the workers
 * tests. It counts queries per (name, type), can add latency, tracks how many requests
 * were in flight at once (to prove lookups overlap), and injects faults chosen by the
 * query name, so the DoH client's failure handling is tested against real HTTP:
 *
 *   *.http500.fault.test    HTTP 500
 *   *.badbody.fault.test    200 application/dns-message with bytes that are not DNS
 *   *.ctype.fault.test      200 text/html
 *   *.timeout.fault.test    no answer until the client gives up (or 30 s)
 *   *.truncated.fault.test  a valid answer cut in half
 *   *.tcbit.fault.test      a valid message with the TC (truncated) flag set
 *   *.mismatch.fault.test   an answer whose question is a different name
 *   *.refused.fault.test    rcode REFUSED
 *   *.cnamecut.fault.test   NOERROR with only `CNAME v4only.zone.test.` and no SOA, like
 *                           a resolver that does not chase CNAMEs
 *
 * Control API: GET /__counts → { counts: {"name TYPE": n}, total, maxInFlight },
 * POST /__reset (counts, max in flight, latency), POST /__latency?ms=50[&order=after].
 *
 * Latency is a round trip to a resolver far away: a query is answered `ms` after it
 * arrived (on time to within ~1 ms: `until`), or when its answer is ready if that takes
 * longer. The query goes upstream (or its fault is made) half a round trip after it
 * arrived, when it would reach a remote resolver, so the local DNS server's own time is
 * inside the round trip, as a remote resolver's is inside the network's, instead of added
 * after it: on this 2-core rig, 20 queries let out together after the wait queued behind
 * one another in the proxy, dnsdist and BIND (20–40 ms), which no remote resolver does.
 * `order=after` keeps that older model (wait, then ask the local server), which the bench
 * reports beside.
 */
import { Buffer } from "node:buffer";
import {
  Agent,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import * as dnsPacket from "dns-packet";
import { httpGet, sleep } from "./net";

export interface DnsProxy {
  /** `http://127.0.0.1:<port>/dns-query`: the DoH URL tests use. */
  readonly dohUrl: string;
  /** `http://127.0.0.1:<port>`: base of the control API. */
  readonly controlUrl: string;
  close(): Promise<void>;
}

type Fault =
  | "http500"
  | "badbody"
  | "ctype"
  | "timeout"
  | "truncated"
  | "tcbit"
  | "mismatch"
  | "refused"
  | "cnamecut";
const FAULTS: readonly Fault[] = [
  "http500",
  "badbody",
  "ctype",
  "timeout",
  "truncated",
  "tcbit",
  "mismatch",
  "refused",
  "cnamecut",
];

function faultOf(name: string): Fault | undefined {
  const n = name.toLowerCase().replace(/\.$/, "");
  return FAULTS.find((f) => n === `${f}.fault.test` || n.endsWith(`.${f}.fault.test`));
}

interface Question {
  readonly name: string;
  readonly type: string;
}

function readQuestion(url: URL): Question | undefined {
  const param = url.searchParams.get("dns");
  if (param === null) return undefined;
  try {
    const msg: unknown = dnsPacket.decode(Buffer.from(param, "base64url"));
    const q: unknown =
      typeof msg === "object" && msg !== null && "questions" in msg && Array.isArray(msg.questions)
        ? msg.questions[0]
        : undefined;
    if (typeof q !== "object" || q === null || !("name" in q) || !("type" in q)) return undefined;
    return { name: String(q.name).toLowerCase(), type: String(q.type) };
  } catch {
    return undefined;
  }
}

/** An answer made before it is sent (sent once the round trip is due). */
interface Reply {
  readonly status: number;
  readonly type: string;
  readonly body: Uint8Array;
}

const dnsReply = (body: Uint8Array): Reply => ({
  status: 200,
  type: "application/dns-message",
  body,
});

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    "content-type": reply.type,
    "content-length": reply.body.byteLength,
  });
  res.end(reply.body);
}

function synth(q: Question, extra: Partial<dnsPacket.Packet>): Buffer {
  return dnsPacket.encode({
    type: "response",
    id: 0,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE,
    questions: [{ name: q.name, type: q.type as dnsPacket.RecordType, class: "IN" }],
    ...extra,
  } as dnsPacket.Packet);
}

/**
 * Resolves once `performance.now()` reaches `due`. Node's timers keep a 1 ms clock and
 * run late when many are due together: of 20 answers due within ~1.5 ms (a 10-MX
 * domain's A and AAAA queries), the last left 1.5–2 ms after its due time, an error that
 * lands on the DNS benchmark's critical path. So the last 2 ms are waited by yielding to
 * the event loop (`setImmediate`), which keeps serving every socket meanwhile; the measured
 * lateness is then ~1 ms for the 20th answer, the time to write the answers before it.
 */
async function until(due: number): Promise<void> {
  const coarse = due - performance.now() - 2;
  if (coarse > 0) await sleep(coarse);
  while (performance.now() < due) await new Promise<void>((resolve) => setImmediate(resolve));
}

export async function startDnsProxy(upstream: string): Promise<DnsProxy> {
  const counts = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  let latencyMs = 0;
  /** `after`: the latency starts once the local server has answered (see the header). */
  let latencyAfter = false;
  const hanging = new Set<ServerResponse>();

  // node:http with a keep-alive agent rather than fetch(): the proxy sits on the timed path
  // of the DNS benchmark (bench/dns.ts), and undici's per-request cost showed up there.
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const upstreamUrl = new URL(upstream);
  async function forward(url: URL): Promise<Reply> {
    const up = await httpGet(`${upstreamUrl.origin}${upstreamUrl.pathname}${url.search}`, {
      agent,
      headers: { accept: "application/dns-message" },
    });
    return {
      status: up.status,
      type: up.headers["content-type"] ?? "application/octet-stream",
      body: up.body,
    };
  }

  /** The reply to a query, or "hang" for one that is never answered. */
  async function answer(q: Question, url: URL): Promise<Reply | "hang"> {
    switch (faultOf(q.name)) {
      case "http500":
        return { status: 500, type: "text/plain", body: Buffer.from("injected fault") };
      case "badbody":
        return dnsReply(Uint8Array.from([0, 0, 0x81, 0x80, 0xff, 0xff, 1, 2, 3]));
      case "ctype":
        return { status: 200, type: "text/html", body: Buffer.from("<html>not dns</html>") };
      case "timeout":
        return "hang";
      case "truncated": {
        const full = synth(q, {
          answers: [{ name: q.name, type: "A", ttl: 60, data: "192.0.2.1" }],
        });
        return dnsReply(full.subarray(0, Math.floor(full.length / 2)));
      }
      case "tcbit":
        return dnsReply(
          synth(q, { flags: dnsPacket.TRUNCATED_RESPONSE | dnsPacket.RECURSION_DESIRED }),
        );
      case "mismatch":
        return dnsReply(synth({ name: "other.zone.test", type: q.type }, {}));
      case "refused":
        // dns-packet carries the rcode in the low 4 bits of flags: REFUSED = 5.
        return dnsReply(synth(q, { flags: dnsPacket.RECURSION_DESIRED | 5 }));
      case "cnamecut":
        return dnsReply(
          synth(q, {
            answers: [{ name: q.name, type: "CNAME", ttl: 60, data: "v4only.zone.test" }],
          }),
        );
      default:
        return forward(url);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The round trip is timed from here, before any of the proxy's own work.
    const arrived = performance.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/__counts") {
      res.writeHead(200, { "content-type": "application/json" });
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      res.end(JSON.stringify({ counts: Object.fromEntries(counts), total, maxInFlight }));
      return;
    }
    if (url.pathname === "/__reset" && req.method === "POST") {
      counts.clear();
      maxInFlight = 0;
      latencyMs = 0;
      latencyAfter = false;
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === "/__latency" && req.method === "POST") {
      latencyMs = Math.max(0, Number(url.searchParams.get("ms") ?? "0") || 0);
      latencyAfter = url.searchParams.get("order") === "after";
      res.writeHead(204).end();
      return;
    }
    if (url.pathname !== "/dns-query" || req.method !== "GET") {
      res.writeHead(404).end();
      return;
    }
    const q = readQuestion(url);
    if (q === undefined) {
      res.writeHead(400).end();
      return;
    }
    const key = `${q.name} ${q.type}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      // No timer at all without latency: the zero-latency tests and bench rows stay plain.
      const at = (ms: number): Promise<void> => (ms > 0 ? until(arrived + ms) : Promise.resolve());
      let reply: Reply | "hang";
      if (latencyAfter) {
        await at(latencyMs);
        reply = await answer(q, url);
      } else {
        // The round trip started on arrival; the query reaches the resolver half-way.
        [reply] = await Promise.all([at(latencyMs / 2).then(() => answer(q, url)), at(latencyMs)]);
      }
      if (reply !== "hang") {
        send(res, reply);
        return;
      }
      hanging.add(res);
      setTimeout(() => {
        hanging.delete(res);
        if (!res.writableEnded) res.end();
      }, 30_000).unref();
      await new Promise<void>((resolve) => res.on("close", () => resolve()));
    } finally {
      inFlight--;
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dohUrl: `http://127.0.0.1:${port}/dns-query`,
    controlUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Serves, from memory, the responses `wrangler dev` gave for the playground's static files
 * (the same status, headers and bytes: CSP and all), and forwards every other request
 * (the API) to it. For the playground figure: deployed, the static files come from
 * Cloudflare's CDN and cost the visitor's machine nothing, while `wrangler dev` reads,
 * gzips and serves them through workerd and its own Node proxy on the very cores Chromium
 * is parsing them with (measured here, 7 cold loads each, interleaved: median editor
 * ready 1,372 vs 1,209 ms and 1,422 vs 1,219 ms; in one slow stretch of the machine
 * 1,380 vs 1,385 ms). The bench reports both.
 */
import type { Buffer } from "node:buffer";
import { readdirSync } from "node:fs";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { httpGet } from "../../test/support/net";

export interface ReplayServer {
  readonly baseUrl: string;
  /** How many files are replayed. */
  readonly files: number;
  stop(): Promise<void>;
}

interface Recorded {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** What Debian's Chromium sends (its requests all carry it). */
const ACCEPT_ENCODING = "gzip, deflate, br, zstd";

/** Not replayed as recorded: they describe the recorded connection, not the resource. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);

/** `/` and every file under `dir` (the build output wrangler.toml's `[assets]` serves). */
function staticPaths(dir: string): string[] {
  const out = ["/"];
  const walk = (sub: string): void => {
    for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub === "" ? e.name : `${sub}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (!e.name.startsWith("_")) out.push(`/${rel}`);
    }
  };
  walk("");
  return out;
}

/** The raw response, as Chromium would get it (node:http keeps a compressed body as is). */
async function record(origin: string, path: string): Promise<Recorded> {
  const res = await httpGet(`${origin}${path}`, {
    headers: { "accept-encoding": ACCEPT_ENCODING },
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = String(value);
  }
  return { status: res.status, headers, body: res.body };
}

export async function startReplayServer(origin: string, dir: string): Promise<ReplayServer> {
  const recorded = new Map<string, Recorded>();
  for (const path of staticPaths(dir)) recorded.set(path, await record(origin, path));
  const upstream = new URL(origin);
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const hit = req.method === "GET" ? recorded.get(path) : undefined;
    if (hit !== undefined) {
      res.writeHead(hit.status, { ...hit.headers, "content-length": hit.body.byteLength });
      res.end(hit.body);
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    files: recorded.size,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Loopback helpers shared by the test setups and the bench. */
import { Buffer } from "node:buffer";
import { type IncomingHttpHeaders, type RequestOptions, request } from "node:http";
import { type AddressInfo, createServer } from "node:net";

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A port that was free on 127.0.0.1 a moment ago (bind port 0, read it, release it). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => ok(port));
    });
  });
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** As sent: node:http does not decode a content-encoding, unlike fetch. */
  readonly body: Buffer;
}

/** GET `url` with node:http (cheaper per request than fetch) and read the whole body. */
export function httpGet(url: string, options: RequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 502,
          headers: res.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

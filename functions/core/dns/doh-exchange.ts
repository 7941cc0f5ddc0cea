/**
 * One RFC 8484 GET exchange with a resolver: `accept: application/dns-message`, no
 * redirects, a timeout, and a body read no further than the DNS message limit whether or
 * not the resolver declared its length. Every failure is a message, never a throw.
 */
import { MAX_BODY_BYTES } from "./wire";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface Exchanged {
  readonly body?: Uint8Array;
  readonly error?: string;
}

const tooLarge = (size: string): Exchanged => ({
  error: `response body of ${size} bytes from resolver (at most ${MAX_BODY_BYTES})`,
});

/** GET `url`, aborted by `controller` or after `timeoutMs`. */
export async function exchange(
  fetch: FetchLike,
  url: string,
  timeoutMs: number,
  controller: AbortController,
): Promise<Exchanged> {
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, {
      method: "GET",
      headers: { accept: "application/dns-message" },
      signal: controller.signal,
      // A redirect could lead anywhere: the allow-listed URL is the only address we use.
      redirect: "manual",
    });
    const refused = refusal(res);
    if (refused !== undefined) {
      await res.body?.cancel().catch(() => undefined);
      return { error: refused };
    }
    return await readCapped(res);
  } catch (e) {
    if (controller.signal.aborted) return { error: `timeout after ${timeoutMs} ms` };
    return { error: `network error: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Why a response is not a DNS message we read (status, media type, declared size). */
function refusal(res: Response): string | undefined {
  if (res.status !== 200) return `HTTP ${res.status} from resolver`;
  const ctype = (res.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (ctype !== "application/dns-message") {
    const found = ctype === "" ? "without a content type" : `content type ${ctype}`;
    return `resolver answered ${found}, expected application/dns-message`;
  }
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return tooLarge(String(declared)).error;
  return undefined;
}

/** The body, read chunk by chunk and abandoned as soon as it passes MAX_BODY_BYTES. */
async function readCapped(res: Response): Promise<Exchanged> {
  if (res.body === null) return { body: new Uint8Array(0) };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return tooLarge(`more than ${MAX_BODY_BYTES}`);
    }
    chunks.push(r.value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return { body };
}

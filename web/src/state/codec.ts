/**
 * Share-link codec: the whole state in the URL fragment as
 * `#v1.<base64url(deflate-raw(JSON))>` (CompressionStream, no library).
 *
 * Pure functions: the caller passes `location`/strings in, so Node tests run them as is.
 * A damaged link never throws: `decodeState` returns a coded, friendly failure.
 */
import type { PlaygroundState } from "./types";

export const STATE_VERSION = "v1";
const PREFIX = `#${STATE_VERSION}.`;
/** A fragment longer than this is refused before any work (browsers cap URLs anyway). */
export const MAX_FRAGMENT_CHARS = 200_000;
/** Inflated JSON larger than this is refused: guards against deflate bombs. */
export const MAX_JSON_BYTES = 512 * 1024;

export const DecodeErrorCode = {
  Empty: "state_empty",
  Version: "state_version",
  TooLarge: "state_too_large",
  Base64: "state_base64",
  Inflate: "state_inflate",
  Json: "state_json",
  Shape: "state_shape",
  /** The schema's code (loaded with the first link to check) could not be fetched. */
  Load: "state_load",
} as const;
export type DecodeErrorCode = (typeof DecodeErrorCode)[keyof typeof DecodeErrorCode];

export type DecodeResult =
  | { readonly ok: true; readonly state: PlaygroundState }
  | { readonly ok: false; readonly code: DecodeErrorCode; readonly message: string };

const fail = (code: DecodeErrorCode, message: string): DecodeResult => ({
  ok: false,
  code,
  message,
});

export function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Returns null for anything that is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const padded = b64 + "=".repeat((4 - (b64.length % 4)) % 4);
  const bin = atob(padded);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(
  bytes: Uint8Array,
  stream: GenericTransformStream,
): Promise<ReadableStream<Uint8Array>> {
  const source = new Blob([bytes as BlobPart]).stream();
  return source.pipeThrough(stream as unknown as TransformStream<Uint8Array, Uint8Array>);
}

async function collect(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** `#v1.<base64url(deflate-raw(json))>`. */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  const deflated = await collect(
    await pipe(json, new CompressionStream("deflate-raw")),
    Number.POSITIVE_INFINITY,
  );
  return PREFIX + toBase64Url(deflated ?? new Uint8Array());
}

/** Decodes a fragment (with or without the leading `#`). Never throws. */
export async function decodeState(hash: string): Promise<DecodeResult> {
  const h = hash.startsWith("#") ? hash : `#${hash}`;
  if (h.length <= 1) return fail(DecodeErrorCode.Empty, "The link carries no playground state.");
  if (h.length > MAX_FRAGMENT_CHARS) {
    return fail(DecodeErrorCode.TooLarge, "The link is too long to be a playground link.");
  }
  if (!h.startsWith(PREFIX)) {
    const m = /^#(v\d+)\./.exec(h);
    return fail(
      DecodeErrorCode.Version,
      m
        ? `This link was made by a different playground version (${m[1]}); this page reads ${STATE_VERSION}.`
        : "This link's fragment is not a playground state (it should start with #v1.).",
    );
  }
  const bytes = fromBase64Url(h.slice(PREFIX.length));
  if (!bytes) {
    return fail(
      DecodeErrorCode.Base64,
      "The link is damaged (it holds characters a link cannot have); was it cut or re-wrapped when copied?",
    );
  }
  let inflated: Uint8Array | null;
  try {
    inflated = await collect(
      await pipe(bytes, new DecompressionStream("deflate-raw")),
      MAX_JSON_BYTES,
    );
  } catch {
    return fail(
      DecodeErrorCode.Inflate,
      "The link is damaged (its compressed data is incomplete); was it cut when copied?",
    );
  }
  if (!inflated)
    return fail(
      DecodeErrorCode.TooLarge,
      "The link expands to more data than a playground state can hold.",
    );
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(inflated));
  } catch {
    return fail(DecodeErrorCode.Json, "The link is damaged (its content is not readable).");
  }
  // The zod schema is imported here, not with the page: most loads carry no link, and
  // building schemas is start-up work the editor would wait for.
  let parseState: (input: unknown) => PlaygroundState | null;
  try {
    ({ parseState } = await import("./schema"));
  } catch {
    return fail(
      DecodeErrorCode.Load,
      "The link could not be checked: part of the playground did not load. Reload the page.",
    );
  }
  const state = parseState(json);
  if (!state) {
    return fail(
      DecodeErrorCode.Shape,
      "The link's content does not describe a playground state (a field is missing, too long or of the wrong kind).",
    );
  }
  return { ok: true, state };
}

/** Reads the state from a `location`-like object (the fragment only, never the query). */
export function readLocation(location: { readonly hash: string }): Promise<DecodeResult> {
  return decodeState(location.hash);
}

/** The full share URL for `state`, keeping origin and path of `location`. */
export async function shareUrl(
  location: { readonly origin: string; readonly pathname: string },
  state: PlaygroundState,
): Promise<string> {
  return `${location.origin}${location.pathname}${await encodeState(state)}`;
}

/**
 * The Cache API form of one evaluation's DNS answers: every cacheable DoH body the
 * evaluation used, with its absolute expiry, stored as ONE platform entry (a "bundle")
 * keyed by resolver and domain. Read back by a later evaluation of the same domain in any
 * isolate, it fills that isolate's memory cache at the cost of one Cache API read.
 *
 * Why one entry per evaluation rather than one per query: every Cache API call is a
 * platform round trip that counts against the Worker's six simultaneous connections (and,
 * on the free plan, sits next to 30 DoH queries under the 50-subrequest cap). A 10-MX
 * domain would cost 21 reads and up to 21 writes; a bundle costs one of each.
 *
 * The entry is our own JSON, but a bundle written by an older deploy (or a damaged one)
 * must never break a lookup, so it is parsed with zod and anything unexpected is ignored.
 */
import * as z from "zod/mini";
import { MAX_BODY_BYTES } from "./wire";

/** Most bodies in one bundle: the per-evaluation query cap bounds what one evaluation uses. */
const MAX_BUNDLE_ENTRIES = 64;
/** Base64 length of the largest DoH body the client accepts (wire.ts). */
const MAX_BODY_B64 = Math.ceil(MAX_BODY_BYTES / 3) * 4;

export interface BundleEntry {
  /** The DoH GET URL the body answers (the memory cache's key). */
  readonly key: string;
  readonly body: Uint8Array;
  /** Absolute expiry, ms since the epoch (same clock as the memory cache). */
  readonly expires: number;
}

const BundleSchema = z.object({
  v: z.literal(1),
  entries: z
    .array(
      z.object({
        k: z.string().check(z.maxLength(2_048)),
        b: z.string().check(z.maxLength(MAX_BODY_B64)),
        // zod's number refuses Infinity and NaN.
        e: z.number(),
      }),
    )
    .check(z.maxLength(MAX_BUNDLE_ENTRIES)),
});

function toBase64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(text: string): Uint8Array | undefined {
  try {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

export function encodeBundle(entries: readonly BundleEntry[]): string {
  return JSON.stringify({
    v: 1,
    entries: entries
      .slice(0, MAX_BUNDLE_ENTRIES)
      .map((x) => ({ k: x.key, b: toBase64(x.body), e: x.expires })),
  });
}

/** The entries of a stored bundle, or [] when it is not one we understand. */
export function decodeBundle(text: string): BundleEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  const parsed = BundleSchema.safeParse(raw);
  if (!parsed.success) return [];
  const out: BundleEntry[] = [];
  for (const x of parsed.data.entries) {
    const body = fromBase64(x.b);
    if (body !== undefined) out.push({ key: x.k, body, expires: x.e });
  }
  return out;
}

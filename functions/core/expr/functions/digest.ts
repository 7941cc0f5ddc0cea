/**
 * The digests of `hash()` (Stalwart: md5, sha1, sha256, sha512, lower-case hex) through
 * @noble/hashes: synchronous, as the evaluator is, where WebCrypto is async only.
 */
import { md5, sha1 } from "@noble/hashes/legacy.js";
import { sha256, sha512 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

const DIGESTS: ReadonlyMap<string, (data: Uint8Array) => Uint8Array> = new Map([
  ["md5", md5],
  ["sha1", sha1],
  ["sha256", sha256],
  ["sha512", sha512],
]);

/** Lower-case hex digest, or undefined for an algorithm Stalwart does not know. */
export function digest(algorithm: string, data: Uint8Array): string | undefined {
  const fn = DIGESTS.get(algorithm);
  return fn === undefined ? undefined : bytesToHex(fn(data));
}

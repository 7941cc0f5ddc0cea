/**
 * MD5, SHA-1, SHA-256 and SHA-512 in plain TypeScript for `hash()`: the evaluator is
 * synchronous and runs in the Worker and the browser, where WebCrypto is async only.
 */

const hex = (words: readonly number[]): string =>
  words.map((w) => (w >>> 0).toString(16).padStart(8, "0")).join("");

/** Pads to 64-byte blocks with the bit length (big- or little-endian) in the last 8 bytes. */
function pad(data: Uint8Array, block: number, lenBytes: number, littleEndian: boolean): DataView {
  const total = Math.ceil((data.length + 1 + lenBytes) / block) * block;
  const buf = new Uint8Array(total);
  buf.set(data);
  buf[data.length] = 0x80;
  const view = new DataView(buf.buffer);
  const bits = BigInt(data.length) * 8n;
  view.setBigUint64(total - 8, bits, littleEndian);
  return view;
}

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Array.from(
  { length: 64 },
  (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0,
);

function md5(data: Uint8Array): string {
  const v = pad(data, 64, 8, true);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let off = 0; off < v.byteLength; off += 64) {
    let [a, b, c, d] = h as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) [f, g] = [(b & c) | (~b & d), i];
      else if (i < 32) [f, g] = [(d & b) | (~d & c), (5 * i + 1) % 16];
      else if (i < 48) [f, g] = [b ^ c ^ d, (3 * i + 5) % 16];
      else [f, g] = [c ^ (b | ~d), (7 * i) % 16];
      const s = MD5_S[(i >> 4) * 4 + (i % 4)] ?? 0;
      const t = (a + f + (MD5_K[i] ?? 0) + v.getUint32(off + g * 4, true)) | 0;
      [a, d, c] = [d, c, b];
      b = (b + rotl(t, s)) | 0;
    }
    h[0] = ((h[0] ?? 0) + a) | 0;
    h[1] = ((h[1] ?? 0) + b) | 0;
    h[2] = ((h[2] ?? 0) + c) | 0;
    h[3] = ((h[3] ?? 0) + d) | 0;
  }
  const out = new DataView(new ArrayBuffer(16));
  h.forEach((w, i) => {
    out.setUint32(i * 4, w, true);
  });
  return hex(h.map((_, i) => out.getUint32(i * 4, false)));
}

function sha1(data: Uint8Array): string {
  const v = pad(data, 64, 8, false);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Array<number>(80).fill(0);
  for (let off = 0; off < v.byteLength; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = v.getUint32(off + i * 4);
    for (let i = 16; i < 80; i++)
      w[i] = rotl((w[i - 3] ?? 0) ^ (w[i - 8] ?? 0) ^ (w[i - 14] ?? 0) ^ (w[i - 16] ?? 0), 1);
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : i < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : i < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
              : [b ^ c ^ d, 0xca62c1d6];
      const t = (rotl(a, 5) + f + e + k + (w[i] ?? 0)) | 0;
      [e, d, c, b, a] = [d, c, rotl(b, 30), a, t];
    }
    [a, b, c, d, e].forEach((x, i) => {
      h[i] = ((h[i] ?? 0) + x) | 0;
    });
  }
  return hex(h);
}

const K256 = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

function sha256(data: Uint8Array): string {
  const v = pad(data, 64, 8, false);
  const h = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ];
  const w = new Array<number>(64).fill(0);
  for (let off = 0; off < v.byteLength; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = v.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15] ?? 0;
      const y = w[i - 2] ?? 0;
      const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
      const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
      w[i] = ((w[i - 16] ?? 0) + s0 + (w[i - 7] ?? 0) + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    for (let i = 0; i < 64; i++) {
      const t1 =
        (hh +
          (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) +
          ((e & f) ^ (~e & g)) +
          (K256[i] ?? 0) +
          (w[i] ?? 0)) |
        0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((x, i) => {
      h[i] = ((h[i] ?? 0) + x) | 0;
    });
  }
  return hex(h);
}

const M64 = (1n << 64n) - 1n;
const rotr64 = (x: bigint, n: bigint): bigint => ((x >> n) | (x << (64n - n))) & M64;
// SHA-512 round constants: the first 64 bits of the fractional parts of the cube roots of
// the first 80 primes, computed once with BigInt integer cube roots.
const K512 = (() => {
  const primes: bigint[] = [];
  for (let n = 2n; primes.length < 80; n++) if (primes.every((p) => n % p !== 0n)) primes.push(n);
  const cbrt = (x: bigint): bigint => {
    let lo = 0n;
    let hi = 1n << 100n;
    while (lo < hi) {
      const mid = (lo + hi + 1n) >> 1n;
      if (mid * mid * mid <= x) lo = mid;
      else hi = mid - 1n;
    }
    return lo;
  };
  return primes.map((p) => cbrt(p << 192n) & M64);
})();
const H512 = (() => {
  const primes = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n];
  const sqrt = (x: bigint): bigint => {
    let lo = 0n;
    let hi = 1n << 100n;
    while (lo < hi) {
      const mid = (lo + hi + 1n) >> 1n;
      if (mid * mid <= x) lo = mid;
      else hi = mid - 1n;
    }
    return lo;
  };
  return primes.map((p) => sqrt(p << 128n) & M64);
})();

function sha512(data: Uint8Array): string {
  const total = Math.ceil((data.length + 17) / 128) * 128;
  const buf = new Uint8Array(total);
  buf.set(data);
  buf[data.length] = 0x80;
  const v = new DataView(buf.buffer);
  v.setBigUint64(total - 8, BigInt(data.length) * 8n);
  const h = [...H512];
  const w = new Array<bigint>(80).fill(0n);
  for (let off = 0; off < total; off += 128) {
    for (let i = 0; i < 16; i++) w[i] = v.getBigUint64(off + i * 8);
    for (let i = 16; i < 80; i++) {
      const x = w[i - 15] ?? 0n;
      const y = w[i - 2] ?? 0n;
      const s0 = rotr64(x, 1n) ^ rotr64(x, 8n) ^ (x >> 7n);
      const s1 = rotr64(y, 19n) ^ rotr64(y, 61n) ^ (y >> 6n);
      w[i] = ((w[i - 16] ?? 0n) + s0 + (w[i - 7] ?? 0n) + s1) & M64;
    }
    let [a, b, c, d, e, f, g, hh] = h as [
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
    ];
    for (let i = 0; i < 80; i++) {
      const S1 = rotr64(e, 14n) ^ rotr64(e, 18n) ^ rotr64(e, 41n);
      const ch = (e & f) ^ (~e & M64 & g);
      const t1 = (hh + S1 + ch + (K512[i] ?? 0n) + (w[i] ?? 0n)) & M64;
      const S0 = rotr64(a, 28n) ^ rotr64(a, 34n) ^ rotr64(a, 39n);
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) & M64;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) & M64, c, b, a, (t1 + t2) & M64];
    }
    [a, b, c, d, e, f, g, hh].forEach((x, i) => {
      h[i] = ((h[i] ?? 0n) + x) & M64;
    });
  }
  return h.map((x) => x.toString(16).padStart(16, "0")).join("");
}

/** Lower-case hex digest, or undefined for an algorithm Stalwart does not know. */
export function digest(algorithm: string, data: Uint8Array): string | undefined {
  switch (algorithm) {
    case "md5":
      return md5(data);
    case "sha1":
      return sha1(data);
    case "sha256":
      return sha256(data);
    case "sha512":
      return sha512(data);
    default:
      return undefined;
  }
}

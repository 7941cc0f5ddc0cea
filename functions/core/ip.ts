/**
 * IP addresses exactly as Rust's `std::net` reads and prints them (Stalwart parses every
 * address with `IpAddr::from_str` and prints with `Display`).
 *
 * Parsing follows `core::net::parser`: IPv4 is four decimal octets of 1–3 digits with no
 * leading zero; IPv6 is up to eight hex groups of 1–4 digits, one `::` standing for at
 * least one zero group, optionally ending in a dotted IPv4 tail. No brackets, no zone
 * ids, no surrounding whitespace.
 */
export interface ParsedIp {
  readonly family: 4 | 6;
  /** Rust's `Display`: dotted quad, or RFC 5952 lower-case IPv6 (`::ffff:a.b.c.d` when mapped). */
  readonly canonical: string;
  /** 4 or 16 bytes, network order. */
  readonly bytes: Uint8Array;
}

class Cursor {
  pos = 0;
  constructor(readonly s: string) {}
  /** Runs `f`; on failure (undefined) rewinds, as Rust's `read_atomically`. */
  atomic<T>(f: () => T | undefined): T | undefined {
    const start = this.pos;
    const r = f();
    if (r === undefined) this.pos = start;
    return r;
  }
  char(c: string): boolean {
    if (this.s[this.pos] === c) {
      this.pos++;
      return true;
    }
    return false;
  }
  /** Rust's `read_number(radix, max_digits, allow_zero_prefix)`. */
  number(
    radix: 10 | 16,
    maxDigits: number,
    allowZeroPrefix: boolean,
    max: number,
  ): number | undefined {
    return this.atomic(() => {
      let value = 0;
      let digits = 0;
      const first = this.s[this.pos];
      while (digits < maxDigits) {
        const c = this.s[this.pos];
        if (c === undefined) break;
        const d =
          radix === 10
            ? /[0-9]/.test(c)
              ? Number(c)
              : -1
            : /[0-9a-fA-F]/.test(c)
              ? Number.parseInt(c, 16)
              : -1;
        if (d < 0) break;
        value = value * radix + d;
        digits++;
        this.pos++;
      }
      if (digits === 0 || value > max) return undefined;
      if (!allowZeroPrefix && first === "0" && digits > 1) return undefined;
      return value;
    });
  }
  ipv4(): number[] | undefined {
    return this.atomic(() => {
      const out: number[] = [];
      for (let i = 0; i < 4; i++) {
        if (i > 0 && !this.char(".")) return undefined;
        const n = this.number(10, 3, false, 255);
        if (n === undefined) return undefined;
        out.push(n);
      }
      return out;
    });
  }
  /** Rust's `read_groups`: fills up to `limit` 16-bit groups; returns [count, endedWithIpv4]. */
  groups(out: number[], limit: number): [number, boolean] {
    for (let i = 0; i < limit; i++) {
      if (i < limit - 1) {
        const v4 = this.atomic(() => {
          if (i > 0 && !this.char(":")) return undefined;
          return this.ipv4();
        });
        if (v4) {
          out[i] = ((v4[0] ?? 0) << 8) | (v4[1] ?? 0);
          out[i + 1] = ((v4[2] ?? 0) << 8) | (v4[3] ?? 0);
          return [i + 2, true];
        }
      }
      const g = this.atomic(() => {
        if (i > 0 && !this.char(":")) return undefined;
        return this.number(16, 4, true, 0xffff);
      });
      if (g === undefined) return [i, false];
      out[i] = g;
    }
    return [limit, false];
  }
  ipv6(): number[] | undefined {
    return this.atomic(() => {
      const head: number[] = [];
      const [headSize, headV4] = this.groups(head, 8);
      if (headSize === 8) return head;
      if (headV4) return undefined;
      if (!this.char(":") || !this.char(":")) return undefined;
      const tail: number[] = [];
      const [tailSize] = this.groups(tail, 8 - (headSize + 1));
      const segs = new Array<number>(8).fill(0);
      for (let i = 0; i < headSize; i++) segs[i] = head[i] ?? 0;
      for (let i = 0; i < tailSize; i++) segs[8 - tailSize + i] = tail[i] ?? 0;
      return segs;
    });
  }
}

function v4Text(b: ArrayLike<number>): string {
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

/** Rust's `Ipv6Addr` Display (RFC 5952; `::ffff:a.b.c.d` for IPv4-mapped addresses). */
function v6Text(segs: readonly number[]): string {
  if (segs.slice(0, 5).every((s) => s === 0) && segs[5] === 0xffff) {
    const a = segs[6] ?? 0;
    const b = segs[7] ?? 0;
    return `::ffff:${v4Text([a >> 8, a & 255, b >> 8, b & 255])}`;
  }
  // Longest run of zero groups (first one on a tie), compressed only if longer than 1.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (segs[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && segs[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (list: readonly number[]) => list.map((s) => s.toString(16)).join(":");
  if (bestLen > 1) {
    return `${hex(segs.slice(0, bestStart))}::${hex(segs.slice(bestStart + bestLen))}`;
  }
  return hex(segs);
}

export function parseIp(text: string): ParsedIp | null {
  const v4 = new Cursor(text);
  const octets = v4.ipv4();
  if (octets && v4.pos === text.length) {
    return { family: 4, canonical: v4Text(octets), bytes: Uint8Array.from(octets) };
  }
  const v6 = new Cursor(text);
  const segs = v6.ipv6();
  if (segs && v6.pos === text.length) {
    const bytes = new Uint8Array(16);
    segs.forEach((s, i) => {
      bytes[i * 2] = s >> 8;
      bytes[i * 2 + 1] = s & 255;
    });
    return { family: 6, canonical: v6Text(segs), bytes };
  }
  return null;
}

/** Rust's `IpAddr::is_loopback`: 127.0.0.0/8 or exactly `::1` (a mapped 127.x is not). */
export function isLoopback(ip: ParsedIp): boolean {
  if (ip.family === 4) return ip.bytes[0] === 127;
  return ip.bytes.every((b, i) => (i === 15 ? b === 1 : b === 0));
}

/**
 * mail-auth's `ToReverseName` (used by `ip_reverse_name()` and PTR lookups): IPv4 octets
 * reversed, or the 32 IPv6 nibbles reversed, dot-separated, without the arpa suffix.
 */
export function reverseName(ip: ParsedIp): string {
  if (ip.family === 4) return Array.from(ip.bytes).reverse().join(".");
  const nibbles: string[] = [];
  for (let i = 15; i >= 0; i--) {
    const b = ip.bytes[i] ?? 0;
    nibbles.push((b & 15).toString(16), (b >> 4).toString(16));
  }
  return nibbles.join(".");
}

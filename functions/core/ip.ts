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

/** Value of the digit with code `c` in `radix`, or -1. */
function digit(c: number, radix: 10 | 16): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (radix === 16) {
    const l = c | 0x20;
    if (l >= 97 && l <= 102) return l - 87;
  }
  return -1;
}

/**
 * Rust's `core::net::parser::Parser`. Every `read_*` that fails rewinds to where it
 * started (Rust's `read_atomically`); failures are -1 / false instead of `None`, without
 * closures or arrays per step (parseIp is on every what-if record and every attempt).
 */
class Cursor {
  pos = 0;
  /** Whether the last `groups()` ended with an embedded IPv4 address. */
  endedWithIpv4 = false;
  constructor(readonly s: string) {}
  char(c: number): boolean {
    if (this.s.charCodeAt(this.pos) === c) {
      this.pos++;
      return true;
    }
    return false;
  }
  /** Rust's `read_number(radix, max_digits, allow_zero_prefix)`; -1 = None. */
  number(radix: 10 | 16, maxDigits: number, allowZeroPrefix: boolean, max: number): number {
    const start = this.pos;
    const first = this.s.charCodeAt(start);
    let value = 0;
    let digits = 0;
    while (digits < maxDigits) {
      const d = digit(this.s.charCodeAt(this.pos), radix);
      if (d < 0) break;
      value = value * radix + d;
      digits++;
      this.pos++;
    }
    if (digits === 0 || value > max || (!allowZeroPrefix && first === 48 && digits > 1)) {
      this.pos = start;
      return -1;
    }
    return value;
  }
  /** Four dotted octets as one unsigned 32-bit number; -1 = None. */
  ipv4(): number {
    const start = this.pos;
    let out = 0;
    for (let i = 0; i < 4; i++) {
      const n = i > 0 && !this.char(46 /* . */) ? -1 : this.number(10, 3, false, 255);
      if (n < 0) {
        this.pos = start;
        return -1;
      }
      out = out * 256 + n;
    }
    return out;
  }
  /** Rust's `read_groups`: fills up to `limit` 16-bit groups, returns how many (see endedWithIpv4). */
  groups(out: number[], limit: number): number {
    this.endedWithIpv4 = false;
    for (let i = 0; i < limit; i++) {
      if (i < limit - 1) {
        const start = this.pos;
        const v4 = i > 0 && !this.char(58 /* : */) ? -1 : this.ipv4();
        if (v4 >= 0) {
          out[i] = Math.floor(v4 / 65536);
          out[i + 1] = v4 % 65536;
          this.endedWithIpv4 = true;
          return i + 2;
        }
        this.pos = start;
      }
      const start = this.pos;
      const g = i > 0 && !this.char(58 /* : */) ? -1 : this.number(16, 4, true, 0xffff);
      if (g < 0) {
        this.pos = start;
        return i;
      }
      out[i] = g;
    }
    return limit;
  }
  /** Eight 16-bit groups, or null (rewound). */
  ipv6(): number[] | null {
    const start = this.pos;
    const head: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
    const headSize = this.groups(head, 8);
    if (headSize === 8) return head;
    if (this.endedWithIpv4 || !this.char(58 /* : */) || !this.char(58 /* : */)) {
      this.pos = start;
      return null;
    }
    const tail: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
    const tailSize = this.groups(tail, 8 - (headSize + 1));
    // `::` stands for the zero groups between head and tail.
    for (let i = headSize; i < 8; i++) head[i] = 0;
    for (let i = 0; i < tailSize; i++) head[8 - tailSize + i] = tail[i] ?? 0;
    return head;
  }
}

function v4Text(b: ArrayLike<number>): string {
  return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
}

/** `segs[from..to)` in hex, colon-separated. */
function hexGroups(segs: readonly number[], from: number, to: number): string {
  let out = "";
  for (let i = from; i < to; i++)
    out += i === from ? (segs[i] ?? 0).toString(16) : `:${(segs[i] ?? 0).toString(16)}`;
  return out;
}

/** Rust's `Ipv6Addr` Display (RFC 5952; `::ffff:a.b.c.d` for IPv4-mapped addresses). */
function v6Text(segs: readonly number[]): string {
  if (
    segs[0] === 0 &&
    segs[1] === 0 &&
    segs[2] === 0 &&
    segs[3] === 0 &&
    segs[4] === 0 &&
    segs[5] === 0xffff
  ) {
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
  if (bestLen > 1) {
    return `${hexGroups(segs, 0, bestStart)}::${hexGroups(segs, bestStart + bestLen, 8)}`;
  }
  return hexGroups(segs, 0, 8);
}

export function parseIp(text: string): ParsedIp | null {
  const cursor = new Cursor(text);
  const v4 = cursor.ipv4();
  if (v4 >= 0 && cursor.pos === text.length) {
    const bytes = Uint8Array.of(v4 >>> 24, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255);
    return { family: 4, canonical: bytes.join("."), bytes };
  }
  cursor.pos = 0;
  const segs = cursor.ipv6();
  if (!segs || cursor.pos !== text.length) return null;
  const bytes = new Uint8Array(16);
  segs.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 255;
  });
  return { family: 6, canonical: v6Text(segs), bytes };
}

/** Rust's `IpAddr::is_loopback`: 127.0.0.0/8 or exactly `::1` (a mapped 127.x is not). */
export function isLoopback(ip: ParsedIp): boolean {
  if (ip.family === 4) return ip.bytes[0] === 127;
  return ip.canonical === "::1";
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

/** The PTR owner name of an address: `<reversed>.in-addr.arpa` or `<nibbles>.ip6.arpa`. */
export function reverseLookupName(ip: ParsedIp): string {
  return `${reverseName(ip)}.${ip.family === 4 ? "in-addr" : "ip6"}.arpa`;
}

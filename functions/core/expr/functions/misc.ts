/** misc.rs and email.rs: emptiness, numbers, IP addresses and e-mail addresses. */
import { type ParsedIp, parseIp, reverseName } from "../../ip";
import { valueToString } from "../format";
import { bool, EMPTY, str, type Value } from "../value";
import { transform, trim } from "./transform";

type Fn = (a: readonly Value[]) => Value;
const arg = (a: readonly Value[], i: number): Value => a[i] ?? EMPTY;

/** `is_empty`: `''` or `[]`; a number is never empty. */
const isEmpty: Fn = (a) => {
  const v = arg(a, 0);
  return bool(
    v.kind === "string" ? v.value === "" : v.kind === "array" ? v.value.length === 0 : false,
  );
};

/** `is_number`: true only for integers and floats (`'123'` is a string). */
const isNumber: Fn = (a) => {
  const k = arg(a, 0).kind;
  return bool(k === "integer" || k === "float");
};

const ipOf = (a: readonly Value[]) => parseIp(valueToString(arg(a, 0)));

/** Stalwart's `fn_is_email`: a byte scanner, not an RFC parser. */
function isEmail(text: string): boolean {
  const bytes = new TextEncoder().encode(text);
  let last = 0;
  let inQuote = false;
  let at = 0;
  let dots = 0;
  let localLen = 0;
  let value = 0;
  for (const ch of bytes) {
    const c = String.fromCharCode(ch);
    if (/[0-9a-zA-Z!#$%&'*+\-/=?^_`{|}~]/.test(c) || ch >= 0x7f) value++;
    else if (c === "." && !inQuote) {
      if (last !== 0x2e && last !== 0x40 && value !== 0) {
        value++;
        if (at === 1) dots++;
      } else return false;
    } else if (c === "@" && !inQuote) {
      at++;
      localLen = value;
      value = 0;
    } else if ((c === ">" || c === ":" || c === "," || c === " ") && inQuote) value++;
    else if (c === '"' && (!inQuote || last !== 0x5c)) inQuote = !inQuote;
    else if (c === "\\" && inQuote && last !== 0x5c) {
      // an escape inside quotes
    } else if (!inQuote) return false;
    last = ch;
  }
  return at === 1 && dots > 0 && localLen > 0 && value > 0;
}

/** `email_part(x, 'local'|'domain')`: split at the last `@`, trimmed; else `''`. */
const emailPart: Fn = (a) => {
  const part = valueToString(arg(a, 1));
  return transform(arg(a, 0), (s) => {
    const at = s.lastIndexOf("@");
    if (at < 0) return EMPTY;
    if (part === "local") return str(trim(s.slice(0, at)));
    if (part === "domain") return str(trim(s.slice(at + 1)));
    return EMPTY;
  });
};

/**
 * v0.16.5+ `is_ip_in_cidr(ip, cidr)` (functions/misc.rs @v0.16.18:50-58 and
 * `IpAddrOrMask`, registry types/ipmask.rs): false unless `ip` parses; `cidr` is an
 * address (an exact match, IPv4 also matching its IPv4-mapped IPv6 form) or `addr/n`
 * with n from 8 to 32 (IPv4, which also matches IPv4-compatible and -mapped IPv6) or to
 * 128 (IPv6, against which IPv4 is compared in its mapped form); anything else is false.
 */
const isIpInCidr: Fn = (a) => {
  const ip = ipOf(a);
  const [addr, bits] = cidrOf(valueToString(arg(a, 1)));
  if (ip === null || addr === null) return bool(false);
  if (addr.family === 4) {
    const v4 = bits === 32 ? mappedV4(ip, false) : mappedV4(ip, true);
    return bool(v4 !== null && prefixEqual(v4, addr.bytes, bits));
  }
  const v6 = ip.family === 6 ? ip.bytes : mapped(ip.bytes);
  return bool(prefixEqual(v6, addr.bytes, bits));
};

/** `addr/n` (n within the family's range) or a bare address (all bits); else null. */
function cidrOf(text: string): [ParsedIp | null, number] {
  const slash = text.lastIndexOf("/");
  if (slash < 0) {
    const ip = parseIp(text.trim());
    return [ip, ip?.family === 4 ? 32 : 128];
  }
  const ip = parseIp(text.slice(0, slash).trim());
  const n = /^\+?[0-9]+$/.test(text.slice(slash + 1).trim())
    ? Number(
        text
          .slice(slash + 1)
          .trim()
          .replace("+", ""),
      )
    : -1;
  const max = ip?.family === 4 ? 32 : 128;
  return n >= 8 && n <= max ? [ip, n] : [null, 0];
}

/** IPv4 bytes of `ip`: itself, or from IPv4-mapped (and, with `compatible`, ::a.b.c.d) IPv6. */
function mappedV4(ip: ParsedIp, compatible: boolean): Uint8Array | null {
  if (ip.family === 4) return ip.bytes;
  const b = ip.bytes;
  if (b.slice(0, 10).some((x) => x !== 0)) return null;
  const tag = (b[10] ?? 0) * 256 + (b[11] ?? 0);
  return tag === 0xffff || (compatible && tag === 0) ? b.slice(12) : null;
}

const mapped = (v4: Uint8Array): Uint8Array =>
  Uint8Array.from([...new Array(10).fill(0), 255, 255, ...v4]);

/** Whether the first `bits` bits of `a` and `b` are equal. */
function prefixEqual(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((a[byte] ?? 0) & mask) !== ((b[byte] ?? 0) & mask)) return false;
  }
  return true;
}

export const MISC_FUNCTIONS: ReadonlyMap<string, Fn> = new Map([
  ["is_empty", isEmpty],
  ["is_number", isNumber],
  ["is_ip_addr", (a: readonly Value[]) => bool(ipOf(a) !== null)],
  ["is_ipv4_addr", (a: readonly Value[]) => bool(ipOf(a)?.family === 4)],
  ["is_ipv6_addr", (a: readonly Value[]) => bool(ipOf(a)?.family === 6)],
  [
    "ip_reverse_name",
    (a: readonly Value[]) => {
      const ip = ipOf(a);
      return ip ? str(reverseName(ip)) : EMPTY;
    },
  ],
  ["is_email", (a: readonly Value[]) => bool(isEmail(valueToString(arg(a, 0))))],
  ["email_part", emailPart],
  ["is_ip_in_cidr", isIpInCidr],
]);

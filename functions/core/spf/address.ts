/**
 * The client address as SPF sees it, and CIDR matching (RFC 7208 §5.6).
 */
import { type ParsedIp, parseIp } from "../ip";

/**
 * The address `check_host()` works with: an IPv4-mapped IPv6 address is the IPv4 address
 * (§5, "IPv4-mapped IPv6 addresses MUST still be considered IPv4"); null if not an address.
 */
export function clientIp(text: string): ParsedIp | null {
  const ip = parseIp(text);
  if (ip === null || ip.family === 4) return ip;
  const b = ip.bytes;
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return ip;
  if (b[10] !== 0xff || b[11] !== 0xff) return ip;
  return parseIp(`${b[12]}.${b[13]}.${b[14]}.${b[15]}`);
}

/** Whether `ip` is in `network`/`bits` (same family only). */
export function inPrefix(ip: ParsedIp, network: ParsedIp, bits: number): boolean {
  if (ip.family !== network.family) return false;
  const a = ip.bytes;
  const b = network.bytes;
  let i = 0;
  let left = bits;
  for (; left >= 8; left -= 8, i++) if (a[i] !== b[i]) return false;
  if (left === 0) return true;
  const mask = (0xff << (8 - left)) & 0xff;
  return ((a[i] ?? 0) & mask) === ((b[i] ?? 0) & mask);
}
